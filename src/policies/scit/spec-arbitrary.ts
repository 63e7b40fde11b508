/**
 * fast-check generator of SCIT test cases for the spec checker: 1–12 hosts, 1–8 VMs per host, 1–4
 * services with required counts (and sometimes lowered targets and raised minimums), exposure, grace
 * and cleansing times, staggered or random (tie-prone) initial timing, a seed, and an initial layout
 * that meets every target. Cases are plain `ScitConfig`s, so a counterexample can be pasted and replayed.
 */
import fc from 'fast-check';
import { RandomStream } from '../../core/random.js';
import type { ScitConfig } from '../../entities/scit/config.js';

/** One generated case: a configuration and the simulation seed. */
export interface ScitCase {
  config: ScitConfig;
  seed: number;
}

/** Shape knobs of the generator. */
export interface ScitCaseShape {
  /** Force at least one offline VM on every host (when the host has room). Default: either. */
  offlinePerHost?: boolean;
  /** Force every VM to be online (no offline VM at all: a starving configuration). Default false. */
  noOfflineVm?: boolean;
}

interface Knobs {
  hosts: number;
  vmsPerHost: number;
  serviceCount: number;
  onlinePercent: number;
  weights: number[];
  targetCuts: number[];
  exposureSeconds: number;
  graceSeconds: number;
  cleansingSeconds: number;
  cleansingPercent: number;
  randomTiming: boolean;
  offlinePerHost: boolean;
  layoutSeed: number;
  seed: number;
}

/** The arbitrary of {@link ScitCase}s. */
export function scitCaseArbitrary(shape: ScitCaseShape = {}): fc.Arbitrary<ScitCase> {
  const knobs: fc.Arbitrary<Knobs> = fc.record({
    hosts: fc.integer({ min: 1, max: 12 }),
    vmsPerHost: fc.integer({ min: 1, max: 8 }),
    serviceCount: fc.integer({ min: 1, max: 4 }),
    onlinePercent: fc.integer({ min: 0, max: 100 }),
    weights: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 4, maxLength: 4 }),
    targetCuts: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
    exposureSeconds: fc.integer({ min: 1, max: 300 }),
    graceSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
    cleansingSeconds: fc.integer({ min: 1, max: 120 }),
    cleansingPercent: fc.integer({ min: 0, max: 100 }),
    randomTiming: fc.boolean(),
    offlinePerHost: shape.offlinePerHost === undefined ? fc.boolean() : fc.constant(shape.offlinePerHost),
    layoutSeed: fc.integer({ min: 0, max: 0x7fffffff }),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
  });
  return knobs.map((k) => buildCase(k, shape.noOfflineVm ?? false));
}

function buildCase(k: Knobs, noOffline: boolean): ScitCase {
  const { hosts, vmsPerHost } = k;
  const reserve = k.offlinePerHost && !noOffline && vmsPerHost >= 2;
  const onlineCapacity = reserve ? vmsPerHost - 1 : vmsPerHost;
  const maxOnline = hosts * onlineCapacity;
  const serviceCount = Math.min(k.serviceCount, maxOnline);
  const online = noOffline
    ? hosts * vmsPerHost
    : serviceCount + Math.floor(((maxOnline - serviceCount) * k.onlinePercent) / 100);
  const required = splitByWeights(online, k.weights.slice(0, serviceCount));
  const services = required.map((r, s) => {
    const reachable = Math.min(r, hosts);
    const target = Math.max(1, reachable - k.targetCuts[s]);
    return { name: `S${s}`, required: r, minimum: Math.min(r, 1 + k.targetCuts[s]), target };
  });
  const rng = new RandomStream('spec-layout', k.layoutSeed);
  const placed =
    randomPlacement(services, hosts, onlineCapacity, rng) ?? roundRobin(services, hosts, onlineCapacity);
  const layout = placed.map((host) => {
    const slots = host.slice();
    while (slots.length < vmsPerHost) slots.push(rng.int(0, 99) < k.cleansingPercent ? 'cleansing' : 'spare');
    return slots;
  });
  const config: ScitConfig = {
    hosts,
    vmsPerHost,
    services,
    exposureSeconds: k.exposureSeconds,
    graceSeconds: k.graceSeconds,
    cleansingSeconds: k.cleansingSeconds,
    layout,
  };
  if (k.randomTiming) {
    const slots = layout.flat();
    const onlineCount = slots.filter((t) => t !== 'spare' && t !== 'cleansing').length;
    const cleansingCount = slots.filter((t) => t === 'cleansing').length;
    config.firstExpirySeconds = Array.from({ length: onlineCount }, () => rng.int(1, k.exposureSeconds));
    config.firstCleansingDoneSeconds = Array.from({ length: cleansingCount }, () =>
      rng.int(1, k.cleansingSeconds),
    );
  }
  return { config, seed: k.seed };
}

/** Splits `total` (≥ parts) into positive parts roughly proportional to `weights`. */
function splitByWeights(total: number, weights: number[]): number[] {
  const rest = total - weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => 1 + Math.floor((rest * w) / sum));
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % parts.length, left--) parts[i]++;
  return parts;
}

type ServiceDraft = { name: string; required: number; target: number };

/** Random layout meeting the targets: first each service on `target` distinct hosts, then the rest. */
function randomPlacement(
  services: ServiceDraft[],
  hosts: number,
  capacity: number,
  rng: RandomStream,
): string[][] | undefined {
  const layout: string[][] = Array.from({ length: hosts }, () => []);
  const free = (h: number) => capacity - layout[h].length;
  const order = services.map((_, s) => s).sort((a, b) => services[b].target - services[a].target);
  for (const s of order) {
    const candidates = rng
      .shuffle(Array.from({ length: hosts }, (_, h) => h).filter((h) => free(h) > 0))
      .sort((a, b) => free(b) - free(a));
    if (candidates.length < services[s].target) return undefined;
    for (const h of candidates.slice(0, services[s].target)) layout[h].push(services[s].name);
  }
  for (const service of services) {
    for (let i = service.target; i < service.required; i++) {
      const open = Array.from({ length: hosts }, (_, h) => h).filter((h) => free(h) > 0);
      if (open.length === 0) return undefined;
      layout[rng.choice(open)].push(service.name);
    }
  }
  return layout.map((host) => rng.shuffle(host));
}

/** Always-valid fallback: Active VMs dealt round-robin, each service on min(r, H) distinct hosts. */
function roundRobin(services: ServiceDraft[], hosts: number, capacity: number): string[][] {
  const layout: string[][] = Array.from({ length: hosts }, () => []);
  let k = 0;
  for (const service of services)
    for (let i = 0; i < service.required; i++, k++) layout[k % hosts].push(service.name);
  if (layout.some((host) => host.length > capacity)) throw new Error('round-robin layout exceeds capacity');
  return layout;
}
