/**
 * The cases of the SCIT spec checker: fixed cases that run first every time (the paper's system and its
 * Figure 7 decision, and boundary systems), then a fast-check generator that reaches the hard cases.
 *
 * Generated cases span 1–32 hosts, 1–16 VMs per host and 1–8 services, with exposure, grace and
 * cleansing times, staggered or random (tie-prone) initial timing, a simulation seed, an initial layout
 * that meets every target, and a run length in simulated seconds chosen for up to a few thousand
 * decisions (`long`: one to seven simulated days). Cases are biased towards *risky* decisions (some live
 * spare would break a target): most layouts put each service on exactly its target number of hosts and
 * stack its other VMs there, so a switch away from a host with a single VM of the service lowers the
 * level unless the spare's host lacks the service. Half the systems of several hosts have *uneven hosts*
 * (`hosts: [{vms}, …]`, each host 1 to the drawn VMs per host), and half the systems give each service
 * its own exposure time (1–300 s), so strategies meet hosts of different sizes and services that
 * rotate at different rates. (These shapes come from a stream of their own: a uniform case is the
 * same case it was before they existed.)
 *
 * A case is plain data (`ScitConfig`, seed, duration), so a counterexample can be printed as JSON,
 * pasted and replayed.
 */
import fc from 'fast-check';
import { RandomStream } from '../../core/random.js';
import type { ScitConfig } from '../../entities/scit/config.js';
import { paperScitConfig } from '../../entities/scit/paper-system.js';

/** One case: a configuration, the simulation seed and how long to run it. */
export interface ScitCase {
  /** Set on the fixed cases (e.g. `paper`); generated cases have none. */
  name?: string;
  config: ScitConfig;
  /** Seed of the simulation (its `scit.rotation` stream is what the strategy draws from). */
  seed: number;
  /** Simulated seconds to run (default: see `runCase`). */
  durationSeconds?: number;
}

/** Shape knobs of the generator. */
export interface ScitCaseShape {
  /** Force at least one offline VM on every host (when the host has room). Default: either. */
  offlinePerHost?: boolean;
  /** Force every VM to be online (no offline VM at all: a starving configuration). Default false. */
  noOfflineVm?: boolean;
  /** Runs of one to seven simulated days (with exposure times raised to keep decisions bounded). */
  long?: boolean;
}

/** Largest generated system (the documented ranges). */
export const SPEC_CASE_LIMITS = {
  hosts: 32,
  vmsPerHost: 16,
  services: 8,
  /** Decisions a default case aims at (its duration is chosen from it). */
  decisions: 5000,
  /** Decisions a `long` case aims at over its days (exposure times are raised to fit). */
  longDecisions: 40_000,
} as const;

const DAY_SECONDS = 86_400;

interface Knobs {
  hosts: number;
  vmsPerHost: number;
  serviceCount: number;
  onlinePercent: number;
  weights: number[];
  targetCuts: number[];
  /** 0–2: tight layout (each service on exactly its target hosts); 3: extra VMs anywhere. */
  looseness: number;
  exposureSeconds: number;
  graceSeconds: number;
  cleansingSeconds: number;
  cleansingPercent: number;
  randomTiming: boolean;
  offlinePerHost: boolean;
  /** 1 in 20 cases has no offline VM at all (a starving configuration). */
  allOnline: number;
  decisions: number;
  days: number;
  layoutSeed: number;
  seed: number;
}

/** The arbitrary of generated {@link ScitCase}s (see the module comment). */
export function scitCaseArbitrary(shape: ScitCaseShape = {}): fc.Arbitrary<ScitCase> {
  const L = SPEC_CASE_LIMITS;
  const knobs: fc.Arbitrary<Knobs> = fc.record({
    hosts: fc.integer({ min: 1, max: L.hosts }),
    vmsPerHost: fc.integer({ min: 1, max: L.vmsPerHost }),
    serviceCount: fc.integer({ min: 1, max: L.services }),
    onlinePercent: fc.integer({ min: 0, max: 100 }),
    weights: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: L.services, maxLength: L.services }),
    // A lowered target (level above target) is rarely at risk: 0 (no cut) five times in eight.
    targetCuts: fc.array(
      fc.integer({ min: 0, max: 7 }).map((x) => Math.max(0, x - 4)),
      { minLength: L.services, maxLength: L.services },
    ),
    looseness: fc.integer({ min: 0, max: 3 }),
    exposureSeconds: fc.integer({ min: 1, max: 300 }),
    graceSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
    cleansingSeconds: fc.integer({ min: 1, max: 120 }),
    cleansingPercent: fc.integer({ min: 0, max: 100 }),
    randomTiming: fc.boolean(),
    offlinePerHost: shape.offlinePerHost === undefined ? fc.boolean() : fc.constant(shape.offlinePerHost),
    allOnline: fc.integer({ min: 0, max: 19 }),
    decisions: fc.integer({ min: 1, max: L.decisions }),
    days: fc.integer({ min: 1, max: 7 }),
    layoutSeed: fc.integer({ min: 0, max: 0x7fffffff }),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
  });
  return knobs.map((k) => buildCase(k, shape));
}

