/**
 * The `scitsim` command. Thin: every subcommand calls the same library functions as the examples and
 * the tests.
 *
 *   scitsim paper [--seeds 1000] [--cycles 30] [--seed 1] [--out out/paper] [--json]
 *   scitsim cloudsim <1-8> [--json]
 *   scitsim scale --hosts H --vms V --cloudlets C [--csv FILE]
 *   scitsim check my-strategy.ts|<built-in> [--export Name] [--runs 100] [--seed N [--path P]] [--long]
 *                 [--no-preserves-redundancy] [--progress] [--live-when C] [--decision-timeout S] [--json]
 *   scitsim strategies
 */
import { Command } from '@commander-js/extra-typings';
import { ROTATION_STRATEGIES } from '../policies/scit/module.js';
import { checkCommand } from './check.js';
import { cloudsimCommand, scaleCommand } from './cloudsim.js';
import { runCli } from './errors.js';
import { paperCommand } from './paper.js';

const program = new Command()
  .name('scitsim')
  .description('CloudSim-style discrete-event simulation of self-cleansing intrusion tolerance (SCIT)')
  .showHelpAfterError();

program.addCommand(paperCommand('paper'));

program.addCommand(cloudsimCommand());
program.addCommand(scaleCommand(() => performance.now()));
program.addCommand(checkCommand());

program
  .command('strategies')
  .description('List the built-in SCIT rotation strategies (names for --strategies)')
  .action(() => {
    for (const name of Object.keys(ROTATION_STRATEGIES)) console.log(name);
  });

await runCli(() => program.parseAsync());
