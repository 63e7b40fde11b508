/**
 * What the paper leaves open, made explicit (issue 11, requirement 6): its two initial layouts, the
 * order of the first expiries and whether Grace VMs count toward the redundancy level.
 */
import { injectable } from 'inversify';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/simulation.js';
import type { SwitchRecord } from '../../../src/entities/scit/central-controller.js';
import { resolveScitConfig, type ScitConfig } from '../../../src/entities/scit/config.js';
import type { DistributionView } from '../../../src/entities/scit/distribution-table.js';
import {
  PAPER_LAYOUTS,
  type PaperLayoutName,
  paperScitConfig,
} from '../../../src/entities/scit/paper-system.js';
import {
  type RotationStrategy,
  type SpareDecision,
  type SwitchRequest,
  waitDecision,
} from '../../../src/entities/scit/rotation-strategy.js';
import { buildScitSystem } from '../../../src/entities/scit/scit-system.js';
import { summarizeSeeds } from '../../../src/experiments/scit/seed-summary.js';
import { ConventionalRotation, RedundancyPreservingRotation } from '../../../src/policies/scit/index.js';
import { createRunContainer, withRotation } from '../../../src/runs/container.js';
import { runScit } from '../../../src/runs/scit-run.js';
import { configError } from '../../config-error.js';

function firstSwitches(config: ScitConfig, strategy: RotationStrategy, seed = 1, cycles = 8) {
  const sim = new Simulation({ seed });
  const system = buildScitSystem(sim, resolveScitConfig(config), strategy, { maxCycles: cycles });
  const switches: SwitchRecord[] = [];
  system.controller.switched.subscribe((r) => switches.push(r));
  sim.run();
  return switches;
}

describe('paperScitConfig › layouts', () => {
  it('uses Table 1 by default: Web 3/1/2, DNS 0/1/1, cleansing 0/2/1, one spare on host 1', () => {
    const config = resolveScitConfig(paperScitConfig());
    expect(paperScitConfig().layout).toEqual(PAPER_LAYOUTS['table-1']);
    const count = (h: number, what: (slot: (typeof config.layout)[0][0]) => boolean) =>
      config.layout[h].filter(what).length;
    expect([0, 1, 2].map((h) => count(h, (s) => s.state === 'active' && s.service === 0))).toEqual([3, 1, 2]);
    expect([0, 1, 2].map((h) => count(h, (s) => s.state === 'active' && s.service === 1))).toEqual([0, 1, 1]);
    expect([0, 1, 2].map((h) => count(h, (s) => s.state === 'cleansing'))).toEqual([0, 2, 1]);
    expect([0, 1, 2].map((h) => count(h, (s) => s.state === 'spare'))).toEqual([1, 0, 0]);
  });

  describe.each(Object.keys(PAPER_LAYOUTS) as PaperLayoutName[])('having the %s layout', (name) => {
    it('validates and meets every target; the paper strategy runs 1000 cycles without dropping one', () => {
      const config = resolveScitConfig(paperScitConfig(name));
      expect(config.services.map((s) => s.target)).toEqual([3, 2]);
      const summary = summarizeSeeds(createRunContainer({ rotation: 'redundancy-preserving' }), config, {
        seeds: 20,
        cycles: 1000,
      });
      expect(summary.minLevel).toEqual({ Web: 3, DNS: 2 });
      expect(summary.starvedRuns).toBe(0);
    });
  });

  it('reproduces the Figure 7 decision: host 1’s DNS VM expires first; the paper strategy takes host 2’s spare', () => {
    const config = paperScitConfig('figure-7');
    const [first] = firstSwitches(config, new RedundancyPreservingRotation(), 1, 1);
    expect(first).toMatchObject({ service: 1, fromHost: 0, toHost: 1, levels: [3, 2] });
    // The conventional strategy takes host 3's spare in some seeds: DNS drops to one host (Figure 8).
    const toHosts = new Set(
      Array.from({ length: 20 }, (_, seed) => firstSwitches(config, new ConventionalRotation(), seed, 1)[0]),
    );
    expect([...toHosts].some((s) => s.toHost === 2 && s.levels[1] === 1)).toBe(true);
  });

  it('names an unknown layout (ConfigError with field and value)', () => {
    const error = configError(() => paperScitConfig('figure-8' as PaperLayoutName));
    expect(error.field).toBe('layout');
    expect(error.value).toBe('figure-8');
    expect(error.message).toMatch(/table-1, figure-7/);
  });
});

