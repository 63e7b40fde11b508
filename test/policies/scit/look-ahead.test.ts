import { describe, expect, it } from 'vitest';
import { BUILTIN_CLAIMS, checkRotationInvariants } from '../../../src/checks/index.js';
import { RandomStream } from '../../../src/core/random.js';
import { DistributionTable } from '../../../src/entities/scit/distribution-table.js';
import type {
  RotationStrategy,
  RotationView,
  SwitchRequest,
} from '../../../src/entities/scit/rotation-strategy.js';
import type { ScitState } from '../../../src/entities/scit/scit-state.js';
import { LookAheadRotation, RedundancyPreservingRotation, ROTATION_STRATEGIES } from '../../../src/index.js';

const A = 0;
const B = 1;

/**
 * 3 hosts × 4 VMs at t = 100 s, targets 2 and 2. Host 0: A (VM 0, expiring now), A (expires at 250), spare
 * 2, cleansing until 200; host 1: A (260), B (270), spare 6, cleansing until 200; host 2: B (VM 8, expires
 * at 110), three cleansing until 300. Replacing VM 0 by either spare keeps A's target, but VM 8 (B, alone
 * on host 2 with no spare there) can only move to host 0 (host 1 already runs B): taking spare 2 makes it
 * wait, taking spare 6 does not.
 */
function situation(): { view: RotationView; request: SwitchRequest } {
  const vms: [ScitState, number, number][] = [
    ['active', A, 100],
    ['active', A, 250],
    ['spare', -1, Number.POSITIVE_INFINITY],
    ['cleansing', -1, 200],
    ['active', A, 260],
    ['active', B, 270],
    ['spare', -1, Number.POSITIVE_INFINITY],
    ['cleansing', -1, 200],
    ['active', B, 110],
    ['cleansing', -1, 300],
    ['cleansing', -1, 300],
    ['cleansing', -1, 300],
  ];
  const hostOf = (vm: number) => Math.floor(vm / 4);
  const table = new DistributionTable(
    3,
    vms.map((_, vm) => hostOf(vm)),
    [2, 2],
  );
  vms.forEach(([state, service], vm) => {
    if (state === 'active') table.addActive(service, hostOf(vm));
    else if (state === 'cleansing') table.addCleansing(hostOf(vm));
    else table.addSpare(vm);
  });
  const times = {
    nowSeconds: 100,
    vmCount: vms.length,
    stateOf: (vm: number) => vms[vm][0],
    serviceOf: (vm: number) => vms[vm][1],
    stateEnteredAtSeconds: () => 0,
    stateEndsAtSeconds: (vm: number) => vms[vm][2],
    lastCleansedAtSeconds: () => Number.NEGATIVE_INFINITY,
  };
  const view = Object.assign(Object.create(table), times) as RotationView;
  return { view, request: { vm: 0, service: A, host: 0, expiredAtSeconds: 100, nowSeconds: 100 } };
}

function picks(strategy: RotationStrategy): Set<string> {
  const { view, request } = situation();
  const random = new RandomStream('t', 3);
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const d = strategy.choose(request, view, random);
    seen.add(d.kind === 'switch' ? String(d.spare) : 'wait');
  }
  return seen;
}

describe('LookAheadRotation', () => {
  it('is a built-in strategy, named as registered', () => {
    expect(ROTATION_STRATEGIES['look-ahead']).toBe(LookAheadRotation);
    expect(new LookAheadRotation().name).toBe('look-ahead');
  });
  describe('having two target-keeping spares, one of which the next expiring VM needs', () => {
    it('leaves that one (the paper’s strategy takes either)', () => {
      expect(picks(new LookAheadRotation())).toEqual(new Set(['6']));
      expect(picks(new RedundancyPreservingRotation())).toEqual(new Set(['2', '6']));
    });
  });
  it('passes the spec checker with the redundancy and progress claims', () => {
    const claims = BUILTIN_CLAIMS['look-ahead'];
    expect(claims).toEqual({ preservesRedundancy: true, progress: true });
    const report = checkRotationInvariants(LookAheadRotation, {
      claims,
      seed: 112,
      numRuns: 12,
      // What its time-dependent rule could break (the other properties hold for every strategy run here).
      properties: ['valid-decision', 'purity', 'redundancy', 'progress'],
    });
    expect(report.outcomes.filter((o) => !o.ok).map((o) => `${o.property}: ${o.violation}`)).toEqual([]);
  });
});
