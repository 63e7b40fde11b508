import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/simulation.js';
import { resolveScitConfig, type ScitConfig } from '../../../src/entities/scit/config.js';
import { paperScitConfig } from '../../../src/entities/scit/paper-system.js';
import { buildScitSystem } from '../../../src/entities/scit/scit-system.js';
import {
  findCertainStarvation,
  RedundancyPreservingRotation,
  ReserveAwareRotation,
} from '../../../src/policies/scit/index.js';

describe('findCertainStarvation', () => {
  it('finds nothing in the paper configuration', () => {
    expect(findCertainStarvation(resolveScitConfig(paperScitConfig()))).toEqual([]);
  });
  it('flags a configuration with no offline VM, for every strategy', () => {
    const config = resolveScitConfig({
      hosts: 2,
      vmsPerHost: 2,
      services: [{ name: 'A', required: 4 }],
      exposureSeconds: 10,
      cleansingSeconds: 5,
    });
    expect(findCertainStarvation(config)).toMatchObject([{ kind: 'no-offline-vm', appliesTo: 'all' }]);
  });
  const pinned: ScitConfig = {
    hosts: 3,
    vmsPerHost: 3,
    services: [{ name: 'A', required: 3 }],
    exposureSeconds: 10,
    cleansingSeconds: 5,
    layout: [['A'], ['A', 'spare', 'spare'], ['A', 'spare', 'cleansing']],
  };
  it('flags a host pinned by services spread over every host', () => {
    const findings = findCertainStarvation(resolveScitConfig(pinned));
    expect(findings).toMatchObject([{ kind: 'pinned-host', host: 0, appliesTo: 'target-preserving' }]);
    expect(findings[0].message).toContain('host 0');
  });
  for (const strategy of [new RedundancyPreservingRotation(), new ReserveAwareRotation()]) {
    it(`agrees with the runtime detector for ${strategy.name}: the pinned VM starves`, () => {
      const sim = new Simulation({ seed: 2 });
      const system = buildScitSystem(sim, resolveScitConfig(pinned), strategy);
      const reports: number[] = [];
      system.controller.starved.subscribe((r) => reports.push(r.host));
      sim.run({ until: 100_000 });
      expect(reports).toEqual([0]);
    });
  }
});
