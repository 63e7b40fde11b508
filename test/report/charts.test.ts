/**
 * The one chart builder (src/report/charts.ts), judged on the spec and the SVG it makes, not on pixels:
 * small multiples per second swept parameter, one distinct colour per series, legends never cut, axes
 * fitted to the data, the redundancy timeline one panel per service with its target drawn.
 */
import { describe, expect, it } from 'vitest';
import {
  type ChartSpec,
  chartSvg,
  compileChart,
  distinctColours,
  fittedDomain,
  redundancyChart,
  seriesChart,
} from '../../src/report/charts.js';
import { sweepChart } from '../../src/sweep/output.js';
import type { SweepShape } from '../../src/sweep/plan.js';

/** The spec as a plain object, to read any of its fields. */
type Json = Record<string, unknown> & { [key: string]: Json | undefined };
const json = (spec: ChartSpec) => spec as unknown as Json;

/** Every `color` encoding of a (faceted, layered) spec. */
function colourEncodings(spec: Json): Json[] {
  const found: Json[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'color' && value !== null && typeof value === 'object' && 'field' in value)
          found.push(value as Json);
        visit(value);
      }
    }
  };
  visit(spec);
  return found;
}

async function warningsOf(spec: ChartSpec): Promise<string[]> {
  const warnings: string[] = [];
  await compileChart(spec, (message) => warnings.push(message));
  return warnings;
}

/** A sweep of E × A with `strategies`; availability about 0.96 to 1. */
function twoParameterSweep(strategies: string[]) {
  const shape: SweepShape = {
    fingerprint: 'f',
    parameters: [
      { path: 'exposureSeconds', values: [60, 180, 600] },
      { path: 'attack.meanIntervalSeconds', values: [150, 300, 600, 1200] },
    ],
    cells: 12,
    strategies,
    seeds: 10,
    firstSeed: 1,
    metrics: ['availability'],
  };
  const lines = [
    'cell,exposureSeconds,attack.meanIntervalSeconds,strategy,runs,availability.mean,availability.ci95Low,availability.ci95High',
  ];
  let cell = 0;
  for (const A of [150, 300, 600, 1200])
    for (const E of [60, 180, 600]) {
      strategies.forEach((strategy, s) => {
        const mean = 0.97 + 0.0002 * s + 0.00001 * A - 0.00001 * E;
        lines.push(`${cell},${E},${A},${strategy},10,${mean},${mean - 0.005},${Math.min(1, mean + 0.005)}`);
      });
      cell++;
    }
  return { shape, csv: `${lines.join('\n')}\n` };
}

