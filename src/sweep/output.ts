/**
 * A sweep's files. While it runs, each complete cell is one file `cells/<cell>.csv` (written to a
 * temporary name and renamed, so a cell file is complete or absent): a header line with the sweep's
 * fingerprint, the cell's rows of `runs.csv`, then its rows of `summary.csv`. When every cell is there,
 * `runs.csv`, `summary.csv`, the figure and, last, the manifest `sweep.json` are written; readers (merge,
 * resume) trust a directory only when its manifest says so.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { estimate, type Moments, tQuantile } from '../analysis/stats/interval.js';
import { ConfigError } from '../core/errors.js';
import { writeFileAtomic } from '../report/files.js';
import { runMetricRange } from '../runs/metrics.js';
import { cellValues } from './grid.js';
import type { SweepShape } from './plan.js';

/** Name of a cell's file. */
export function cellFileName(cell: number): string {
  return `${String(cell).padStart(6, '0')}.csv`;
}

/** A CSV field: numbers in JavaScript's shortest round-trip form, other values as JSON, quoted when needed. */
export function csvField(value: unknown): string {
  const text =
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The columns of `runs.csv`. */
export function runsHeader(plan: SweepShape): string {
  return ['cell', ...plan.parameters.map((p) => p.path), 'strategy', 'seed', ...plan.metrics]
    .map(csvField)
    .join(',');
}

/** The columns of `summary.csv`: per metric its mean and 95% confidence interval over seeds. */
export function summaryHeader(plan: SweepShape): string {
  const metrics = plan.metrics.flatMap((m) => [`${m}.mean`, `${m}.ci95Low`, `${m}.ci95High`]);
  return ['cell', ...plan.parameters.map((p) => p.path), 'strategy', 'runs', ...metrics]
    .map(csvField)
    .join(',');
}

/** The leading fields of a cell's rows: its index and its sweep values. */
export function cellPrefix(plan: SweepShape, cell: number): string {
  return [cell, ...cellValues(plan.parameters, cell)].map(csvField).join(',');
}

/** A summary row of one strategy in one cell. */
export function summaryRow(
  plan: SweepShape,
  cell: number,
  strategy: number,
  moments: readonly Moments[],
): string {
  const fields: string[] = [
    cellPrefix(plan, cell),
    csvField(plan.strategies[strategy]),
    String(moments[0]?.count ?? 0),
  ];
  // Every metric of a row has the same number of seeds: one t quantile serves them all.
  const count = moments[0]?.count ?? 0;
  const t = count >= 2 ? tQuantile(0.975, count - 1) : undefined;
  for (const [i, m] of moments.entries()) {
    const e = estimate(m, m.count === count ? t : undefined, runMetricRange(plan.metrics[i]));
    fields.push(csvField(e.mean), csvField(e.ci95[0]), csvField(e.ci95[1]));
  }
  return fields.join(',');
}

const SUMMARY_MARK = '# summary';
const END_MARK = '# end';

/** Writes a complete cell file: header, run rows, summary rows. */
export async function writeCellFile(
  dir: string,
  plan: SweepShape,
  cell: number,
  runs: string[],
  summary: string[],
) {
  const text = [
    `# sweep ${plan.fingerprint} cell ${cell}`,
    ...runs,
    SUMMARY_MARK,
    ...summary,
    END_MARK,
    '',
  ].join('\n');
  await writeFileAtomic(join(dir, 'cells', cellFileName(cell)), text);
}

/** The rows of a complete cell file of this sweep, or `undefined` if it is absent, partial or of another sweep. */
export async function readCellFile(
  dir: string,
  plan: SweepShape,
  cell: number,
): Promise<{ runs: string[]; summary: string[] } | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, 'cells', cellFileName(cell)), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  if (lines[0] !== `# sweep ${plan.fingerprint} cell ${cell}`) return undefined;
  const mark = lines.indexOf(SUMMARY_MARK);
  const end = lines.lastIndexOf(END_MARK);
  if (mark < 0 || end < mark) return undefined;
  return { runs: lines.slice(1, mark), summary: lines.slice(mark + 1, end) };
}

/** The manifest of a sweep directory (`sweep.json`): enough to merge shards without the scenario. */
export interface SweepManifest {
  readonly fingerprint: string;
  readonly shape: SweepShape;
  /** The shard this directory holds, or `null` for the whole sweep. */
  readonly shard: { index: number; count: number } | null;
  /** Cells present (complete) in `cells/`. */
  readonly cellsPresent: readonly number[];
  /** Metric of the figure. */
  readonly metric: string;
}

/** The shape of `plan` as a manifest records it (no paths, no documents). */
export function shapeOf(plan: SweepShape): SweepShape {
  return {
    fingerprint: plan.fingerprint,
    parameters: plan.parameters.map(({ path, values }) => ({ path, values })),
    cells: plan.cells,
    strategies: plan.strategies,
    seeds: plan.seeds,
    firstSeed: plan.firstSeed,
    metrics: plan.metrics,
  };
}

