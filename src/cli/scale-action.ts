/** The action of `scitsim scale` (./scale.ts), loaded when the command runs. */
import { runScale, scaleCsv } from '../experiments/cloudsim/scale-scenario.js';
import { checkOutputFile, writeFileAtomic } from '../report/files.js';
import { createRunContainer } from '../runs/container.js';
import type { ScaleOptions } from './scale.js';

/** Runs the scale scenario with the parsed options of `scitsim scale`; `now` is a wall clock in ms. */
export async function runScaleCommand(options: ScaleOptions, now: () => number): Promise<void> {
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
}
