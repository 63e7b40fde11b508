/**
 * The one chart builder: every figure scitsim draws is a vega-lite spec made here, rendered to an SVG
 * file (`chartSvg`) and, the same spec compiled to vega (`compileChart`), drawn interactively in
 * `report.html`. Two kinds of chart:
 *
 * - {@link redundancyChart}: a run's redundancy level per clock cycle, one panel per service (so no
 *   line hides another) with the service's target as a dashed rule;
 * - {@link seriesChart}: a mean with its 95% band against a swept value, one colour per series
 *   (never repeated within the chart), small multiples per panel value, axes fitted to the data.
 *
 * Both carry tooltips on their points and a legend bound to a selection (click an entry to pick its
 * series; the interactive report shows it). vega and vega-lite are imported lazily (~0.7 s) by the
 * functions that render or compile, never by building a spec.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TimelineRow } from '../runs/scit-run.js';

/** A chart: a vega-lite spec (data inline). */
export type ChartSpec = TopLevelSpec;

/** vega's ten colours (tableau10): enough for charts of up to ten series. */
const TEN_COLOURS = [
  '#4c78a8',
  '#f58518',
  '#e45756',
  '#72b7b2',
  '#54a24b',
  '#eeca3b',
  '#b279a2',
  '#ff9da6',
  '#9d755d',
  '#bab0ac',
] as const;

/** vega's twenty colours (tableau20), for 11 to 20 series. */
const TWENTY_COLOURS = [
  '#4c78a8',
  '#9ecae9',
  '#f58518',
  '#ffbf79',
  '#54a24b',
  '#88d27a',
  '#b79a20',
  '#f2cf5b',
  '#439894',
  '#83bcb6',
  '#e45756',
  '#ff9d98',
  '#79706e',
  '#bab0ac',
  '#d67195',
  '#fcbfd2',
  '#b279a2',
  '#d6a5c9',
  '#9e765f',
  '#d8b5a5',
] as const;

/** `count` distinct colours: tableau10, tableau20, or (more than 20) hues spread evenly round the wheel. */
export function distinctColours(count: number): string[] {
  if (count <= TEN_COLOURS.length) return TEN_COLOURS.slice(0, Math.max(count, 1));
  if (count <= TWENTY_COLOURS.length) return TWENTY_COLOURS.slice(0, count);
  // Two lightness levels alternate so that neighbouring hues still differ.
  return Array.from(
    { length: count },
    (_, i) => `hsl(${((360 * i) / count).toFixed(1)}, 65%, ${i % 2 === 0 ? 42 : 60}%)`,
  );
}

/** Point shapes vega draws, cycled so that neighbouring series differ in shape as well as colour. */
const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'wedge', 'stroke'];

/** A legend that shows every label whole (vega-lite cuts labels at 160 px by default). */
const WHOLE_LABELS = { labelLimit: 0, titleLimit: 0 } as const;

/** The font stack of every chart: the system's sans-serif (no web fonts; the report is offline). */
const CHART_CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  legend: WHOLE_LABELS,
  title: { anchor: 'start' as const, limit: 0, offset: 14 },
  header: { labelLimit: 0, titleLimit: 0 },
};

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Options of {@link redundancyChart}. */
export interface RedundancyChartOptions {
  title: string;
  /** The highest level the axis shows (the number of hosts). */
  maxLevel: number;
  /** Each service's target level, drawn as a dashed rule in its panel (none when omitted). */
  targets?: Readonly<Record<string, number>>;
}

/**
 * A run's redundancy timeline like the paper's Figures 10/11: x = clock cycle, y = redundancy level
 * (hosts with an Active VM of the service), one panel per service stacked in rows, each with its
 * target as a dashed rule.
 */
