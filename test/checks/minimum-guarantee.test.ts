/**
 * The minimum guarantee, where it can fail. Under attack it is measured by the security monitor (m_s
 * Active VMs on hosts not compromised; tested in test/experiments/scit/security.test.ts, "measures the
 * minimum guarantee"). In the spec checker, `minimum` (Active VMs of s ≥ m_s) is implied by
 * conservation (r_s Active VMs, and validation keeps m_s ≤ r_s): no strategy can break it, only a
 * controller that loses an Active VM. This shows that the checker then reports it.
 */
import { describe, expect, it } from 'vitest';
import { InvariantTracker } from '../../src/checks/rotation/invariants.js';
import { resolveScitConfig } from '../../src/entities/scit/config.js';
import { DistributionTable } from '../../src/entities/scit/distribution-table.js';
import type { ScitFleet } from '../../src/entities/scit/scit-vm.js';

describe('InvariantTracker › minimum', () => {
  it('reports an Active VM lost without a replacement: 1 Active VM of A < minimum 2', () => {
    const config = resolveScitConfig({
      hosts: 1,
      vmsPerHost: 3,
      services: [{ name: 'A', required: 2, minimum: 2 }],
      exposureSeconds: 60,
      cleansingSeconds: 20,
      layout: [['A', 'A', 'spare']],
    });
    // What a broken controller would leave: VM 0 sent to Grace, the spare never activated.
    const states = ['grace', 'active', 'spare'];
    const fleet = { size: 3, state: (vm: number) => states[vm], service: (vm: number) => (vm < 2 ? 0 : -1) };
    const table = new DistributionTable(1, [0, 0, 0], [1]);
    table.addActive(0, 0);
    table.addSpare(2);
    const found: [string, string][] = [];
    const tracker = new InvariantTracker(
      config,
      table,
      fleet as unknown as ScitFleet,
      true,
      (property, message) => found.push([property, message]),
    );
    tracker.onStateChange(0, 'active', 'grace', 10);
    tracker.afterEvent(10, 1);
    expect(found).toContainEqual(['minimum', 'service A: 1 Active VMs < minimum 2 at t=10s']);
    expect(found.map(([p]) => p)).toContain('conservation');
  });
});
