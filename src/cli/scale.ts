/** `scitsim scale`: CloudSim's scale scenario from the command line. */
import { Command } from '@commander-js/extra-typings';
import { runScale, scaleCsv } from '../experiments/cloudsim/scale-scenario.js';
import { checkOutputFile, writeFileAtomic } from '../report/files.js';
import { createRunContainer } from '../runs/container.js';
import { wholeNumber } from './args.js';

/**
 * `scale --hosts H --vms V --cloudlets C [--csv FILE]`. `now` is a wall clock in milliseconds (the
 * library itself never reads the wall clock).
 */
export function scaleCommand(now: () => number) {
  return new Command('scale')
    .description(
      "CloudSim's scale scenario (cloudsim-examples.md), with the same finish times as CloudSim 7.0.1",
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
      if (options.csv !== undefined) await checkOutputFile(options.csv, '--csv');
      const container = createRunContainer({
        cloudletScheduler: options.general === true ? 'time-shared-general' : 'time-shared',
      });
      const start = now();
      const result = runScale(container, {
        hosts: options.hosts,
        vms: options.vms,
        cloudlets: options.cloudlets,
      });
      const wallSeconds = (now() - start) / 1000;
      if (options.csv !== undefined) await writeFileAtomic(options.csv, scaleCsv(result));
      const lines = [
        `scale (H, V, C) = (${options.hosts}, ${options.vms}, ${options.cloudlets})`,
        `wall time:        ${wallSeconds.toFixed(3)} s`,
        `end time:         ${result.endTime}`,
        `max finish:       ${result.maxFinishTime}`,
        `finished:         ${result.finishedCount}`,
        `did not run:      ${result.notRun.length}${result.notRun.length > 0 ? ' (their VMs could not be created)' : ''}`,
        `finish-time sum:  ${result.finishTimeSum.toFixed(3)}`,
        `events:           ${result.events}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
