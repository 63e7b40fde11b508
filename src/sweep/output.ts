/**
 * A sweep's files. While it runs, each complete cell is one file `cells/<cell>.csv` (written to a
 * temporary name and renamed, so a cell file is complete or absent): a header line with the sweep's
 * fingerprint, the cell's rows of `runs.csv`, then its rows of `summary.csv`, and an end line with the
 * SHA-256 of all that (a file changed afterwards is found, re-run by `--resume`, refused by `merge`; a
 * file without one, from an older scitsim, is treated the same way). When every cell is there,
 * `runs.csv`, `summary.csv`, the figure, `report.html` and, last, the manifest `sweep.json` are
 * written; readers (merge, resume) trust a directory only when its manifest says so.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { estimate, Moments, tQuantile } from '../analysis/stats/interval.js';
import { CensoredTimes, meanTimeToEvent } from '../analysis/stats/survival.js';
import { ConfigError } from '../core/errors.js';
import { RESULT_SCHEMA_VERSION } from '../experiments/scit/result-schema.js';
import { type ChartSpec, chartSvg, type SeriesPoint, seriesChart } from '../report/charts.js';
import { csvField, csvRecords, splitCsv } from '../report/csv.js';
import { asOutputError, writeFileAtomic } from '../report/files.js';
import { REPORT_HTML, type ReportPage, reportHtml } from '../report/html-page.js';
import type { PrintedPart } from '../report/printed.js';
import { isRegularFile } from '../runs/input-files.js';
import { runMetricRange } from '../runs/metrics.js';
import { cellValues } from './grid.js';
import type { SweepShape } from './plan.js';

/** Name of a cell's file. */
export function cellFileName(cell: number): string {
  return `${String(cell).padStart(6, '0')}.csv`;
}

/** The columns of `runs.csv`. */
export function runsHeader(plan: SweepShape): string {
  return ['cell', ...plan.parameters.map((p) => p.path), 'strategy', 'seed', ...plan.metrics]
    .map(csvField)
    .join(',');
}

/**
 * The columns of `summary.csv`: per metric its mean and 95% confidence interval over seeds. A time to
 * failure (`timeToFailureSeconds`, `<service>.timeToFailureSeconds`) is summarized by the survival
 * estimator of `meanTimeToEvent` with its censored runs (its `failureCensored` partner), and two more
 * columns beside it: `.censoredShare` (runs that ended without the failure) and `.lowerBound` (1 when
 * the estimate is a Kaplan–Meier restricted mean that is only a lower bound of the mean time).
 */
export function summaryHeader(plan: SweepShape): string {
  const times = timeToEventColumns(plan.metrics);
  const metrics = plan.metrics.flatMap((m, i) => [
    `${m}.mean`,
    `${m}.ci95Low`,
    `${m}.ci95High`,
    ...(times.has(i) ? [`${m}.censoredShare`, `${m}.lowerBound`] : []),
  ]);
  return ['cell', ...plan.parameters.map((p) => p.path), 'strategy', 'runs', ...metrics]
    .map(csvField)
    .join(',');
}

const TIME_TO_FAILURE = 'timeToFailureSeconds';
const FAILURE_CENSORED = 'failureCensored';

/** Metrics that are times to failure, each with the index of its censored flag (metric → flag). */
export function timeToEventColumns(metrics: readonly string[]): Map<number, number> {
  const columns = new Map<number, number>();
  metrics.forEach((name, i) => {
    if (!name.endsWith(TIME_TO_FAILURE)) return;
    const flag = metrics.indexOf(`${name.slice(0, -TIME_TO_FAILURE.length)}${FAILURE_CENSORED}`);
    if (flag >= 0) columns.set(i, flag);
  });
  return columns;
}

/**
 * The summary of one strategy in one cell, run by run: moments of every metric, and the (time,
 * censored) pairs of the times to failure for the survival estimator.
 */
export class StrategyCellSummary {
  private readonly moments: Moments[];
  /** Per time-to-failure metric: its index, its censored flag's index, its runs (no object per run). */
  private readonly times: { metric: number; flag: number; runs: CensoredTimes }[] = [];

