/**
 * The `scitsim` command. Thin: every subcommand calls the same library functions as the examples and
 * the tests.
 *
 *   scitsim paper [--seeds 1000] [--cycles 30] [--seed 1] [--out out/paper] [--json] [--strategy-file F]
 *   scitsim security [--seeds 200] [--preset-seeds 400] [--exposures 30,60,…] [--intervals 60,…] [--out out/security]
 *                    [--json] [--strategies a,b] [--strategy-file F] [--attack-interval A] [--escape D] [--recovery R]
 *   scitsim run scenario.json [--out DIR] [--json]
 *   scitsim sweep scenario.json --out DIR [--workers N] [--shard i/n] [--resume]
 *   scitsim merge OUT DIR…
 *   scitsim scale --hosts H --vms V --cloudlets C [--csv FILE]
 *   scitsim check my-strategy.ts|<built-in> [--export Name] [--runs 100] [--seed N [--path P]] [--long]
 *                 [--no-preserves-redundancy] [--progress] [--live-when C] [--decision-timeout S] [--json]
 *   scitsim strategies
 */
import { Command } from '@commander-js/extra-typings';
import { ROTATION_STRATEGIES } from '../policies/scit/module.js';
import { scenarioJsonSchema } from '../scenario/schema.js';
import { checkCommand } from './check.js';
import { runCli, usageErrorsExit2 } from './exit-codes.js';
import { paperCommand } from './paper.js';
import { runCommand } from './run.js';
import { scaleCommand } from './scale.js';
import { securityCommand } from './security.js';
import { mergeCommand, sweepCommand } from './sweep.js';

/** The `scitsim` program: every subcommand, usage errors exiting 2. */
export function scitsimProgram() {
  const program = new Command()
    .name('scitsim')
    .description('CloudSim-style discrete-event simulation of self-cleansing intrusion tolerance (SCIT)')
    .showHelpAfterError();
  program.addCommand(paperCommand('paper'));
  program.addCommand(securityCommand());
  program.addCommand(runCommand());
  program.addCommand(sweepCommand());
  program.addCommand(mergeCommand());
  program.addCommand(scaleCommand(() => performance.now()));
  program.addCommand(checkCommand());
  program
    .command('schema')
    .description(
      'Print the JSON Schema of scenario files (schema/scenario.schema.json), or with --results of ' +
        'the JSON results (schema/results.schema.json)',
    )
    .option('--results', 'the JSON Schema of results (paper, run, security, sweep.json)')
    .action(async (opts) => {
      const schema = opts.results
        ? (await import('../experiments/scit/result-schema.js')).resultsJsonSchema()
        : scenarioJsonSchema();
      console.log(JSON.stringify(schema, null, 2));
    });
  program
    .command('strategies')
    .description('List the built-in SCIT rotation strategies (names for --strategies)')
    .action(() => {
      for (const name of Object.keys(ROTATION_STRATEGIES)) console.log(name);
    });
  // Usage errors (an unknown option, a bad value) exit 2 like configuration errors, in every command;
  // help and version exit 0. Commander has printed its message by then.
  usageErrorsExit2(program);
  return program;
}

/** Runs `scitsim` with the user's arguments (`args` without node and the script) in this process. */
export function scitsim(args: readonly string[]): Promise<void> {
  return runCli(() => scitsimProgram().parseAsync([...args], { from: 'user' }));
}
