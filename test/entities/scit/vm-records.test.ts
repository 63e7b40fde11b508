import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/simulation.js';
import { DistributionTable } from '../../../src/entities/scit/distribution-table.js';
import type { InitialSlot } from '../../../src/entities/scit/scit-state.js';
import { ScitFleet } from '../../../src/entities/scit/scit-vm.js';
import { VmRecords } from '../../../src/entities/scit/vm-records.js';

describe('VmRecords shared by a ScitFleet and a DistributionTable', () => {
  describe('when both change their own fields of the same records in any order', () => {
    it('never disturbs the other: states, services, hosts and spare indexes stay as applied', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 5 }),
          fc.integer({ min: 1, max: 4 }),
          fc.array(fc.record({ vm: fc.nat(), service: fc.nat(6), spare: fc.boolean() }), { maxLength: 150 }),
          (hosts, vmsPerHost, ops) => {
            const vmCount = hosts * vmsPerHost;
            const vmHosts = Array.from({ length: vmCount }, (_, vm) => Math.floor(vm / vmsPerHost));
            const records = new VmRecords(vmHosts);
            const initial: InitialSlot[] = vmHosts.map(() => ({ state: 'spare' }));
            const fleet = new ScitFleet(new Simulation(), records, initial);
            const table = new DistributionTable(hosts, vmHosts, [1], records);
            // Model: each VM cycles spare → active(s) → grace → cleansing → spare; the table indexes spares.
            const services = vmHosts.map(() => -1);
            const spares = new Set<number>();
            for (const op of ops) {
              const vm = op.vm % vmCount;
              const state = fleet.state(vm);
              if (state === 'spare') fleet.receive(vm, { type: 'activate', service: op.service });
              else if (state === 'active') fleet.receive(vm, { type: 'enterGrace' });
              else if (state === 'grace') fleet.receive(vm, { type: 'startCleansing' });
              else fleet.receive(vm, { type: 'becomeSpare' });
              services[vm] =
                fleet.state(vm) === 'active' ? op.service : fleet.state(vm) === 'grace' ? services[vm] : -1;
              if (op.spare && !spares.has(vm)) {
                table.addSpare(vm);
                spares.add(vm);
              } else if (!op.spare && spares.has(vm)) {
                table.removeSpare(vm);
                spares.delete(vm);
              }
            }
            for (let vm = 0; vm < vmCount; vm++) {
              expect(fleet.hostOf(vm)).toBe(vmHosts[vm]);
              expect(table.hostOf(vm)).toBe(vmHosts[vm]);
              expect(fleet.service(vm)).toBe(services[vm]);
              expect(table.isSpare(vm)).toBe(spares.has(vm));
            }
            for (let h = 0; h < hosts; h++) {
              const listed = table.sparesOn(h);
              expect(listed).toHaveLength(table.spareCount(h));
              listed.forEach((vm, i) => {
                expect(table.spareOnHostAt(h, i)).toBe(vm);
              });
            }
          },
        ),
      );
    });
  });

  describe('when the table is given records of other VMs', () => {
    it('refuses them, naming the mismatch', () => {
      expect(() => new DistributionTable(2, [0, 1], [1], new VmRecords([0]))).toThrow(
        /2 VM hosts but 1 VM records/,
      );
      expect(() => new DistributionTable(2, [0, 1], [1], new VmRecords([0, 0]))).toThrow(
        /VM 1 is on host 1 but its record says 0/,
      );
    });
  });
});