  constructor(private readonly metrics: readonly string[]) {
    this.moments = metrics.map(() => new Moments());
    for (const [metric, flag] of timeToEventColumns(metrics))
      this.times.push({ metric, flag, runs: new CensoredTimes() });
  }

  /** Adds the run whose metrics are `values[offset … offset + metrics.length − 1]`. */
  add(values: ArrayLike<number>, offset = 0): void {
    for (let m = 0; m < this.moments.length; m++) this.moments[m].add(values[offset + m]);
    for (const { metric, flag, runs } of this.times)
      runs.push(values[offset + metric], values[offset + flag] === 1);
  }

  /** The row of `summary.csv` (see {@link summaryHeader}). */
  row(plan: SweepShape, cell: number, strategy: number): string {
    const count = this.moments[0]?.count ?? 0;
    const fields: string[] = [cellPrefix(plan, cell), csvField(plan.strategies[strategy]), String(count)];
    // Every metric of a row has the same number of seeds: one t quantile serves them all.
    const t = count >= 2 ? tQuantile(0.975, count - 1) : undefined;
    for (const [i, m] of this.moments.entries()) {
      const times = this.times.find((column) => column.metric === i)?.runs;
      if (times === undefined) {
        const e = estimate(m, m.count === count ? t : undefined, runMetricRange(this.metrics[i]));
        fields.push(csvField(e.mean), csvField(e.ci95[0]), csvField(e.ci95[1]));
        continue;
      }
      const e = meanTimeToEvent(times);
      fields.push(
        csvField(e.mean),
        csvField(e.ci95[0]),
        csvField(e.ci95[1]),
        csvField(e.runs === 0 ? 0 : e.censored / e.runs),
        e.lowerBound ? '1' : '0',
      );
    }
    return fields.join(',');
  }
}

/** The leading fields of a cell's rows: its index and its sweep values. */
export function cellPrefix(plan: SweepShape, cell: number): string {
  return [cell, ...cellValues(plan.parameters, cell)].map(csvField).join(',');
}

const SUMMARY_MARK = '# summary';
const END_MARK = '# end';
const DIGEST_PREFIX = `${END_MARK} sha256 `;

/** SHA-256 (hex) of a cell file's content, every line before its end mark, given in one or more parts. */
function cellDigest(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

/**
 * Writes a complete cell file: header, run rows, summary rows, and an end mark with the SHA-256 of all
 * that, which every reader checks (`--resume`, `merge`): a changed byte is found, not merged. The run
 * rows come as UTF-8 blocks of whole lines (one per task, as the workers send them); they are hashed
 * and written as they are, not joined into one string or buffer.
 */
export async function writeCellFile(
  dir: string,
  plan: SweepShape,
  cell: number,
  runs: readonly Uint8Array[],
  summary: string[],
) {
  const parts: Uint8Array[] = [Buffer.from(`# sweep ${plan.fingerprint} cell ${cell}\n`), ...runs];
  parts.push(Buffer.from(`${[SUMMARY_MARK, ...summary].join('\n')}\n`));
  parts.push(Buffer.from(`${DIGEST_PREFIX}${cellDigest(...parts)}\n`));
  await writeFileAtomic(join(dir, 'cells', cellFileName(cell)), parts);
}

/** What a cell file holds: its rows, nothing (no file), or why it cannot be used. */
export type CellRead =
  | { readonly kind: 'ok'; readonly runs: string[]; readonly summary: string[] }
  | { readonly kind: 'absent' }
  | { readonly kind: 'invalid'; readonly file: string; readonly reason: string };

/** Reads and checks the cell file of `cell` in `dir` against `plan` and its own content hash. */
export async function readCellFile(dir: string, plan: SweepShape, cell: number): Promise<CellRead> {
  const file = join(dir, 'cells', cellFileName(cell));
  // A named pipe in its place would block the read forever: it is no usable cell.
  if (!(await isRegularFile(file)))
    return (await stat(file).then(
      () => true,
      () => false,
    ))
      ? { kind: 'invalid', file, reason: 'is not a regular file' }
      : { kind: 'absent' };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'invalid', file, reason: `cannot be read (${(error as Error).message})` };
  }
  const invalid = (reason: string): CellRead => ({ kind: 'invalid', file, reason });
  const last = text.lastIndexOf('\n', text.length - 2);
  const content = text.slice(0, last + 1);
  const endLine = text.slice(last + 1);
  if (endLine === `${END_MARK}\n`) return invalid('has no content hash: an older scitsim wrote it');
  if (!text.endsWith('\n') || !endLine.startsWith(DIGEST_PREFIX))
    return invalid('is incomplete (no end mark)');
  if (endLine.slice(DIGEST_PREFIX.length, -1) !== cellDigest(content))
    return invalid('does not match its content hash: it was changed after it was written');
  const header = `# sweep ${plan.fingerprint} cell ${cell}`;
  if (!content.startsWith(`${header}\n`))
    return invalid(`is not cell ${cell} of this sweep (its first line is not "${header}")`);
  const records = csvRecords(content.slice(header.length + 1));
  const mark = records.indexOf(SUMMARY_MARK);
  if (mark < 0) return invalid(`has no "${SUMMARY_MARK}" line`);
  return { kind: 'ok', runs: records.slice(0, mark), summary: records.slice(mark + 1) };
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
  const path = join(dir, 'sweep.json');
  if (!(await isRegularFile(path))) return undefined;
  try {
    return JSON.parse(await readFile(path, 'utf8')) as SweepManifest;
  } catch {
    return undefined;
  }
}

