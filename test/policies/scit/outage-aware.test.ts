import { describe, expect, it } from 'vitest';
import { BUILTIN_CLAIMS, checkRotationInvariants } from '../../../src/checks/index.js';
import { RandomStream } from '../../../src/core/random.js';
import { DistributionTable } from '../../../src/entities/scit/distribution-table.js';
import type { SwitchRequest } from '../../../src/entities/scit/rotation-strategy.js';
import { runPaperExperiment } from '../../../src/experiments/scit/paper-experiment.js';
import { OutageAwareRotation, ROTATION_STRATEGIES } from '../../../src/index.js';

const WEB = 0;
const DNS = 1;

/** 3 hosts × 4 VMs (ids host by host); Active VMs and spares as given, the rest cleansing. */
function table(active: [number, number][], spares: number[]) {
  const vmHosts = Array.from({ length: 12 }, (_, vm) => Math.floor(vm / 4));
  const t = new DistributionTable(3, vmHosts, [3, 2]);
  for (const [vm, service] of active) t.addActive(service, vmHosts[vm]);
  for (let vm = 0; vm < 12; vm++)
    if (!active.some(([a]) => a === vm) && !spares.includes(vm)) t.addCleansing(vmHosts[vm]);
  for (const vm of spares) t.addSpare(vm);
  return t;
}

describe('OutageAwareRotation', () => {
  it('is a built-in strategy, named as registered', () => {
    expect(ROTATION_STRATEGIES['outage-aware']).toBe(OutageAwareRotation);
    expect(new OutageAwareRotation().name).toBe('outage-aware');
  });

  it('passes the spec checker with the redundancy and progress claims', () => {
    const claims = BUILTIN_CLAIMS['outage-aware'];
    expect(claims.preservesRedundancy).toBe(true);
    const report = checkRotationInvariants(OutageAwareRotation, {
      claims,
      seed: 111,
      numRuns: 40,
    });
    const failures = report.outcomes.filter((o) => !o.ok).map((o) => `${o.property}: ${o.violation}`);
    expect(failures).toEqual([]);
    expect(report.outcomes.find((o) => o.property === 'redundancy')?.numRuns).toBeGreaterThan(0);
  });

  describe('having the paper layout with a Web VM of host 0 expiring (host0: W W W ·, host1: W D · ·, host2: W W D ·)', () => {
    const active: [number, number][] = [
      [0, WEB],
      [1, WEB],
      [2, WEB],
      [4, WEB],
      [5, DNS],
      [8, WEB],
      [9, WEB],
      [10, DNS],
    ];
    const request: SwitchRequest = { vm: 0, service: WEB, host: 0, expiredAtSeconds: 0, nowSeconds: 0 };
    it('keeps it on its own host rather than loading a DNS host with one more Active VM', () => {
      const t = table(active, [3, 6, 7, 11]);
      const strategy = new OutageAwareRotation();
      const random = new RandomStream('test', 3);
      for (let i = 0; i < 50; i++) {
        const decision = strategy.choose(request, t, random);
        expect(decision).toEqual({ kind: 'switch', spare: 3 });
      }
      expect(strategy.qualifies(request, t, 0)).toBe(true);
      expect(strategy.qualifies(request, t, 1)).toBe(false);
    });
    it('takes a spare from a host that keeps an offline VM when its own host has none', () => {
      // Host 1 has two spares (one stays offline), host 2 one (it would have no offline VM left).
      const t = table(active, [6, 7, 11]);
      const decision = new OutageAwareRotation().choose(request, t, new RandomStream('test', 4));
      expect(decision.kind).toBe('switch');
      if (decision.kind === 'switch') expect(t.hostOf(decision.spare)).toBe(1);
    });
  });
});

describe('outage-aware against redundancy-preserving at the paper preset (seeds 1…300, 100 under attack)', async () => {
  const result = await runPaperExperiment({
    outDir: null,
    seeds: 300,
    strategies: ['redundancy-preserving', 'outage-aware'],
    security: { seeds: 100 },
  });
  const security = result.security;
  if (security === undefined) throw new Error('the preset attacks');
  const [rp, oa] = [security.summary['redundancy-preserving'], security.summary['outage-aware']];
  it('keeps every target in every run, like the paper strategy', () => {
    for (const name of ['Web', 'DNS'])
      expect(result.summary['outage-aware'].minLevel[name]).toBe(result.targets[name]);
  });
  it('delays fewer switches in long runs (CIs apart), never longer, and never a longer exposure window', () => {
    expect(oa.delay.probabilityCi95[1]).toBeLessThan(rp.delay.probabilityCi95[0]);
    expect(oa.delay.maxSeconds).toBeLessThanOrEqual(rp.delay.maxSeconds);
    expect(oa.maxExposureWindowSeconds).toBeLessThanOrEqual(rp.maxExposureWindowSeconds);
    const short = [result.summary['redundancy-preserving'], result.summary['outage-aware']];
    expect(short[1].delay.maxSeconds).toBeLessThanOrEqual(short[0].delay.maxSeconds);
  });
  it('is not worse on MTTSF (its mean is at least the paper strategy’s; the gain is within the CI)', () => {
    const [a, b] = [rp.security?.mttsf.system, oa.security?.mttsf.system];
    if (a === undefined || b === undefined) throw new Error('no MTTSF');
    expect(b.mean).toBeGreaterThanOrEqual(a.mean);
  });
});
