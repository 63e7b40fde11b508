/**
 * `npm run bench` — runs every `bench/*.bench.ts` and prints a table; `npm run bench -- --json` prints
 * one JSON object per line `{ "name", "value", "unit", ... }`. `--quick` runs smaller sizes;
 * `--filter TEXT` runs only the bench files whose name contains TEXT.
 *
 * A bench file exports `run(opts: { quick: boolean }): Promise<BenchResult[]>`.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from '@commander-js/extra-typings';

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

for (const file of files) {
  const module = (await import(pathToFileURL(join(here, file)).href)) as {
    run: (o: { quick: boolean }) => Promise<BenchResult[]>;
  };
  if (!opts.json) console.log(`\n# ${basename(file, '.bench.ts')}`);
  const results = await module.run({ quick: opts.quick === true });
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
