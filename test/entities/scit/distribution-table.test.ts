import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DistributionTable } from '../../../src/entities/scit/distribution-table.js';

type Op = {
  kind: 'activate' | 'deactivate' | 'spare' | 'unspare' | 'clean' | 'unclean';
  a: number;
  b: number;
};

describe('DistributionTable', () => {
  describe('when changed by any sequence of valid updates', () => {
    it('equals a recount (levels, totals, spare pool, per-host spares and spare hosts)', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 6 }),
          fc.integer({ min: 1, max: 3 }),
          fc.array(
            fc.record({
              kind: fc.constantFrom('activate', 'deactivate', 'spare', 'unspare', 'clean', 'unclean'),
              a: fc.nat(),
              b: fc.nat(),
            }),
            { maxLength: 200 },
          ),
          (hosts, services, ops: Op[]) => {
            const vmCount = hosts * 3;
            const vmHosts = Array.from({ length: vmCount }, (_, vm) => vm % hosts);
            const table = new DistributionTable(hosts, vmHosts, Array(services).fill(1));
            const active = Array.from({ length: services }, () => Array(hosts).fill(0));
            const cleansing = Array(hosts).fill(0);
            const spares = new Set<number>();
            for (const op of ops) {
              const s = op.a % services;
              const h = op.b % hosts;
              const vm = op.b % vmCount;
              if (op.kind === 'activate') {
                table.addActive(s, h);
                active[s][h]++;
              } else if (op.kind === 'deactivate' && active[s][h] > 0) {
                table.removeActive(s, h);
                active[s][h]--;
              } else if (op.kind === 'spare' && !spares.has(vm)) {
                table.addSpare(vm);
                spares.add(vm);
              } else if (op.kind === 'unspare' && spares.has(vm)) {
                table.removeSpare(vm);
                spares.delete(vm);
              } else if (op.kind === 'clean') {
                table.addCleansing(h);
                cleansing[h]++;
              } else if (op.kind === 'unclean' && cleansing[h] > 0) {
                table.removeCleansing(h);
                cleansing[h]--;
              }
            }
            for (let s = 0; s < services; s++) {
              expect(table.level(s)).toBe(active[s].filter((n) => n > 0).length);
              expect(table.activeTotal(s)).toBe(active[s].reduce((x, y) => x + y, 0));
              for (let h = 0; h < hosts; h++) expect(table.activeCount(s, h)).toBe(active[s][h]);
            }
            const pool = Array.from({ length: table.totalSpares }, (_, i) => table.spareAt(i)).sort(
              (x, y) => x - y,
            );
            expect(pool).toEqual([...spares].sort((x, y) => x - y));
            const spareHosts = new Set<number>();
            for (let i = 0; i < table.hostsWithSpares; i++) spareHosts.add(table.hostWithSpareAt(i));
            for (let h = 0; h < hosts; h++) {
              const onHost = [...spares].filter((vm) => vmHosts[vm] === h).sort((x, y) => x - y);
              expect([...table.sparesOn(h)].sort((x, y) => x - y)).toEqual(onHost);
              expect(table.offlineCount(h)).toBe(cleansing[h] + onHost.length);
              expect(spareHosts.has(h)).toBe(onHost.length > 0);
            }
          },
        ),
      );
    });
  });

  describe('removeActive / removeSpare', () => {
    it('refuse to remove what is not there', () => {
      const table = new DistributionTable(2, [0, 1], [1]);
      expect(() => table.removeActive(0, 1)).toThrow(/no Active VM of service 0 on host 1/);
      expect(() => table.removeSpare(1)).toThrow(/VM 1 is not a live spare/);
      table.addSpare(1);
      expect(() => table.addSpare(1)).toThrow(/already a live spare/);
    });
  });
});