/**
 * Writes the manifest (last: its presence says the directory is complete), with the result format's
 * `schemaVersion` and `kind` first (see `experiments/scit/result-schema.ts`).
 */
export async function writeManifest(dir: string, manifest: SweepManifest): Promise<void> {
  const {
    schemaVersion: _version,
    kind: _kind,
    ...rest
  } = manifest as SweepManifest & {
    schemaVersion?: number;
    kind?: string;
  };
  const versioned = { schemaVersion: RESULT_SCHEMA_VERSION, kind: 'sweep', ...rest };
  await writeFileAtomic(join(dir, 'sweep.json'), `${JSON.stringify(versioned, null, 2)}\n`);
}

/**
 * Writes `runs.csv`, `summary.csv`, the figure of `metric` and `report.html` from the cell files of `cellDirs` (each
 * cell from the first directory holding it), then the manifest. Streams cell by cell: memory stays flat.
 */
export async function writeSweepResults(
  plan: SweepShape,
  outDir: string,
  cellDirs: readonly string[],
  metric: string,
): Promise<void> {
  const runsPart = join(outDir, `runs.csv.${process.pid}.part`);
  const summaryLines = [summaryHeader(plan)];
  try {
    await mkdir(outDir, { recursive: true });
    await writeFile(runsPart, `${runsHeader(plan)}\n`);
    for (let cell = 0; cell < plan.cells; cell++) {
      let content: CellRead = { kind: 'absent' };
      let invalid: CellRead | undefined;
      for (const dir of cellDirs) {
        content = await readCellFile(dir, plan, cell);
        if (content.kind === 'ok') break;
        if (content.kind === 'invalid') invalid ??= content;
      }
      if (content.kind !== 'ok') {
        if (invalid?.kind === 'invalid')
          throw new ConfigError(
            'cells',
            invalid.file,
            `${invalid.reason}: run the sweep (or its shard) that wrote it again with --resume`,
          );
        throw new ConfigError('cells', cell, 'is missing: no directory holds it complete');
      }
      await writeFile(runsPart, `${content.runs.join('\n')}\n`, { flag: 'a' });
      summaryLines.push(...content.summary);
    }
    const summaryText = `${summaryLines.join('\n')}\n`;
    await writeFileAtomic(join(outDir, 'summary.csv'), summaryText);
    // One spec for the SVG file and the report's interactive chart.
    const chart = sweepChart(plan, summaryText, metric);
    await writeFileAtomic(join(outDir, figureName(metric)), await chartSvg(chart));
    await rename(runsPart, join(outDir, 'runs.csv'));
    await writeFileAtomic(
      join(outDir, REPORT_HTML),
      await reportHtml(sweepReportPage(plan, summaryText, metric, chart)),
    );
  } catch (error) {
    throw asOutputError(error, join(outDir, 'runs.csv'));
  } finally {
    await rm(runsPart, { force: true }).catch(() => {});
  }
}

/** Rows of the report's summary table at most (the whole table is summary.csv). */
const REPORT_ROWS = 2000;

