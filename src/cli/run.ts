/** `scitsim run FILE`: runs a scenario file (kind `scit` or `cloudsim`). */
import { Command } from '@commander-js/extra-typings';
import { DECISION_TIMEOUT_OPTION } from './args.js';

/** The `run` command. */
export function runCommand() {
  return new Command('run')
    .description('Run a scenario file (JSON or YAML): kind "scit" (a SCIT experiment) or "cloudsim"')
    .argument('<file>', 'the scenario (see schema/scenario.schema.json)')
    .option('--out <dir>', 'output directory (default: the scenario’s output.dir)')
    .option('--json', 'print the summary (scit) or the cloudlet rows (cloudsim) as JSON')
    .option(
      DECISION_TIMEOUT_OPTION.flags,
      DECISION_TIMEOUT_OPTION.description,
      DECISION_TIMEOUT_OPTION.parse,
      DECISION_TIMEOUT_OPTION.default,
    )
    .action(async (file, opts) => {
      // The scenario's modules load only when it runs (not for --help or a usage error).
      const { runScenarioFile } = await import('./run-action.js');
      await runScenarioFile(file, opts);
    });
}

export type RunOptions = ReturnType<ReturnType<typeof runCommand>['opts']>;