function buildCase(k: Knobs, shape: ScitCaseShape): ScitCase {
  const { hosts, vmsPerHost } = k;
  const shapes = new RandomStream('spec-shape', k.layoutSeed);
  const uneven = hosts > 1 && shapes.int(0, 1) === 0;
  const slots = Array.from({ length: hosts }, () => (uneven ? shapes.int(1, vmsPerHost) : vmsPerHost));
  const noOffline = shape.noOfflineVm ?? (k.allOnline === 19 && shape.offlinePerHost !== true);
  const onlineCapacity = slots.map((n) => (k.offlinePerHost && !noOffline && n >= 2 ? n - 1 : n));
  const maxOnline = onlineCapacity.reduce((a, b) => a + b, 0);
  const total = slots.reduce((a, b) => a + b, 0);
  const serviceCount = Math.min(k.serviceCount, maxOnline, noOffline || total === 1 ? total : total - 1);
  // At least two VMs per service where they fit (a service with one VM is never at risk), and at least
  // one offline VM unless the case is meant to starve.
  const fromPercent = serviceCount + Math.floor(((maxOnline - serviceCount) * k.onlinePercent) / 100);
  const online = noOffline
    ? total
    : Math.min(Math.max(fromPercent, 2 * serviceCount), maxOnline, Math.max(serviceCount, total - 1));
  const required = splitByWeights(online, k.weights.slice(0, serviceCount));
  const services = required.map((r, s) => {
    const reachable = Math.min(r, hosts);
    const target = Math.max(1, reachable - k.targetCuts[s]);
    return { name: `S${s}`, required: r, minimum: Math.min(r, 1 + k.targetCuts[s]), target };
  });
  const rng = new RandomStream('spec-layout', k.layoutSeed);
  const placed =
    randomPlacement(services, hosts, onlineCapacity, rng, k.looseness < 3) ??
    roundRobin(services, hosts, onlineCapacity);
  const layout = placed.map((host, h) => {
    const vms = host.slice();
    while (vms.length < slots[h]) vms.push(rng.int(0, 99) < k.cleansingPercent ? 'cleansing' : 'spare');
    return vms;
  });
  // Long runs raise exposure times so that the days hold about `longDecisions` decisions.
  const raise = (seconds: number) =>
    shape.long
      ? Math.max(seconds, Math.ceil((online * k.days * DAY_SECONDS) / SPEC_CASE_LIMITS.longDecisions))
      : seconds;
  const exposureSeconds = raise(k.exposureSeconds);
  const ownExposures = shapes.int(0, 1) === 0;
  const exposures = services.map(() => (ownExposures ? raise(shapes.int(1, 300)) : exposureSeconds));
  const config: ScitConfig = {
    ...(uneven ? { hosts: slots.map((vms) => ({ vms })) } : { hosts, vmsPerHost }),
    services: ownExposures ? services.map((s, i) => ({ ...s, exposureSeconds: exposures[i] })) : services,
    exposureSeconds,
    graceSeconds: k.graceSeconds,
    cleansingSeconds: k.cleansingSeconds,
    layout,
  };
  if (k.randomTiming) {
    const onlineTokens = layout.flat().filter((t) => t !== 'spare' && t !== 'cleansing');
    const cleansingCount = layout.flat().filter((t) => t === 'cleansing').length;
    const exposureOf = (name: string) => exposures[services.findIndex((s) => s.name === name)];
    config.firstExpirySeconds = onlineTokens.map((name) => rng.int(1, exposureOf(name)));
    config.firstCleansingDoneSeconds = Array.from({ length: cleansingCount }, () =>
      rng.int(1, k.cleansingSeconds),
    );
  }
  const longest = Math.max(...exposures);
  const cycleSeconds = longest + k.graceSeconds + k.cleansingSeconds;
  // About `decisions` expiries: online VMs expire at Σ r_s / E_s per second.
  const durationSeconds = shape.long
    ? k.days * DAY_SECONDS
    : Math.max(
        ownExposures
          ? Math.ceil(k.decisions / services.reduce((sum, s, i) => sum + s.required / exposures[i], 0))
          : Math.ceil((k.decisions * exposureSeconds) / online),
        2 * cycleSeconds,
      );
  return { config, seed: k.seed, durationSeconds };
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

/**
 * Random layout meeting the targets: each service first on `target` distinct hosts, then its other VMs
 * — `tight`: on hosts that already run it (its level stays exactly at target, the risky case), when
 * they have room; otherwise anywhere.
 */
function randomPlacement(
  services: ServiceDraft[],
  hosts: number,
  capacity: readonly number[],
  rng: RandomStream,
  tight: boolean,
): string[][] | undefined {
  const layout: string[][] = Array.from({ length: hosts }, () => []);
  const free = (h: number) => capacity[h] - layout[h].length;
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
      const stacked = tight ? open.filter((h) => layout[h].includes(service.name)) : [];
      layout[rng.choice(stacked.length > 0 ? stacked : open)].push(service.name);
    }
  }
  return layout.map((host) => rng.shuffle(host));
}

