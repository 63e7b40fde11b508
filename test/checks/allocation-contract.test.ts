/**
 * The allocation-policy contract suite on every built-in policy, on a researcher's own policy, and on
 * broken policies it must catch. A failure prints the report, with each property's seed and path.
 */
import { describe, expect, it } from 'vitest';
import {
  type AllocationCheckReport,
  type AllocationPolicyFactory,
  checkAllocationPolicy,
  formatAllocationReport,
} from '../../src/checks/index.js';
import type { Host, Vm, VmAllocationPolicy } from '../../src/entities/index.js';
import {
  VmAllocationPolicyBestFit,
  VmAllocationPolicyFirstFit,
  VmAllocationPolicyRandom,
  VmAllocationPolicyRoundRobin,
  VmAllocationPolicyServiceAware,
  VmAllocationPolicySimple,
  VmAllocationPolicySimpleIndexed,
  VmAllocationPolicyWorstFit,
} from '../../src/index.js';

const RUNS = 60;

const BUILT_IN: [string, AllocationPolicyFactory][] = [
  ['VmAllocationPolicySimple', () => new VmAllocationPolicySimple()],
  ['VmAllocationPolicySimpleIndexed', () => new VmAllocationPolicySimpleIndexed()],
  ['VmAllocationPolicyFirstFit', () => new VmAllocationPolicyFirstFit()],
  ['VmAllocationPolicyBestFit', () => new VmAllocationPolicyBestFit()],
  ['VmAllocationPolicyWorstFit', () => new VmAllocationPolicyWorstFit()],
  ['VmAllocationPolicyRoundRobin', () => new VmAllocationPolicyRoundRobin()],
  ['VmAllocationPolicyRandom', (sim) => new VmAllocationPolicyRandom(sim)],
  ['VmAllocationPolicyServiceAware', () => new VmAllocationPolicyServiceAware()],
];

/** A researcher's own policy: the suitable host with the most free RAM (ties: first). */
class MostFreeRam implements VmAllocationPolicy {
  allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined {
    let best: Host | undefined;
    for (const host of hosts)
      if (host.isSuitableForVm(vm) && (best === undefined || host.availableRamMb > best.availableRamMb))
        best = host;
    return best;
  }
}

/** Broken: takes the first host whatever it has left. */
class IgnoresSuitability implements VmAllocationPolicy {
  allocateHostForVm(_vm: Vm, hosts: readonly Host[]): Host | undefined {
    return hosts[0];
  }
}

/** Broken: places the VM itself instead of returning a decision. */
class PlacesItself implements VmAllocationPolicy {
  allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined {
    const host = hosts.find((h) => h.isSuitableForVm(vm));
    host?.createVm(vm);
    return host;
  }
}

/** Broken: reserves the VM's RAM on every host that could take it, behind the hosts' backs, and keeps it. */
class ReservesBehindTheHost implements VmAllocationPolicy {
  allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined {
    const suitable = hosts.filter((h) => h.isSuitableForVm(vm));
    for (const host of suitable) host.ram.allocate(vm, vm.ramMb);
    return suitable[0];
  }
}

/** Never places anything: complete only if it says so. */
class Declines implements VmAllocationPolicy {
  allocateHostForVm(): Host | undefined {
    return undefined;
  }
}

/** Broken: its choice depends on how many instances were built before (state shared between runs). */
function flakyFactory(): AllocationPolicyFactory {
  let built = 0;
  return () => {
    const odd = built++ % 2 === 1;
    return {
      allocateHostForVm: (vm, hosts) => {
        const suitable = hosts.filter((h) => h.isSuitableForVm(vm));
        return odd ? suitable[suitable.length - 1] : suitable[0];
      },
    };
  };
}

function failed(report: AllocationCheckReport): string[] {
  return report.outcomes.filter((o) => !o.ok).map((o) => o.property);
}

describe('checkAllocationPolicy (the allocation-policy contract)', () => {
  it.each(BUILT_IN)('%s passes every property', (_name, make) => {
    const report = checkAllocationPolicy(make, { numRuns: RUNS });
    expect(report.ok, formatAllocationReport(report)).toBe(true);
    expect(report.outcomes.map((o) => o.property)).toEqual([
      'suitable',
      'complete',
      'no-side-effects',
      'no-overcommit',
      'deterministic',
    ]);
  });

  it("passes a researcher's own policy", () => {
    const report = checkAllocationPolicy(() => new MostFreeRam(), { numRuns: RUNS });
    expect(report.ok, formatAllocationReport(report)).toBe(true);
    expect(report.policy).toBe('MostFreeRam');
  });

  it('catches a policy that returns a host that cannot take the VM, with a replayable counterexample', () => {
    const report = checkAllocationPolicy(() => new IgnoresSuitability(), { numRuns: RUNS });
    expect(failed(report)).toContain('suitable');
    const outcome = report.outcomes.find((o) => o.property === 'suitable');
    expect(outcome?.violation).toMatch(/returned host 0, which lacks (pes|ram|bw|storage)/);
    expect(outcome?.report).toMatch(/seed/);
    // Replaying with { seed, path } gives the same shrunk counterexample.
    const replay = checkAllocationPolicy(() => new IgnoresSuitability(), {
      seed: outcome?.seed,
      path: outcome?.path,
      properties: ['suitable'],
    });
    expect(replay.outcomes[0].counterexample).toEqual(outcome?.counterexample);
    expect(formatAllocationReport(report)).toMatch(
      /FAIL {2}suitable: .* replay with \{ seed: -?\d+, path: "/,
    );
  });

  it('catches a policy that places the VM itself or allocates behind the host', () => {
    // Placing it also uses up the host, so the returned host no longer fits either.
    expect(failed(checkAllocationPolicy(() => new PlacesItself(), { numRuns: RUNS }))).toEqual([
      'suitable',
      'no-side-effects',
    ]);
    expect(failed(checkAllocationPolicy(() => new ReservesBehindTheHost(), { numRuns: RUNS }))).toEqual(
      expect.arrayContaining(['no-side-effects', 'no-overcommit']),
    );
  });

  it('holds a policy to completeness unless it says it may decline', () => {
    expect(failed(checkAllocationPolicy(() => new Declines(), { numRuns: RUNS }))).toEqual(['complete']);
    expect(checkAllocationPolicy(() => new Declines(), { numRuns: RUNS, complete: false }).ok).toBe(true);
  });

  it('catches a policy whose choices depend on state shared between runs', () => {
    expect(failed(checkAllocationPolicy(flakyFactory(), { numRuns: RUNS }))).toEqual(['deterministic']);
  });
});