/** Reads `dir/sweep.json`, or `undefined` when there is none. */
export async function readManifest(dir: string): Promise<SweepManifest | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, 'sweep.json'), 'utf8')) as SweepManifest;
  } catch {
    return undefined;
  }
}

/** Writes the manifest (last: its presence says the directory is complete). */
export async function writeManifest(dir: string, manifest: SweepManifest): Promise<void> {
  await writeFileAtomic(join(dir, 'sweep.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Writes `runs.csv`, `summary.csv` and the figure of `metric` from the cell files of `cellDirs` (each
 * cell from the first directory holding it), then the manifest. Streams cell by cell: memory stays flat.
 */
export async function writeSweepResults(
  plan: SweepShape,
  outDir: string,
  cellDirs: readonly string[],
  metric: string,
): Promise<void> {
  const runsPart = join(outDir, `runs.csv.${process.pid}.part`);
  await mkdir(outDir, { recursive: true });
  await writeFile(runsPart, `${runsHeader(plan)}\n`);
  const summaryLines = [summaryHeader(plan)];
  try {
    for (let cell = 0; cell < plan.cells; cell++) {
      let content: { runs: string[]; summary: string[] } | undefined;
      for (const dir of cellDirs) {
        content = await readCellFile(dir, plan, cell);
        if (content !== undefined) break;
      }
      if (content === undefined)
        throw new ConfigError('cells', cell, 'is missing: no directory holds it complete');
      await writeFile(runsPart, `${content.runs.join('\n')}\n`, { flag: 'a' });
      summaryLines.push(...content.summary);
    }
    const summaryText = `${summaryLines.join('\n')}\n`;
    await writeFileAtomic(join(outDir, 'summary.csv'), summaryText);
    await writeFileAtomic(join(outDir, figureName(metric)), await sweepFigureSvg(plan, summaryText, metric));
    await rename(runsPart, join(outDir, 'runs.csv'));
  } finally {
    await rm(runsPart, { force: true });
  }
}

/** File name of the figure of `metric`. */
export function figureName(metric: string): string {
  return `${metric.replace(/[^\w.-]+/g, '_')}.svg`;
}

/** The figure: `metric` (mean and 95% band) against the first swept parameter, a line per strategy and other values. */
export async function sweepFigureSvg(plan: SweepShape, summaryCsv: string, metric: string): Promise<string> {
  const column = plan.metrics.indexOf(metric);
  if (column < 0)
    throw new ConfigError('--metric', metric, `unknown metric; valid values are: ${plan.metrics.join(', ')}`);
  const [header, ...lines] = summaryCsv.trim().split('\n');
  const fields = splitCsv(header);
  const at = (name: string) => fields.indexOf(name);
  const x = plan.parameters[0].path;
  const others = plan.parameters.slice(1).map((p) => p.path);
  const values = lines.map((line) => {
    const row = splitCsv(line);
    const label = [row[at('strategy')], ...others.map((p) => `${p}=${row[at(p)]}`)].join(', ');
    return {
      x: Number(row[at(x)]),
      mean: Number(row[at(`${metric}.mean`)]),
      low: Number(row[at(`${metric}.ci95Low`)]),
      high: Number(row[at(`${metric}.ci95High`)]),
      series: label,
    };
  });
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const spec = vegaLite.compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${metric} against ${x} (mean, 95% CI over ${plan.seeds} seeds)`,
    width: 520,
    height: 260,
    data: { values },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: x },
      color: { field: 'series', type: 'nominal', title: 'strategy' },
    },
    layer: [
      {
        mark: { type: 'errorband', opacity: 0.25 },
        encoding: { y: { field: 'low', type: 'quantitative', title: metric }, y2: { field: 'high' } },
      },
      { mark: { type: 'line', point: true }, encoding: { y: { field: 'mean', type: 'quantitative' } } },
    ],
  }).spec;
  return new vega.View(vega.parse(spec), { renderer: 'none' }).toSVG();
}

/** Splits one CSV line (fields as written by {@link csvField}). */
export function splitCsv(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let text = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          text += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else text += line[i++];
      }
      fields.push(text);
      i++;
    } else {
      const next = line.indexOf(',', i);
      const end = next < 0 ? line.length : next;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

/** Cells present (complete, of this sweep) in `dir`. */
export async function cellsPresent(dir: string, plan: SweepShape): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(join(dir, 'cells'));
  } catch {
    return [];
  }
  const present: number[] = [];
  for (const name of names.filter((n) => /^\d{6}\.csv$/.test(n)).sort()) {
    const cell = Number(name.slice(0, 6));
    if (cell < plan.cells && (await readCellFile(dir, plan, cell)) !== undefined) present.push(cell);
  }
  return present;
}