/**
 * Always-valid fallback: Active VMs dealt round-robin over the hosts with room, each service on
 * min(r, H) distinct hosts when the hosts are even; on uneven hosts a service may land on fewer, and
 * its target is lowered to the hosts it got (the layout must meet every target).
 */
function roundRobin(services: ServiceDraft[], hosts: number, capacity: readonly number[]): string[][] {
  const layout: string[][] = Array.from({ length: hosts }, () => []);
  let k = 0;
  for (const service of services) {
    const on = new Set<number>();
    for (let i = 0; i < service.required; i++, k++) {
      let tries = 0;
      while (layout[k % hosts].length >= capacity[k % hosts]) {
        if (++tries > hosts) throw new Error('round-robin layout exceeds capacity');
        k++;
      }
      layout[k % hosts].push(service.name);
      on.add(k % hosts);
    }
    service.target = Math.min(service.target, on.size);
  }
  return layout;
}

/**
 * The cases every check runs first, in this order:
 * - `paper`: the paper's system and layout (Table 1, Figure 7: 3 hosts × 4 VMs, Web 6 + DNS 2), two days;
 * - `paper-figure-7`: the Figure 7 decision first — DNS on the second host expires while one spare sits
 *   on a host without DNS and one on the other DNS host (the conventional strategy may drop DNS to one
 *   host there); then a day of rotation;
 * - `one-host`: a single host (every target is 1);
 * - `target-equals-hosts`: every service's target is the host count, one offline VM per host;
 * - `single-spare`: one offline VM in the whole system;
 * - `spares-on-one-host`: every offline VM on one host, which also runs both services;
 * - `no-offline-vm`: nothing can ever rotate (the controller must report starvation).
 *
 * With `long`, every fixed case that rotates runs for seven simulated days.
 */
export function fixedScitCases(shape: Pick<ScitCaseShape, 'long'> = {}): ScitCase[] {
  const day = DAY_SECONDS;
  const paper = paperScitConfig();
  const cases: ScitCase[] = [
    { name: 'paper', config: paper, seed: 1, durationSeconds: 2 * day },
    {
      name: 'paper-figure-7',
      config: {
        ...paper,
        layout: [
          ['Web', 'Web', 'Web', 'spare'],
          ['Web', 'DNS', 'cleansing', 'cleansing'],
          ['Web', 'Web', 'DNS', 'spare'],
        ],
        // Online VMs in layout order: Web ×3 (host 0), Web, DNS (host 1), Web, Web, DNS (host 2).
        firstExpirySeconds: [40, 60, 80, 100, 1, 120, 140, 160],
        firstCleansingDoneSeconds: [30, 50],
      },
      seed: 7,
      durationSeconds: day,
    },
    {
      name: 'one-host',
      config: {
        hosts: 1,
        vmsPerHost: 4,
        services: [
          { name: 'A', required: 2 },
          { name: 'B', required: 1 },
        ],
        exposureSeconds: 30,
        cleansingSeconds: 20,
        layout: [['A', 'B', 'A', 'spare']],
      },
      seed: 2,
      durationSeconds: 20_000,
    },
    {
      name: 'target-equals-hosts',
      config: {
        hosts: 4,
        vmsPerHost: 4,
        services: [
          { name: 'A', required: 8 },
          { name: 'B', required: 4 },
        ],
        exposureSeconds: 120,
        graceSeconds: 5,
        cleansingSeconds: 40,
        layout: [
          ['A', 'A', 'B', 'spare'],
          ['A', 'B', 'A', 'cleansing'],
          ['B', 'A', 'A', 'spare'],
          ['A', 'A', 'B', 'cleansing'],
        ],
      },
      seed: 3,
      durationSeconds: day,
    },
    {
      name: 'single-spare',
      config: {
        hosts: 3,
        vmsPerHost: 3,
        services: [
          { name: 'A', required: 5 },
          { name: 'B', required: 3 },
        ],
        exposureSeconds: 90,
        cleansingSeconds: 30,
        layout: [
          ['A', 'A', 'B'],
          ['A', 'B', 'spare'],
          ['A', 'B', 'A'],
        ],
      },
      seed: 4,
      durationSeconds: day,
    },
    {
      name: 'spares-on-one-host',
      config: {
        hosts: 4,
        vmsPerHost: 4,
        services: [
          { name: 'A', required: 9 },
          { name: 'B', required: 5 },
        ],
        exposureSeconds: 100,
        cleansingSeconds: 25,
        layout: [
          ['A', 'A', 'B', 'B'],
          ['A', 'A', 'A', 'B'],
          ['A', 'A', 'A', 'B'],
          ['A', 'B', 'spare', 'spare'],
        ],
      },
      seed: 5,
      durationSeconds: day,
    },
    {
      name: 'no-offline-vm',
      config: {
        hosts: 2,
        vmsPerHost: 2,
        services: [{ name: 'A', required: 4 }],
        exposureSeconds: 10,
        cleansingSeconds: 5,
      },
      seed: 6,
      durationSeconds: 100,
    },
  ];
  if (!shape.long) return cases;
  return cases.map((c) => (c.name === 'no-offline-vm' ? c : { ...c, durationSeconds: 7 * day }));
}