export function redundancyChart(
  rows: readonly TimelineRow[],
  serviceNames: readonly string[],
  options: RedundancyChartOptions,
): ChartSpec {
  const targets = options.targets ?? {};
  const values = rows.flatMap((row) =>
    serviceNames.map((service, s) => ({
      order: s,
      cycle: row.cycle,
      time: row.timeSeconds,
      level: row.levels[s],
      service,
      ...(targets[service] === undefined ? {} : { target: targets[service] }),
    })),
  );
  const withTargets = serviceNames.some((service) => targets[service] !== undefined);
  const y = {
    field: 'level',
    type: 'quantitative' as const,
    title: 'redundancy level',
    scale: { domain: [0, options.maxLevel], nice: false },
    axis: {
      values: Array.from({ length: options.maxLevel + 1 }, (_, i) => i),
      tickCount: options.maxLevel + 1,
    },
  };
  const colour = {
    field: 'service',
    type: 'nominal' as const,
    title: 'service',
    scale: { domain: [...serviceNames], range: distinctColours(serviceNames.length) },
    legend: null,
  };
  return {
    $schema: SCHEMA,
    title: { text: options.title, subtitle: 'one panel per service; dashed: the service’s target level' },
    config: CHART_CONFIG,
    data: { values },
    facet: {
      row: {
        field: 'service',
        type: 'nominal',
        title: null,
        // By a field, not a list of names: vega-lite writes a list into an expression, where a name
        // with a line break would not parse.
        sort: { field: 'order', op: 'min' },
        header: { labelAngle: 0, labelAlign: 'left', labelFontWeight: 'bold', labelFontSize: 12 },
      },
    },
    spec: {
      width: 560,
      height: 100,
      layer: [
        {
          mark: { type: 'line', interpolate: 'step-after' },
          encoding: { x: { field: 'cycle', type: 'quantitative', title: 'clock cycle' }, y, color: colour },
        },
        {
          mark: { type: 'point', filled: true, size: 28 },
          encoding: {
            x: { field: 'cycle', type: 'quantitative' },
            y,
            color: colour,
            tooltip: [
              { field: 'service', type: 'nominal' },
              { field: 'cycle', type: 'quantitative', title: 'clock cycle' },
              { field: 'time', type: 'quantitative', title: 'time (s)' },
              { field: 'level', type: 'quantitative', title: 'level' },
              ...(withTargets ? [{ field: 'target', type: 'quantitative' as const }] : []),
            ],
          },
        },
        ...(withTargets
          ? [
              {
                // One rule per panel: the target is the same on every row of a service.
                transform: [{ filter: 'isValid(datum.target)' }],
                mark: { type: 'rule' as const, strokeDash: [6, 4], color: '#333', strokeWidth: 1.2 },
                encoding: {
                  y: { field: 'target', type: 'quantitative' as const, aggregate: 'max' as const },
                  tooltip: [
                    {
                      field: 'target',
                      type: 'quantitative' as const,
                      aggregate: 'max' as const,
                      title: 'target',
                    },
                  ],
                },
              },
            ]
          : []),
      ],
    },
    resolve: { scale: { y: 'shared', x: 'shared' } },
  } as ChartSpec;
}

/** One point of a {@link seriesChart}: a mean with its 95% interval. */
export interface SeriesPoint {
  x: number;
  mean: number;
  /** The interval (equal to `mean` for a value without one, e.g. an analytic one). */
  low: number;
  high: number;
  /** The series (a colour): a strategy. */
  series: string;
  /** The panel (small multiple) the point is drawn in, e.g. `A = 300` (one panel when omitted). */
  panel?: string;
  /** The kind of line (solid or dashed), e.g. `simulated` or `Markov chain`. */
  line?: string;
  /** The kind of estimate, drawn as the point's shape (e.g. a lower bound as a triangle). */
  marker?: string;
  /** The point's accessible description (the SVG's aria label). */
  description?: string;
}

/** Options of {@link seriesChart}. */
export interface SeriesChartOptions {
  title: string | readonly string[];
  /** Subtitle (a line under the title), e.g. how the band is made. */
  subtitle?: string;
  x: { title: string };
  /**
   * The y axis: `log` for a log scale; `range`, the values the quantity can take (e.g. [0, 1] for a
   * share): the axis is fitted to the data (padded) and clamped to it, never drawn from 0 regardless.
   */
  y: { title: string; log?: boolean; range?: readonly [number, number] };
  /** Legend title of the series (e.g. `strategy`). */
  seriesTitle: string;
  /** Series in order (default: as they first appear). */
  series?: readonly string[];
  /** Title of the panels' header (e.g. `attack.meanIntervalSeconds`), and their order. */
  panels?: { title: string; order: readonly string[] };
  /** The line kinds in order, the first solid, the others dashed, with the legend title. */
  lines?: { title: string; order: readonly string[] };
  /** The point shapes by estimate kind, with the legend title. */
  markers?: { title: string; domain: readonly string[]; shapes: readonly string[] };
}

/**
 * The y domain of `points`: from the lowest to the highest finite value (means and bounds), padded
 * by 8% of the span on each side and clamped to `range`. On a log axis only positive values count
 * and the padding is a factor.
 */
export function fittedDomain(
  points: readonly Pick<SeriesPoint, 'mean' | 'low' | 'high'>[],
  options: { log?: boolean; range?: readonly [number, number] } = {},
): [number, number] | undefined {
  const values = points
    .flatMap((p) => [p.mean, p.low, p.high])
    .filter((v) => Number.isFinite(v) && (!options.log || v > 0));
  if (values.length === 0) return undefined;
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (options.log) return [low / 1.25, high * 1.25];
  const span = high - low;
  const pad = span > 0 ? 0.08 * span : Math.max(Math.abs(high) * 0.05, 0.01);
  low -= pad;
  high += pad;
  if (options.range !== undefined) {
    low = Math.max(low, options.range[0]);
    high = Math.min(high, options.range[1]);
  }
  return [low, high];
}

