import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/core/random.js';
import type { RequestRouting } from '../../../src/entities/scit/request-routing.js';
import {
  LeastLoadedRouting,
  RandomRouting,
  REQUEST_ROUTINGS,
  RoundRobinRouting,
  requestRoutingClass,
} from '../../../src/policies/routing/index.js';

const stream = (seed = 1) => new RandomStream('requests.routing.test', seed);
const idle = () => 0;

describe('request routings', () => {
  it('are registered by name, and an unknown name lists the valid ones', () => {
    expect(Object.keys(REQUEST_ROUTINGS)).toEqual(['least-loaded', 'random', 'round-robin']);
    expect(requestRoutingClass('random')).toBe(RandomRouting);
    expect(() => requestRoutingClass('fastest')).toThrow(
      /unknown request routing; valid values are: least-loaded, random, round-robin/,
    );
  });

  it('return -1 (drop) when the service has no Active VM', () => {
    for (const Routing of Object.values(REQUEST_ROUTINGS))
      expect(new Routing().route([], idle, stream(), 0)).toBe(-1);
  });

  describe('LeastLoadedRouting', () => {
    it('picks the VM with the fewest unfinished requests, ties to the lowest id', () => {
      const load = (vm: number) => [3, 1, 1, 0][vm];
      expect((new LeastLoadedRouting() as RequestRouting).route([0, 1, 2], load, stream(), 0)).toBe(1);
      expect((new LeastLoadedRouting() as RequestRouting).route([0, 1, 2, 3], load, stream(), 0)).toBe(3);
    });
  });

  describe('RandomRouting', () => {
    it('draws uniformly from the given stream, ignoring the load, the same for the same seed', () => {
      const routing: RequestRouting = new RandomRouting();
      const random = stream(7);
      const counts = [0, 0, 0, 0];
      const picks: number[] = [];
      for (let i = 0; i < 40_000; i++) {
        const vm = routing.route([2, 5, 8, 9], (vm) => vm * 100, random, 0);
        picks.push(vm);
        counts[[2, 5, 8, 9].indexOf(vm)]++;
      }
      for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(400); // ~4 sigma
      const again = stream(7);
      expect(picks.slice(0, 50)).toEqual(
        picks.slice(0, 50).map(() => routing.route([2, 5, 8, 9], idle, again, 0)),
      );
    });
  });

  describe('RoundRobinRouting', () => {
    it('cycles over the Active VMs by id, per service, and follows a changed set of VMs', () => {
      const routing = new RoundRobinRouting();
      const route = (candidates: number[], service: number) =>
        routing.route(candidates, idle, stream(), service);
      expect([route([1, 4, 6], 0), route([1, 4, 6], 0), route([1, 4, 6], 0), route([1, 4, 6], 0)]).toEqual([
        1, 4, 6, 1,
      ]);
      expect(route([2, 3], 1)).toBe(2); // service 1 has its own turn
      // VM 4 was rotated out and 5 came in: after 1 comes 5.
      expect(route([1, 5, 6], 0)).toBe(5);
      expect(route([1, 5, 6], 0)).toBe(6);
      expect(route([2, 3], 1)).toBe(3);
    });
  });
});
