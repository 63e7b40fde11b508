/**
 * Command-line front ends of the CloudSim examples and the scale scenario: `scitsim cloudsim N`,
 * `scitsim scale`, and the scripts in examples/cloudsim (one-line calls to these).
 */
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { EXAMPLES } from '../experiments/cloudsim/examples.js';
import { runScale, scaleCsv } from '../experiments/cloudsim/scale.js';
import { formatResults } from '../experiments/cloudsim/table.js';
import { writeFileAtomic } from '../experiments/io.js';
import { wholeNumber } from './args.js';

function exampleNumber(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || EXAMPLES[n] === undefined)
    throw new InvalidArgumentError(`valid values are: ${Object.keys(EXAMPLES).join(', ')}.`);
  return n;
}

function printExample(n: number, json: boolean): void {
  const result = EXAMPLES[n]();
  process.stdout.write(
    `${json ? JSON.stringify(result.rows) : formatResults(result.rows, result.brokers)}\n`,
  );
}

const JSON_HELP = 'print one JSON array of cloudlet rows (full precision) instead of the table';

/** `scitsim cloudsim <n> [--json]`. */
export function cloudsimCommand() {
  return new Command('cloudsim')
    .description("Run a port of CloudSim 7.0.1's CloudSimExample1-8 and print its cloudlet table")
    .argument('<example>', 'example number, 1-8', exampleNumber)
    .option('--json', JSON_HELP)
    .action((n, opts) => printExample(n, opts.json === true));
}

/** `exampleN.ts [--json]`: one fixed example. */
export function exampleCommand(n: number) {
  return new Command(`example${n}`)
    .description(`Port of CloudSim 7.0.1's CloudSimExample${n}`)
    .option('--json', JSON_HELP)
    .action((opts) => printExample(n, opts.json === true));
}

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
      const start = now();
      const result = runScale({
        hosts: options.hosts,
        vms: options.vms,
        cloudlets: options.cloudlets,
        fast: options.general !== true,
      });
      const wallSeconds = (now() - start) / 1000;
      if (options.csv !== undefined) await writeFileAtomic(options.csv, scaleCsv(result));
      const lines = [
        `scale (H, V, C) = (${options.hosts}, ${options.vms}, ${options.cloudlets})`,
        `wall time:        ${wallSeconds.toFixed(3)} s`,
        `end time:         ${result.endTime}`,
        `max finish:       ${result.maxFinishTime}`,
        `finished:         ${result.finishedCount}`,
        `finish-time sum:  ${result.finishTimeSum.toFixed(3)}`,
        `events:           ${result.events}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
