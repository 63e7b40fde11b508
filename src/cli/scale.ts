/** `scitsim scale`: CloudSim's scale scenario from the command line. */
import { Command } from '@commander-js/extra-typings';
import { wholeNumber } from './args.js';

/**
 * `scale --hosts H --vms V --cloudlets C [--csv FILE]`. `now` is a wall clock in milliseconds (the
 * library itself never reads the wall clock).
 */
export function scaleCommand(now: () => number) {
  return new Command('scale')
    .description(
      "CloudSim's scale scenario (examples/cloudsim/README.md), with the same finish times as CloudSim 7.0.1",
    )
    .requiredOption('--hosts <H>', 'hosts (8 PEs x 10000 MIPS each)', wholeNumber('--hosts', 1))
    .requiredOption('--vms <V>', 'VMs (2 PEs x 1000 MIPS each)', wholeNumber('--vms', 1))
    .requiredOption(
      '--cloudlets <C>',
      'cloudlets (lengths from java.util.Random(42))',
      wholeNumber('--cloudlets', 1),
    )
    .option('--csv <FILE>', 'also write one CSV row per cloudlet (id order)')
    .option('--general', 'use the general per-cloudlet scheduler instead of the fast per-VM one')
    .action(async (options) => {
      const { runScaleCommand } = await import('./scale-action.js');
      await runScaleCommand(options, now);
    });
}

export type ScaleOptions = ReturnType<ReturnType<typeof scaleCommand>['opts']>;
