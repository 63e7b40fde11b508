import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/core/random.js';
import { DistributionTable, type DistributionView } from '../../../src/entities/scit/distribution-table.js';
import type { SpareDecision, SwitchRequest } from '../../../src/entities/scit/rotation-strategy.js';
import {
  ConventionalRotation,
  RedundancyPreservingRotation,
  ReserveAwareRotation,
} from '../../../src/policies/scit/index.js';

const WEB = 0;
const DNS = 1;

/**
 * The paper's Figure 7 situation: host0 W W W spare, host1 W D cleansing cleansing, host2 W W D spare
 * (VM ids 0…11 host by host). DNS VM 5 on host1 expires.
 */
function figure7(spares: number[] = [3, 11]) {
  const vmHosts = Array.from({ length: 12 }, (_, vm) => Math.floor(vm / 4));
  const table = new DistributionTable(3, vmHosts, [3, 2]);
  for (const vm of [0, 1, 2, 4, 8, 9]) table.addActive(WEB, vmHosts[vm]);
  for (const vm of [5, 10]) table.addActive(DNS, vmHosts[vm]);
  table.addCleansing(1);
  table.addCleansing(1);
  for (const vm of spares) table.addSpare(vm);
  const request: SwitchRequest = { vm: 5, service: DNS, host: 1, expiredAtSeconds: 0, nowSeconds: 0 };
  return { table, request };
}

/** The built-ins read only the table (no time), so a bare table is enough to ask them. */
type TableStrategy = {
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision;
};

function choices(strategy: TableStrategy, spares: number[], draws = 400): Map<string, number> {
  const { table, request } = figure7(spares);
  const random = new RandomStream('test', 7);
  const counts = new Map<string, number>();
  for (let i = 0; i < draws; i++) {
    const decision = strategy.choose(request, table, random);
    const key = decision.kind === 'switch' ? String(decision.spare) : 'wait';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe('RedundancyPreservingRotation › choose', () => {
  describe('having the paper Figure 7 situation (DNS on host1 expires)', () => {
    it('always picks the spare on host0, which keeps DNS on two hosts', () => {
      expect(choices(new RedundancyPreservingRotation(), [3, 11])).toEqual(new Map([['3', 400]]));
    });
    it('waits when the only spare sits on the other DNS host', () => {
      const { table, request } = figure7([11]);
      const decision = new RedundancyPreservingRotation().choose(request, table, new RandomStream('t', 1));
      expect(decision.kind).toBe('wait');
    });
  });
  describe('having a qualifying spare that rejection sampling rarely hits', () => {
    it('still finds it (fallback over the hosts that hold spares)', () => {
      const hosts = 50;
      // VM h·2 is Active (service 0) on hosts 1…49; VM h·2+1 is a spare on hosts 0 and 2…49.
      const vmHosts = Array.from({ length: hosts * 2 }, (_, vm) => Math.floor(vm / 2));
      const table = new DistributionTable(hosts, vmHosts, [49]);
      for (let h = 1; h < hosts; h++) table.addActive(0, h);
      for (let h = 0; h < hosts; h++) if (h !== 1) table.addSpare(h * 2 + 1);
      const request: SwitchRequest = { vm: 2, service: 0, host: 1, expiredAtSeconds: 0, nowSeconds: 0 };
      for (let seed = 0; seed < 50; seed++) {
        const decision = new RedundancyPreservingRotation().choose(
          request,
          table,
          new RandomStream('t', seed),
        );
        expect(decision).toEqual({ kind: 'switch', spare: 1 });
      }
    });
  });
  describe('having several qualifying spares', () => {
    it('chooses among them uniformly (seeded)', () => {
      const counts = choices(new RedundancyPreservingRotation(), [3, 6, 11], 3000);
      // Qualifying: 3 (host0, no DNS) and 6 (own host1); 11 is on host2 with the other DNS VM.
      expect(counts.get('11')).toBeUndefined();
      expect(counts.get('3')).toBeGreaterThan(1350);
      expect(counts.get('6')).toBeGreaterThan(1350);
    });
  });
});

describe('ConventionalRotation › choose', () => {
  it('picks any live spare uniformly, including the one that drops DNS to one host', () => {
    const counts = choices(new ConventionalRotation(), [3, 11], 2000);
    expect(counts.get('3')).toBeGreaterThan(900);
    expect(counts.get('11')).toBeGreaterThan(900);
  });
  it('waits only when there is no live spare at all', () => {
    const { table, request } = figure7([]);
    expect(new ConventionalRotation().choose(request, table, new RandomStream('t', 1))).toEqual({
      kind: 'wait',
      reason: 'no live spare',
    });
  });
});

describe('ReserveAwareRotation › choose', () => {
  it('refuses a cross-host spare that would leave its host without an offline VM', () => {
    // Host0 has a single offline VM (spare 3): taking it would leave host0 fully online.
    const { table, request } = figure7([3]);
    expect(new ReserveAwareRotation().choose(request, table, new RandomStream('t', 1)).kind).toBe('wait');
  });
  it('takes an own-host spare even when it is the host’s last offline VM', () => {
    const { table, request } = figure7([6]);
    expect(new ReserveAwareRotation().choose(request, table, new RandomStream('t', 1))).toEqual({
      kind: 'switch',
      spare: 6,
    });
  });
});
