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
 *   scitsim init DIR [--from SPEC]
 *   scitsim strategies
 *   scitsim schema
 *   scitsim --version
 *
 * Start-up is kept short (every Slurm task, test and example that spawns the command pays it): this
 * module and the commands' definitions load only light modules, and each command's action imports
 * what it needs (the experiments, inversify, zod, fast-check, the worker pool) when it runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Command } from '@commander-js/extra-typings';
import { packageFileUrl, runsFromSources } from '../core/package-files.js';
import { ROTATION_STRATEGY_NAMES } from '../policies/scit/strategy-names.js';
import { checkCommand } from './check.js';
import { runCli, usageErrorsExit2 } from './exit-codes.js';
import { initCommand } from './init.js';
import { paperCommand } from './paper.js';
import { runCommand } from './run.js';
import { scaleCommand } from './scale.js';
import { securityCommand } from './security.js';
import { mergeCommand, sweepCommand } from './sweep.js';

/** The version in the package's package.json. */
function packageVersion(): string {
  const text = readFileSync(packageFileUrl('package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/**
 * What `scitsim schema` prints. The compiled package prints the schema file it ships
 * (schema/scenario.schema.json: `npm run schema` writes it from `scenarioJsonSchema()`, the test suite
 * keeps the two equal, and test:package compares the installed command with the installed function),
 * so that the command does not load zod (~0.1 s); the sources, which `npm run schema` runs, build it.
 */
async function scenarioSchemaText(): Promise<string> {
  const shipped = packageFileUrl('schema/scenario.schema.json');
  if (!runsFromSources() && existsSync(shipped)) return readFile(shipped, 'utf8');
  const { scenarioJsonSchema } = await import('../scenario/schema.js');
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

/** The `scitsim` program: every subcommand, usage errors exiting 2. */
export function scitsimProgram() {
  const program = new Command()
    .name('scitsim')
    .description('CloudSim-style discrete-event simulation of self-cleansing intrusion tolerance (SCIT)')
    .version(packageVersion(), '-V, --version', 'print the version of scitsim')
    .showHelpAfterError();
  program.addCommand(paperCommand('paper'));
  program.addCommand(securityCommand());
  program.addCommand(runCommand());
  program.addCommand(sweepCommand());
  program.addCommand(mergeCommand());
  program.addCommand(scaleCommand(() => performance.now()));
  program.addCommand(checkCommand());
  program.addCommand(initCommand());
  program
    .command('schema')
    .description(
      'Print the JSON Schema of scenario files (schema/scenario.schema.json), or with --results of ' +
        'the JSON results (schema/results.schema.json)',
    )
    .option('--results', 'the JSON Schema of results (paper, run, security, sweep.json)')
    .action(async (opts) => {
      if (opts.results) {
        const { resultsJsonSchema } = await import('../experiments/scit/result-schema.js');
        process.stdout.write(`${JSON.stringify(resultsJsonSchema(), null, 2)}\n`);
        return;
      }
      process.stdout.write(await scenarioSchemaText());
    });
  program
    .command('strategies')
    .description('List the built-in SCIT rotation strategies (names for --strategies)')
    .action(() => {
      for (const name of ROTATION_STRATEGY_NAMES) console.log(name);
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
