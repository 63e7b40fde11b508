/**
 * The `scitsim` command. Thin: every subcommand calls the same library functions as the examples and
 * the tests.
 *
 *   scitsim paper [--seeds 1000] [--cycles 30] [--seed 1] [--out out/paper] [--json]
 *   scitsim cloudsim <1-8> [--json]
 *   scitsim scale --hosts H --vms V --cloudlets C [--csv FILE]
 *   scitsim check my-strategy.ts [--export Name] [--runs 100] [--seed N]
 *   scitsim strategies
 */
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { scaleMain } from '../experiments/cloudsim/cli.js';
import { EXAMPLES } from '../experiments/cloudsim/examples.js';
import { formatResults } from '../experiments/cloudsim/table.js';
import { ROTATION_STRATEGIES } from '../policies/scit/module.js';
import { checkCommand } from './check.js';
import { runCli } from './errors.js';
import { paperCommand } from './paper.js';

function exampleNumber(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || EXAMPLES[n] === undefined)
    throw new InvalidArgumentError(`valid values are: ${Object.keys(EXAMPLES).join(', ')}.`);
  return n;
}

const program = new Command()
  .name('scitsim')
  .description('CloudSim-style discrete-event simulation of self-cleansing intrusion tolerance (SCIT)')
  .showHelpAfterError();

program.addCommand(paperCommand('paper'));

program
  .command('cloudsim')
  .description("Run a port of CloudSim 7.0.1's CloudSimExample1-8 and print its cloudlet table")
  .argument('<example>', 'example number, 1-8', exampleNumber)
  .option('--json', 'one JSON array of cloudlet rows (full precision) instead of the table')
  .action((n, opts) => {
    const result = EXAMPLES[n]();
    console.log(opts.json ? JSON.stringify(result.rows) : formatResults(result.rows, result.brokers));
  });

program
  .command('scale')
  .description("CloudSim's scale scenario (same finish times as CloudSim 7.0.1)")
  .allowUnknownOption()
  .helpOption(false)
  .allowExcessArguments()
  .action((_opts, command) => {
    scaleMain(() => performance.now(), ['node', 'scale', ...command.args]);
  });

program.addCommand(checkCommand());

program
  .command('strategies')
  .description('List the built-in SCIT rotation strategies (names for --strategies)')
  .action(() => {
    for (const name of Object.keys(ROTATION_STRATEGIES)) console.log(name);
  });

await runCli(() => program.parseAsync());
