/**
 * Command-line front ends of the CloudSim examples and the scale scenario (the scripts in
 * examples/cloudsim are one-line calls to these), so the CLI and the tests run the same code.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { EXAMPLES } from './examples.js';
import { runScale, type ScaleResult } from './scale.js';
import { formatResults } from './table.js';

/** Runs example `n`; prints CloudSim's table, or with `--json` one JSON array of rows. */
export function exampleMain(n: number, argv: readonly string[] = process.argv): void {
  const program = new Command(`example${n}`)
    .description(`Port of CloudSim 7.0.1's CloudSimExample${n}`)
    .option('--json', 'print one JSON array of cloudlet rows (full precision) instead of the table');
  program.parse(argv as string[]);
  const run = EXAMPLES[n];
  if (run === undefined) throw new RangeError(`no CloudSim example ${n} (valid: 1-8)`);
  const result = run();
  const text = program.opts().json ? JSON.stringify(result.rows) : formatResults(result.rows, result.brokers);
  process.stdout.write(`${text}\n`);
}

function positiveInteger(name: string) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1) {
      throw new InvalidArgumentError(`${name} must be an integer >= 1 (got "${value}")`);
    }
    return parsed;
  };
}

/** CSV of a scale run: `cloudletId,lengthMI,vmId,status,execStartTime,finishTime,actualCPUTime`, id order. */
export function scaleCsv(result: ScaleResult): string {
  const lines = ['cloudletId,lengthMI,vmId,status,execStartTime,finishTime,actualCPUTime'];
  for (const c of result.cloudlets) {
    lines.push(
      [c.id, c.lengthMi, c.vmId ?? -1, c.status, c.execStartTime, c.finishTime, c.actualCpuTime].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `text` to `file` through a temporary file and a rename (no half-written file on failure). */
export function writeFileAtomic(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/**
 * `scale.ts --hosts H --vms V --cloudlets C [--csv FILE]`. `now` is a wall clock in milliseconds (the
 * script passes `performance.now`; the library itself never reads the wall clock).
 */
export function scaleMain(now: () => number, argv: readonly string[] = process.argv): void {
  const program = new Command('scale')
    .description(
      "CloudSim's scale scenario (cloudsim-examples.md), with the same finish times as CloudSim 7.0.1",
    )
    .requiredOption('--hosts <H>', 'hosts (8 PEs x 10000 MIPS each)', positiveInteger('--hosts'))
    .requiredOption('--vms <V>', 'VMs (2 PEs x 1000 MIPS each)', positiveInteger('--vms'))
    .requiredOption(
      '--cloudlets <C>',
      'cloudlets (lengths from java.util.Random(42))',
      positiveInteger('--cloudlets'),
    )
    .option('--csv <FILE>', 'also write one CSV row per cloudlet (id order)')
    .option('--general', 'use the general per-cloudlet scheduler instead of the fast per-VM one');
  program.parse(argv as string[]);
  const options = program.opts();
  const start = now();
  const result = runScale({
    hosts: options.hosts,
    vms: options.vms,
    cloudlets: options.cloudlets,
    fast: options.general !== true,
  });
  const wallSeconds = (now() - start) / 1000;
  if (options.csv !== undefined) writeFileAtomic(options.csv, scaleCsv(result));
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
}
