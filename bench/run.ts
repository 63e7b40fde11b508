/**
 * `npm run bench` — runs every `bench/*.bench.ts` and prints a table; `npm run bench -- --json` prints
 * one JSON object per line `{ "name", "value", "unit", ... }`. `--quick` runs smaller sizes;
 * `--filter TEXT` runs only the bench files whose name contains TEXT. Each file runs in its own process.
 *
 * A bench file exports `run(opts: { quick: boolean }): Promise<BenchResult[]>`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from '@commander-js/extra-typings';
import { nodeFlagsFor } from '../bin/sweep-process.mjs';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  [extra: string]: unknown;
}

const program = new Command()
  .name('bench')
  .description('Run the benchmarks')
  .option('--json', 'one JSON object per line instead of a table')
  .option('--quick', 'smaller sizes (a smoke run)')
  .option('--filter <text>', 'only bench files whose name contains text')
  .option('--child <file>', '(internal) run one bench file and print its results as JSON lines')
  .parse();
const opts = program.opts();

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => opts.filter === undefined || f.includes(opts.filter))
  .sort();
if (files.length === 0) {
  console.error(`bench: no bench file matches ${JSON.stringify(opts.filter ?? '*')}`);
  process.exit(1);
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1e5) return value.toExponential(3);
  if (Number.isInteger(value)) return String(value);
  return value.toPrecision(4);
}

type BenchModule = { run: (o: { quick: boolean }) => Promise<BenchResult[]> };

if (opts.child !== undefined) {
  // Child mode: one bench file in this fresh process; results as JSON lines on stdout.
  const module = (await import(pathToFileURL(join(here, opts.child)).href)) as BenchModule;
  for (const r of await module.run({ quick: opts.quick === true })) console.log(JSON.stringify(r));
  process.exit(0);
}

/** The command whose Node flags a bench file's process takes (bin/sweep-process.mjs). */
const COMMAND_OF_BENCH = new Map([
  ['sweep.bench.ts', 'sweep'],
  ['cloudsim-scale.bench.ts', 'scale'],
]);

/**
 * Each bench file runs in its own process, so that one benchmark's heap (the CloudSim scale run peaks
 * above 1 GB) cannot slow down or inflate the memory of the next.
 */
function runInChild(file: string): BenchResult[] {
  // The sweep and CloudSim scale benchmarks run Node as `scitsim sweep` and `scitsim scale` do
  // (bin/sweep-process.mjs).
  const flags = nodeFlagsFor(COMMAND_OF_BENCH.get(basename(file)));
  const args = [...flags, '--import', 'tsx', fileURLToPath(import.meta.url), '--child', file];
  if (opts.quick) args.push('--quick');
  const child = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  if (child.status !== 0) {
    console.error(`bench: ${file} failed (exit ${child.status})`);
    process.exit(1);
  }
  return child.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as BenchResult);
}

for (const file of files) {
  if (!opts.json) console.log(`\n# ${basename(file, '.bench.ts')}`);
  const results = runInChild(file);
  if (opts.json) {
    for (const r of results) console.log(JSON.stringify({ bench: basename(file, '.bench.ts'), ...r }));
    continue;
  }
  const rows = results.map((r) => [r.name, formatValue(r.value), r.unit]);
  const widths = [0, 1, 2].map((c) =>
    Math.max(...rows.map((row) => row[c].length), ['name', 'value', 'unit'][c].length),
  );
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 1 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
  console.log(line(['name', 'value', 'unit']));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