describe('seriesChart (the sweep and security figures)', () => {
  it('draws a two-parameter sweep as one panel per value of the second parameter, one colour per strategy', async () => {
    const strategies = ['conventional', 'redundancy-preserving', 'reserve-aware'];
    const { shape, csv } = twoParameterSweep(strategies);
    const spec = json(sweepChart(shape, csv, 'availability'));
    const facet = spec.facet as Json;
    expect(facet.field).toBe('panel');
    const panels = new Set(
      ((spec.data as Json).values as unknown as { panel: string }[]).map((p) => p.panel),
    );
    expect([...panels]).toEqual([
      'attack.meanIntervalSeconds = 150',
      'attack.meanIntervalSeconds = 300',
      'attack.meanIntervalSeconds = 600',
      'attack.meanIntervalSeconds = 1200',
    ]);
    const colours = colourEncodings(spec);
    expect(colours.length).toBeGreaterThan(0);
    for (const colour of colours) {
      expect(colour.field).toBe('series');
      const range = (colour.scale as Json).range as unknown as string[];
      expect(new Set(range).size).toBeGreaterThanOrEqual(strategies.length);
      expect((colour.legend as Json).labelLimit).toBe(0);
    }
    expect(await warningsOf(spec as unknown as ChartSpec)).toEqual([]);
    // The vega spec has a facet over the panels (4 groups at run time): the compiled data is faceted by `panel`.
    const compiled = JSON.stringify(await compileChart(spec as unknown as ChartSpec));
    expect(compiled).toContain('"groupby":["panel"]');
  });

  it('gives twelve series twelve different colours and shows every legend label whole', async () => {
    const strategies = Array.from({ length: 12 }, (_, i) => `strategy number ${i} with a long name`);
    const { shape, csv } = twoParameterSweep(strategies);
    const svg = await chartSvg(sweepChart(shape, csv, 'availability'));
    for (const name of strategies) expect(svg).toContain(`>${name}<`);
    expect(svg).not.toContain('…');
    const legendSymbols = [...svg.matchAll(/role-legend-symbol[\s\S]*?<\/g><\/g>/g)].join('');
    const fills = new Set([...legendSymbols.matchAll(/fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]));
    expect(fills.size).toBeGreaterThanOrEqual(12);
  });

  it('fits the axis of a share to the data: availability 0.97–1 is not drawn from 0', () => {
    const { shape, csv } = twoParameterSweep(['a', 'b']);
    const spec = json(sweepChart(shape, csv, 'availability'));
    const y = (((spec.spec as Json).layer as unknown as Json[])[1].encoding as Json).y as Json;
    const [low, high] = (y.scale as Json).domain as unknown as number[];
    expect(low).toBeGreaterThan(0.9);
    expect(high).toBeLessThanOrEqual(1);
    expect((y.scale as Json).zero).toBe(false);
  });

  it('pads the domain and clamps it to the quantity’s range', () => {
    expect(fittedDomain([{ mean: 0.98, low: 0.97, high: 1 }], { range: [0, 1] })).toEqual([0.9676, 1]);
    const [low, high] = fittedDomain([{ mean: 5, low: 5, high: 5 }]) ?? [];
    expect(low).toBeLessThan(5);
    expect(high).toBeGreaterThan(5);
    expect(fittedDomain([{ mean: Number.NaN, low: Number.NaN, high: Number.NaN }])).toBeUndefined();
  });

  it('draws the confidence band, tooltips and a legend-bound selection', () => {
    const spec = json(
      seriesChart(
        [
          { x: 1, mean: 10, low: 8, high: 12, series: 'a' },
          { x: 2, mean: 11, low: 9, high: 13, series: 'a' },
        ],
        { title: 't', x: { title: 'x' }, y: { title: 'y', log: true }, seriesTitle: 'strategy' },
      ),
    );
    const layers = spec.layer as unknown as Json[];
    expect((layers[0].encoding as Json).y2).toEqual({ field: 'high' });
    const point = layers.find((l) => l.params !== undefined) as Json;
    expect(point.params).toEqual([
      { name: 'picked', select: { type: 'point', fields: ['series'] }, bind: 'legend' },
    ]);
    expect(((point.encoding as Json).tooltip as unknown as Json[]).map((t) => t.field)).toEqual([
      'series',
      'x',
      'mean',
      'low',
      'high',
    ]);
  });
});

describe('distinctColours', () => {
  it.each([2, 10, 11, 20, 21, 40])('gives %i series %i different colours', (count) => {
    expect(new Set(distinctColours(count)).size).toBe(count);
  });
});

describe('redundancyChart (Figures 10/11)', () => {
  const rows = Array.from({ length: 31 }, (_, cycle) => ({
    cycle,
    timeSeconds: 22.5 * cycle,
    levels: [3, cycle % 5 === 0 ? 1 : 2],
  }));

  it('has one panel per service, so that a level equal to another service’s never hides it', () => {
    const spec = json(
      redundancyChart(rows, ['Web', 'DNS'], { title: 't', maxLevel: 3, targets: { Web: 3, DNS: 2 } }),
    );
    expect(((spec.facet as Json).row as Json).field).toBe('service');
    const y = ((((spec.spec as Json).layer as unknown as Json[])[0].encoding as Json).y as Json)
      .scale as Json;
    expect(y.domain).toEqual([0, 3]);
  });

  it('draws each service’s target as a dashed rule, in its own panel', async () => {
    const spec = redundancyChart(rows, ['Web', 'DNS'], {
      title: 't',
      maxLevel: 3,
      targets: { Web: 3, DNS: 2 },
    });
    const rule = ((json(spec).spec as Json).layer as unknown as Json[]).find(
      (l) => (l.mark as unknown as { type: string }).type === 'rule',
    ) as Json;
    expect((rule.mark as Json).strokeDash).toEqual([6, 4]);
    expect(await warningsOf(spec)).toEqual([]);
    const svg = await chartSvg(spec);
    // Two panels (a header per service), each with one rule.
    expect(svg).toContain('>Web<');
    expect(svg).toContain('>DNS<');
    const rules = [...svg.matchAll(/class="mark-rule role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/g)];
    expect(rules.map((m) => (m[1].match(/<line/g) ?? []).length)).toEqual([1, 1]);
    expect(svg).toContain('stroke-dasharray="6,4"');
  });

  it('draws no rule without targets', () => {
    const spec = json(redundancyChart(rows, ['Web', 'DNS'], { title: 't', maxLevel: 3 }));
    expect(
      ((spec.spec as Json).layer as unknown as Json[]).some(
        (l) => (l.mark as unknown as { type: string }).type === 'rule',
      ),
    ).toBe(false);
  });
});
