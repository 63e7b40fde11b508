/**
 * Output writers: files are written to a temporary name and renamed, so a failed run never leaves a
 * half-written file. CSV/JSON timelines and an SVG figure like the paper's Figures 10/11 (vega-lite
 * compiled to vega and rendered headless; both are imported lazily, ~0.7 s, only when a figure is made).
 */
import type { TimelineRow } from '../runs/scit-run.js';
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

/** SVG line chart: one line per service, x = clock cycle, y = redundancy level. */
export async function redundancyFigureSvg(
  rows: readonly TimelineRow[],
  serviceNames: readonly string[],
  title: string,
  maxLevel: number,
): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const values = rows.flatMap((row) =>
    serviceNames.map((service, s) => ({ cycle: row.cycle, level: row.levels[s], service })),
  );
  const spec = vegaLite.compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 520,
    height: 220,
    data: { values },
    mark: { type: 'line', point: true, interpolate: 'step-after' },
    encoding: {
      x: { field: 'cycle', type: 'quantitative', title: 'Clock cycle' },
      y: {
        field: 'level',
        type: 'quantitative',
        title: 'Service redundancy level',
        scale: { domain: [0, maxLevel] },
        axis: { tickMinStep: 1 },
      },
      color: { field: 'service', type: 'nominal', title: 'Service' },
      strokeDash: { field: 'service', type: 'nominal' },
    },
  }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  return view.toSVG();
}