/** A number as the report's table shows it: four significant digits, none lost on a whole number. */
function shortNumber(text: string): string {
  const x = Number(text);
  if (text === '' || !Number.isFinite(x)) return text === '' ? '—' : text;
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}

/**
 * The sweep as `report.html`: the figure of `metric` (the spec of its SVG file), its summary (mean and
 * 95% CI per cell and strategy, the first {@link REPORT_ROWS} rows), the grid, and links to the files.
 */
export function sweepReportPage(
  plan: SweepShape,
  summaryCsv: string,
  metric: string,
  chart: ChartSpec,
): ReportPage {
  const [header, ...lines] = csvRecords(summaryCsv);
  const fields = splitCsv(header);
  const at = (name: string) => fields.indexOf(name);
  const paths = plan.parameters.map((p) => p.path);
  const bounded = at(`${metric}.lowerBound`) >= 0;
  const rows = [
    [
      ...paths,
      'strategy',
      'runs',
      `${metric} mean`,
      '95% CI',
      ...(bounded ? ['censored share', 'lower bound'] : []),
    ],
    ...lines.slice(0, REPORT_ROWS).map((line) => {
      const row = splitCsv(line);
      const low = shortNumber(row[at(`${metric}.ci95Low`)]);
      const high = shortNumber(row[at(`${metric}.ci95High`)]);
      return [
        ...paths.map((p) => row[at(p)]),
        row[at('strategy')],
        row[at('runs')],
        shortNumber(row[at(`${metric}.mean`)]),
        `[${low}, ${high}]`,
        ...(bounded
          ? [
              shortNumber(row[at(`${metric}.censoredShare`)]),
              row[at(`${metric}.lowerBound`)] === '1' ? 'yes' : 'no',
            ]
          : []),
      ];
    }),
  ];
  const parts: PrintedPart[] = [
    `${metric} per cell and strategy: mean and 95% confidence interval over ${plan.seeds} seeds ` +
      `(${plan.cells} cells × ${plan.strategies.length} strategies; every metric is in summary.csv, every run in runs.csv).`,
    ...(lines.length > REPORT_ROWS
      ? [`The first ${REPORT_ROWS} of ${lines.length} rows; the others are in summary.csv.`]
      : []),
    '',
    { table: rows },
  ];
  const figure = figureName(metric);
  return {
    title: `Sweep — ${metric} against ${paths[0]}`,
    about: `A parameter sweep over ${paths.join(' × ')}: the figure of ${metric}, its summary, the grid and the files written.`,
    sections: [
      { heading: 'Figure', blocks: [{ kind: 'chart', spec: chart, file: figure }] },
      { heading: 'Summary', blocks: [{ kind: 'printed', parts }] },
      { heading: 'Configuration: the grid', blocks: [{ kind: 'json', value: shapeOf(plan) }] },
      {
        heading: 'Files written',
        blocks: [
          {
            kind: 'files',
            files: [
              { name: figure, about: `the figure of ${metric} (SVG)` },
              { name: 'summary.csv', about: 'every metric per cell and strategy: mean and 95% CI' },
              { name: 'runs.csv', about: 'every run: its cell, strategy, seed and metrics' },
              { name: 'sweep.json', about: 'the manifest: the grid, the shard, the cells present' },
              { name: 'cells/', about: 'one file per cell (what --resume and merge read)' },
            ],
          },
        ],
      },
    ],
  };
}

/** File name of the figure of `metric`. */
export function figureName(metric: string): string {
  return `${metric.replace(/[^\w.-]+/g, '_')}.svg`;
}

/**
 * The figure's spec (see `report/charts.ts`): `metric` (mean and 95% band) against the first swept
 * parameter, one colour per strategy, one panel per combination of the other swept parameters (small
 * multiples sharing their axes), the y axis fitted to the data (a share stays inside 0…1 without
 * being drawn from 0). For a time to failure, a point whose estimate is only a lower bound (censored
 * runs: see {@link summaryHeader}) is drawn as an upward triangle and the title says so.
 */