/**
 * A mean with its 95% band against `x`, one colour (and point shape) per series: distinct colours
 * for every series, the legend's labels whole, one panel per `panel` value (small multiples sharing
 * their axes), the y axis fitted to the data. Clicking a legend entry picks its series (the others
 * fade); hovering a point shows its values.
 */
export function seriesChart(points: readonly SeriesPoint[], given: SeriesChartOptions): ChartSpec {
  const options = titlesOnOneLine(given);
  const series = options.series ?? [...new Set(points.map((p) => p.series))];
  const panelOrder = options.panels?.order ?? [];
  const values = points
    .filter((p) => Number.isFinite(p.mean))
    .map((p) => ({
      ...p,
      ...(p.panel === undefined ? {} : { panelOrder: panelOrder.indexOf(p.panel) }),
      // Every point has its description as data: vega-lite would otherwise build one as an expression
      // from the titles (a metric's, hence a service's, name), where a line break would not parse.
      description: p.description ?? `${p.series}: ${p.x}; ${p.mean} [${p.low}, ${p.high}]`,
      // A band needs both bounds: a point without them (NaN) draws its mean only.
      low: Number.isFinite(p.low) ? p.low : p.mean,
      high: Number.isFinite(p.high) ? p.high : p.mean,
    }));
  const domain = fittedDomain(values, options.y);
  const yScale = options.y.log
    ? { type: 'log' as const, ...(domain === undefined ? {} : { domain }) }
    : { zero: false, nice: false, ...(domain === undefined ? {} : { domain }) };
  // Colour and (without markers) shape share the series field and one legend: coloured shapes.
  const seriesLegend = { ...WHOLE_LABELS, symbolSize: 80, symbolOpacity: 1, symbolStrokeWidth: 2 };
  const colour = {
    field: 'series',
    type: 'nominal' as const,
    title: options.seriesTitle,
    scale: { domain: [...series], range: distinctColours(series.length) },
    legend: seriesLegend,
  };
  const picked = { param: 'picked', empty: true };
  // Ticks at the values swept (when few enough to read).
  const xs = [...new Set(values.map((p) => p.x))].sort((a, b) => a - b);
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    title: options.x.title,
    // Labels as the values read (300, 7.5, 1,000,000), not with vega's padding of one lone tick.
    axis: { format: ',~r', ...(xs.length <= 12 ? { values: xs, labelOverlap: 'greedy' as const } : {}) },
  };
  const tooltip = [
    { field: 'series', type: 'nominal' as const, title: options.seriesTitle },
    ...(options.panels === undefined
      ? []
      : [{ field: 'panel', type: 'nominal' as const, title: options.panels.title }]),
    ...(options.lines === undefined
      ? []
      : [{ field: 'line', type: 'nominal' as const, title: options.lines.title }]),
    { field: 'x', type: 'quantitative' as const, title: options.x.title },
    { field: 'mean', type: 'quantitative' as const, title: 'mean', format: ',.4~g' },
    { field: 'low', type: 'quantitative' as const, title: '95% CI low', format: ',.4~g' },
    { field: 'high', type: 'quantitative' as const, title: '95% CI high', format: ',.4~g' },
    ...(options.markers === undefined
      ? []
      : [{ field: 'marker', type: 'nominal' as const, title: options.markers.title }]),
  ];
  const strokeDash =
    options.lines === undefined
      ? {}
      : {
          strokeDash: {
            field: 'line',
            type: 'nominal' as const,
            title: options.lines.title,
            scale: {
              domain: [...options.lines.order],
              range: options.lines.order.map((_, i) => (i === 0 ? [1, 0] : [6, 4])),
            },
            legend: WHOLE_LABELS,
          },
        };
  const shape =
    options.markers === undefined
      ? {
          field: 'series',
          type: 'nominal' as const,
          title: options.seriesTitle,
          scale: { domain: [...series], range: series.map((_, i) => SHAPES[i % SHAPES.length]) },
          legend: seriesLegend,
        }
      : {
          field: 'marker',
          type: 'nominal' as const,
          title: options.markers.title,
          scale: { domain: [...options.markers.domain], range: [...options.markers.shapes] },
          legend: WHOLE_LABELS,
        };
  // Each point's 95% interval, drawn as a band and as a bar.
  const interval = {
    x,
    y: { field: 'low', type: 'quantitative' as const, title: options.y.title, scale: yScale },
    y2: { field: 'high' },
    color: colour,
  };
  const layer = [
    {
      // A value without an interval (an analytic one) has a band of zero width: nothing shows.
      mark: { type: 'area' as const, opacity: 0.2, aria: false },
      encoding: {
        ...interval,
        opacity: { condition: { ...picked, value: 0.22 }, value: 0.03 },
        ...(options.lines === undefined ? {} : { detail: { field: 'line', type: 'nominal' as const } }),
      },
    },
    {
      // The interval as a bar at each point too: a lone point (one swept value) has no band to show.
      mark: { type: 'rule' as const, strokeWidth: 1.5, aria: false },
      encoding: {
        ...interval,
        opacity: { condition: { ...picked, value: 0.5 }, value: 0.06 },
      },
    },
    {
      mark: { type: 'line' as const, strokeWidth: 2, aria: false },
      encoding: {
        x,
        y: { field: 'mean', type: 'quantitative' as const, title: options.y.title, scale: yScale },
        color: colour,
        ...strokeDash,
        opacity: { condition: { ...picked, value: 1 }, value: 0.12 },
      },
    },
    {
      params: [
        { name: 'picked', select: { type: 'point' as const, fields: ['series'] }, bind: 'legend' as const },
      ],
      // Hollow: two series on the same value still show both shapes.
      mark: { type: 'point' as const, filled: false, strokeWidth: 2, size: 60 },
      encoding: {
        x,
        y: { field: 'mean', type: 'quantitative' as const, title: options.y.title, scale: yScale },
        color: colour,
        shape,
        opacity: { condition: { ...picked, value: 1 }, value: 0.12 },
        tooltip,
        description: { field: 'description', type: 'nominal' as const },
      },
    },
  ];
  const title = {
    text: typeof options.title === 'string' ? options.title : [...options.title],
    ...(options.subtitle === undefined ? {} : { subtitle: options.subtitle }),
  };
  const base = { $schema: SCHEMA, title, config: CHART_CONFIG, data: { values } };
  if (options.panels === undefined) return { ...base, width: 560, height: 280, layer } as ChartSpec;
  const panels = options.panels.order;
  return {
    ...base,
    facet: {
      field: 'panel',
      type: 'nominal',
      // Each panel's header names the parameter and its value.
      title: null,
      sort: { field: 'panelOrder', op: 'min' },
      header: { labelFontWeight: 'bold' },
    },
    columns: panels.length <= 3 ? panels.length : Math.min(4, Math.ceil(Math.sqrt(panels.length))),
    spec: { width: 300, height: 210, layer },
    resolve: { scale: { y: 'shared', x: 'shared' } },
  } as ChartSpec;
}