describe('ScitConfig › firstExpiryOrder', () => {
  const paper = paperScitConfig();
  const expiries = (config: ScitConfig, seed = 1) =>
    firstSwitches(config, new ConventionalRotation(), seed, 8).map((s) => s.expiredVm);
  // Online VMs in layout order: 0 1 2 (host 1), 4 5 (host 2), 8 9 10 (host 3) by VM id.
  const onlineVms = [0, 1, 2, 4, 5, 8, 9, 10];

  it('defaults to layout order (the online VMs expire in VM-id order)', () => {
    expect(expiries(paper)).toEqual(onlineVms);
    expect(resolveScitConfig({ ...paper, firstExpiryOrder: 'layout' })).toEqual(resolveScitConfig(paper));
  });

  it('follows an explicit list: its k-th entry expires k-th, at the k-th staggered time', () => {
    const order = [7, 6, 5, 4, 3, 2, 1, 0];
    const config = resolveScitConfig({ ...paper, firstExpiryOrder: order });
    expect(config.firstExpirySeconds).toEqual([180, 157.5, 135, 112.5, 90, 67.5, 45, 22.5]);
    expect(expiries({ ...paper, firstExpiryOrder: order })).toEqual(order.map((i) => onlineVms[i]));
  });

  it('draws a random order per seed from its own stream: same seed, same order; seeds differ', () => {
    const config = { ...paper, firstExpiryOrder: 'random' as const };
    const orders = Array.from({ length: 6 }, (_, seed) => expiries(config, seed).join(','));
    expect(expiries(config, 3)).toEqual(expiries(config, 3));
    expect(new Set(orders).size).toBeGreaterThan(1);
    for (const order of orders)
      expect(
        order
          .split(',')
          .map(Number)
          .sort((a, b) => a - b),
      ).toEqual(onlineVms);
    // Time by time, one expiry every E/8 as in layout order.
    const times = firstSwitches(config, new ConventionalRotation(), 4, 8).map((s) => s.timeSeconds);
    expect(times).toEqual(Array.from({ length: 8 }, (_, k) => 22.5 * (k + 1)));
  });

  it.each([
    ['first', 'firstExpiryOrder', 'first'],
    [[0, 1, 2], 'firstExpiryOrder', 3],
    [[0, 1, 2, 3, 4, 5, 6, 8], 'firstExpiryOrder[7]', 8],
    [[0, 1, 2, 3, 4, 5, 6, 6], 'firstExpiryOrder[7]', 6],
    [[0, 1, 2, 3, 4, 5, 6, 1.5], 'firstExpiryOrder[7]', 1.5],
  ])('rejects %j, naming %s and the value', (order, field, value) => {
    const error = configError(() => resolveScitConfig({ ...paper, firstExpiryOrder: order as never }));
    expect(error.field).toBe(field);
    expect(error.value).toEqual(value);
  });

  it('rejects a random or explicit order beside firstExpirySeconds (the times are already fixed)', () => {
    const error = configError(() =>
      resolveScitConfig({
        ...paper,
        firstExpirySeconds: [1, 2, 3, 4, 5, 6, 7, 8],
        firstExpiryOrder: 'random',
      }),
    );
    expect(error.field).toBe('firstExpiryOrder');
  });
});

/** Takes a live spare on another host than the expiring VM's when there is one (else any spare). */
@injectable()
class OtherHostFirst implements RotationStrategy {
  readonly name = 'other-host-first';
  choose(request: SwitchRequest, view: DistributionView): SpareDecision {
    for (let i = 0; i < view.totalSpares; i++)
      if (view.hostOf(view.spareAt(i)) !== request.host) return { kind: 'switch', spare: view.spareAt(i) };
    return view.totalSpares > 0 ? { kind: 'switch', spare: view.spareAt(0) } : waitDecision('no spare');
  }
}

describe('ScitConfig › graceCountsTowardLevel (G > 0)', () => {
  // Two hosts, A on both (target 2). At 50 s host 0's A expires and moves to host 1: host 0 keeps it in
  // Grace for G = 20 s, then cleanses it. The run ends at 100 s, before the next expiry.
  const twoHosts: ScitConfig = {
    hosts: 2,
    vmsPerHost: 2,
    services: [{ name: 'A', required: 2 }],
    exposureSeconds: 1000,
    cleansingSeconds: 30,
    graceSeconds: 20,
    layout: [
      ['A', 'spare'],
      ['A', 'spare'],
    ],
    firstExpirySeconds: [50, 500],
  };
  const run = (graceCountsTowardLevel: boolean) =>
    runScit(
      withRotation(createRunContainer(), OtherHostFirst),
      resolveScitConfig({ ...twoHosts, graceCountsTowardLevel }),
      { seed: 1, horizonSeconds: 100, recordTimeline: true },
    );

  it('by default counts Active VMs only: A is below target from the switch on (50 s of 100)', () => {
    const result = run(false);
    expect(result.belowTargetSeconds).toEqual([50]);
    expect(result.timeline?.map((r) => [r.timeSeconds, r.levels[0]])).toEqual([
      [0, 2],
      [50, 1],
    ]);
  });

  it('with true counts the Grace VM until its grace ends: below target only from 70 s (30 s)', () => {
    const result = run(true);
    expect(result.belowTargetSeconds).toEqual([30]);
    expect(result.minLevels).toEqual([1]);
    expect(result.timeline?.map((r) => [r.timeSeconds, r.levels[0]])).toEqual([
      [0, 2],
      [50, 2],
      [70, 1],
    ]);
  });

  it('rejects a value that is not a boolean, naming the field', () => {
    const error = configError(() =>
      resolveScitConfig({ ...twoHosts, graceCountsTowardLevel: 'yes' as never }),
    );
    expect(error.field).toBe('graceCountsTowardLevel');
    expect(error.value).toBe('yes');
  });

  describe('having the paper system with G = 30 s', () => {
    const config = (graceCountsTowardLevel: boolean) =>
      resolveScitConfig({ ...paperScitConfig(), graceSeconds: 30, graceCountsTowardLevel });
    const summary = (rotation: string, counts: boolean) =>
      summarizeSeeds(createRunContainer({ rotation }), config(counts), { seeds: 100, cycles: 200 });
    it.each([false, true])(
      'keeps both levels at target with the paper strategy (Grace counted: %s)',
      (counts) => {
        const s = summary('redundancy-preserving', counts);
        expect(s.minLevel).toEqual({ Web: 3, DNS: 2 });
        expect(s.belowTarget.DNS.timeShare.mean).toBe(0);
      },
    );
    it('measures less time below target for the conventional strategy when Grace VMs count', () => {
      const [active, online] = [summary('conventional', false), summary('conventional', true)];
      expect(active.belowTarget.DNS.timeShare.mean).toBeGreaterThan(0);
      expect(online.belowTarget.DNS.timeShare.mean).toBeLessThan(active.belowTarget.DNS.timeShare.mean);
      expect(online.minLevel.DNS).toBeGreaterThanOrEqual(active.minLevel.DNS);
    });
  });
});
