/**
 * Output writers: files are written to a temporary name and renamed, so a failed run never leaves a
 * half-written file. CSV/JSON timelines and an SVG figure like the paper's Figures 10/11 (built by
 * `charts.ts`; vega and vega-lite are imported lazily, ~0.7 s, only when a figure is made).
 */
import type { TimelineRow } from '../runs/scit-run.js';
import { chartSvg, redundancyChart } from './charts.js';
import { csvLine } from './csv.js';

/** Timeline as CSV: `cycle,time_s,<service>_level…` (a name with a comma, quote or line break quoted). */
export function timelineCsv(rows: readonly TimelineRow[], serviceNames: readonly string[]): string {
  const header = csvLine(['cycle', 'time_s', ...serviceNames.map((n) => `${n}_level`)]);
  const lines = rows.map((row) => csvLine([row.cycle, row.timeSeconds, ...row.levels]));
  return `${[header, ...lines].join('\n')}\n`;
}

/** Timeline as JSON rows keyed by service name. */
export function timelineJson(
  rows: readonly TimelineRow[],
  serviceNames: readonly string[],
  meta: Record<string, unknown>,
): string {
  const timeline = rows.map((row) => ({
    cycle: row.cycle,
    timeSeconds: row.timeSeconds,
    levels: Object.fromEntries(serviceNames.map((name, s) => [name, row.levels[s]])),
  }));
  return `${JSON.stringify({ ...meta, timeline }, null, 2)}\n`;
}

/**
 * The timeline as an SVG figure like the paper's Figures 10/11 (see `redundancyChart`): x = clock
 * cycle, y = redundancy level, one panel per service, each service's target (when `targets` gives it)
 * as a dashed rule.
 */
export async function redundancyFigureSvg(
  rows: readonly TimelineRow[],
  serviceNames: readonly string[],
  title: string,
  maxLevel: number,
  targets?: Readonly<Record<string, number>>,
): Promise<string> {
  return chartSvg(
    redundancyChart(rows, serviceNames, { title, maxLevel, ...(targets === undefined ? {} : { targets }) }),
  );
}