export function sweepChart(plan: SweepShape, summaryCsv: string, metric: string): ChartSpec {
  const column = plan.metrics.indexOf(metric);
  if (column < 0)
    throw new ConfigError('--metric', metric, `unknown metric; valid values are: ${plan.metrics.join(', ')}`);
  const [header, ...lines] = csvRecords(summaryCsv);
  const fields = splitCsv(header);
  const at = (name: string) => fields.indexOf(name);
  const x = plan.parameters[0].path;
  const others = plan.parameters.slice(1).map((p) => p.path);
  const bounded = at(`${metric}.lowerBound`) >= 0;
  const panels: string[] = [];
  const points: SeriesPoint[] = lines.map((line) => {
    const row = splitCsv(line);
    const strategy = row[at('strategy')];
    const panel = others.map((p) => `${p} = ${row[at(p)]}`).join(', ');
    if (others.length > 0 && !panels.includes(panel)) panels.push(panel);
    const point = {
      x: Number(row[at(x)]),
      mean: Number(row[at(`${metric}.mean`)]),
      low: Number(row[at(`${metric}.ci95Low`)]),
      high: Number(row[at(`${metric}.ci95High`)]),
      series: strategy,
      ...(others.length > 0 ? { panel } : {}),
      ...(bounded
        ? { marker: row[at(`${metric}.lowerBound`)] === '1' ? LOWER_BOUND : EVERY_RUN_COUNTED }
        : {}),
    };
    // Each point's accessible description, as data: vega-lite would build it as an expression from the
    // axis title (the metric, hence a service name), where a line break or a backslash breaks it.
    const label = [strategy, ...(others.length > 0 ? [panel] : [])].join(', ');
    const description = `${x}: ${point.x}; ${metric}: ${point.mean} [${point.low}, ${point.high}]; strategy: ${label}`;
    return { ...point, description };
  });
  return seriesChart(points, {
    title: bounded ? [`${metric} against ${x}`, `▲ ${LOWER_BOUND}`] : `${metric} against ${x}`,
    subtitle: `${bounded ? 'survival estimate' : 'mean'} and 95% CI over ${plan.seeds} seeds${
      others.length > 0 ? `; one panel per ${others.join(', ')}` : ''
    }`,
    x: { title: x },
    y: { title: metric, range: runMetricRange(metric) },
    seriesTitle: 'strategy',
    series: plan.strategies,
    ...(others.length > 0 ? { panels: { title: others.join(', '), order: panels } } : {}),
    ...(bounded
      ? {
          markers: {
            title: 'estimate',
            domain: [EVERY_RUN_COUNTED, LOWER_BOUND],
            shapes: ['circle', 'triangle-up'],
          },
        }
      : {}),
  });
}

/** The figure of `metric` as SVG (see {@link sweepChart}). */
export async function sweepFigureSvg(plan: SweepShape, summaryCsv: string, metric: string): Promise<string> {
  return chartSvg(sweepChart(plan, summaryCsv, metric));
}

/** How the figure labels an estimate over runs that all failed. */
const EVERY_RUN_COUNTED = 'mean time (every run counted)';

/** How the figure labels an estimate that is only a lower bound. */
const LOWER_BOUND = 'lower bound: censored runs (Kaplan–Meier restricted mean)';

/** The cell files of `dir` for `plan`: the cells complete and valid, and the files that cannot be used. */
export async function scanCells(
  dir: string,
  plan: SweepShape,
): Promise<{ present: number[]; invalid: { cell: number; file: string; reason: string }[] }> {
  let names: string[];
  try {
    names = await readdir(join(dir, 'cells'));
  } catch {
    return { present: [], invalid: [] };
  }
  const present: number[] = [];
  const invalid: { cell: number; file: string; reason: string }[] = [];
  for (const name of names.filter((n) => /^\d{6}\.csv$/.test(n)).sort()) {
    const cell = Number(name.slice(0, 6));
    if (cell >= plan.cells) continue;
    const read = await readCellFile(dir, plan, cell);
    if (read.kind === 'ok') present.push(cell);
    else if (read.kind === 'invalid') invalid.push({ cell, file: read.file, reason: read.reason });
  }
  return { present, invalid };
}

/** Cells present (complete, valid, of this sweep) in `dir`. */
export async function cellsPresent(dir: string, plan: SweepShape): Promise<number[]> {
  return (await scanCells(dir, plan)).present;
}