/** A title as one line: vega-lite writes titles into expressions (tooltips), where a line break would not parse. */
const oneLine = (title: string) =>
  [...title].map((c) => (c < ' ' || c === '\u2028' || c === '\u2029' ? ' ' : c)).join('');

function titlesOnOneLine(options: SeriesChartOptions): SeriesChartOptions {
  return {
    ...options,
    x: { ...options.x, title: oneLine(options.x.title) },
    y: { ...options.y, title: oneLine(options.y.title) },
    seriesTitle: oneLine(options.seriesTitle),
    ...(options.panels === undefined
      ? {}
      : { panels: { ...options.panels, title: oneLine(options.panels.title) } }),
    ...(options.lines === undefined
      ? {}
      : { lines: { ...options.lines, title: oneLine(options.lines.title) } }),
    ...(options.markers === undefined
      ? {}
      : { markers: { ...options.markers, title: oneLine(options.markers.title) } }),
  };
}

/**
 * `spec` compiled to a vega spec (vega-lite imported on the first call). vega-lite's warnings (a spec
 * it had to adjust) go to `onWarning`, not to the terminal; the tests require none.
 */
export async function compileChart(
  spec: ChartSpec,
  onWarning: (message: string) => void = () => {},
): Promise<object> {
  const vegaLite = await import('vega-lite');
  const report = (...args: unknown[]) => onWarning(args.map(String).join(' '));
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => {
      report(...args);
      return logger;
    },
    warn: (...args: unknown[]) => {
      report(...args);
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return vegaLite.compile(spec, { logger: logger as never }).spec;
}

/** `spec` rendered headless to an SVG document (vega and vega-lite imported on the first call). */
export async function chartSvg(spec: ChartSpec): Promise<string> {
  const [vega, compiled] = await Promise.all([import('vega'), compileChart(spec)]);
  const view = new vega.View(vega.parse(compiled as import('vega').Spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
