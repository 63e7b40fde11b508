import { describe, expect, it } from 'vitest';
import { ConfigError, Simulation } from '../../src/core/index.js';
import {
  CloudSimulation,
  DatacenterBroker,
  DEFAULT_MIN_TIME_BETWEEN_EVENTS,
} from '../../src/entities/index.js';
import { exampleCloudlet, exampleDatacenter, exampleVm } from '../support/cloudsim-fixtures.js';

/** Example 1's scenario with the given minimum gap; returns the cloudlet's start time. */
function startTimeWithGap(gap?: number): number {
  const cloud = new CloudSimulation(gap === undefined ? {} : { minTimeBetweenEvents: gap });
  exampleDatacenter(cloud, 'Datacenter_0', [{ pes: 1, mipsPerPe: 1000, ramMb: 2048 }]);
  const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
  broker.submitVmList([exampleVm(0, 1000, 512)]);
  broker.submitCloudletList([exampleCloudlet(0, 400000, 0)]);
  cloud.sim.run();
  return broker.cloudletsReceived[0].execStartTime;
}

describe('CloudSimulation', () => {
  it('gives CloudSim its first ids: shutdown entity 0, information service 1', () => {
    const cloud = new CloudSimulation();
    expect([cloud.shutdown.id, cloud.informationService.id]).toEqual([0, 1]);
  });

  it('has one minimum-gap setting (default 0.01 s) that the bus and the datacenters read', () => {
    const cloud = new CloudSimulation();
    expect(cloud.minTimeBetweenEvents).toBe(DEFAULT_MIN_TIME_BETWEEN_EVENTS);
    expect(cloud.bus.minTimeBetweenEvents).toBe(0.01);
    // The VM-creation acknowledgement comes one gap later, so the cloudlet starts at the gap.
    expect(startTimeWithGap()).toBe(0.01);
    expect(startTimeWithGap(0.25)).toBe(0.25);
  });

  it('rejects a gap that is not a finite number > 0, naming the field', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new CloudSimulation({ minTimeBetweenEvents: bad })).toThrow(ConfigError);
    }
    expect(() => new CloudSimulation({ minTimeBetweenEvents: 0 })).toThrow(/minTimeBetweenEvents/);
  });

  it('uses a given kernel only while it has no entities (CloudSim ids start at 0)', () => {
    const sim = new Simulation({ seed: 3 });
    expect(new CloudSimulation({ sim }).sim).toBe(sim);
    expect(() => new CloudSimulation({ sim })).toThrow(/no entities yet/);
  });
});
