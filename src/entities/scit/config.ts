/**
 * Configuration of a SCIT system and what it resolves to. Everything is checked before a run starts,
 * by one schema (`config-schema.ts`); every problem is reported at once, each naming the field
 * (dotted path) and the value.
 */
import { parseConfig } from '../../core/config-issues.js';
import { ConfigError } from '../../core/errors.js';
import { hostSlotsOf, type ScitConfigFields, scitConfigSchema } from './config-schema.js';
import type { InitialSlot, ResolvedService } from './scit-state.js';

/** A service and its guarantees. */
export interface ScitServiceConfig {
  /** Unique name, e.g. `Web`. Layout slots refer to services by this name. */
  name: string;
  /** Required service guarantee r_s: VMs of this service online (Active or Grace) at all times. */
  required: number;
  /** Minimum service guarantee m_s (default 1): Active VMs of s never fall below it. */
  minimum?: number;
  /** Target redundancy level T_s (default min(required, hosts)). */
  target?: number;
  /**
   * Exposure time E_s of this service's VMs: how long one stays Active before it expires (default: the
   * system's `exposureSeconds`). Grace and cleansing times stay the system's: they belong to the hosts'
   * cleansing machinery, not to a service.
   */
  exposureSeconds?: number;
}

/** One host of a system given host by host. */
export interface ScitHostConfig {
  /** VM slots of this host. */
  vms: number;
}

/**
 * A SCIT system. Times are simulated seconds.
 *
 * Initial timing (the paper does not say when each VM first expires): by default the online VMs'
 * first expiries are staggered evenly over one exposure window in layout order — the i-th of n online
 * VMs (i = 0…n−1) expires at E·(i+1)/n — and the j-th of c initially cleansing VMs becomes a live spare
 * at C·(j+1)/c. This is the steady state of a rotation that has been running for a while: one expiry
 * every E/n seconds. Override with `firstExpirySeconds` / `firstCleansingDoneSeconds`.
 */
export interface ScitConfig {
  /**
   * The hosts, in one of two forms: a number H of identical hosts of `vmsPerHost` VM slots each, or a
   * list with one entry per host and its own slots (`[{vms: 4}, {vms: 6}, {vms: 2}]`: uneven hosts).
   */
  hosts: number | ScitHostConfig[];
  /** VMs each host holds: with `hosts: H` (required there), never with a list of hosts. */
  vmsPerHost?: number;
  services: ScitServiceConfig[];
  /**
   * Exposure time E: how long a VM stays Active before it expires — of every service that gives no
   * exposure time of its own (`services[i].exposureSeconds`).
   */
  exposureSeconds: number;
  /** Cleansing time C. */
  cleansingSeconds: number;
  /** Grace time G (default 0): an expired VM finishes queued requests, then is cleansed. */
  graceSeconds?: number;
  /**
   * Whether a Grace VM counts toward its service's redundancy level in what a run *measures* (timeline,
   * cycles and time below target, lowest level). Default `false`: L_s counts hosts with an Active VM of
   * s, as in the paper (a Grace VM takes no new requests). With `true`, hosts with an Active or Grace VM.
   * Rotation decisions count Active VMs only under either setting: a Grace VM goes offline G seconds
   * later with no decision in between, so a strategy that counted it could not keep a level; counting
   * Active VMs keeps both levels at target for the target-keeping strategies. No effect when G = 0.
   */
  graceCountsTowardLevel?: boolean;
  /**
   * Initial layout, one array per host, one entry per VM: a service name (Active VM of that service),
   * `'spare'` (live spare) or `'cleansing'`. When omitted, Active VMs are dealt round-robin over the hosts
   * in service order (each service on as many distinct hosts as possible) and the other VMs are spares.
   */
  layout?: string[][];
  /** First expiry time of each online VM, in layout order (host by host, slot by slot). */
  firstExpirySeconds?: number[];
  /**
   * In which order the online VMs take the staggered first expiries E·(k+1)/n (the paper does not say):
   * `'layout'` (default: the k-th online VM in layout order expires k-th), `'random'` (a uniformly random
   * order per run, drawn from the run's seeded `scit.first-expiry` stream), or an explicit list whose
   * k-th entry is the online VM (its index among the online VMs in layout order, from 0) that expires
   * k-th. Only `'layout'` goes with `firstExpirySeconds`, which fixes every time itself.
   */
  firstExpiryOrder?: FirstExpiryOrder;
  /** When each initially cleansing VM becomes a live spare, in layout order. */
  firstCleansingDoneSeconds?: number[];
}

/** The schema's output is a `ScitConfig` (checked by the compiler). */
const _fieldsAreAConfig = (fields: ScitConfigFields): ScitConfig => fields;

/** See {@link ScitConfig.firstExpiryOrder}. */
export type FirstExpiryOrder = 'layout' | 'random' | readonly number[];

/** A validated configuration with every default filled in. */
export interface ResolvedScitConfig {
  readonly hostCount: number;
  /** VM slots of every host when the hosts are identical (`hosts: H`); absent for a list of hosts. */
  readonly vmsPerHost?: number;
  /** VM slots of each host, by host id (all `vmsPerHost` for identical hosts). */
  readonly hostSlots: readonly number[];
  /** Services with their guarantees and exposure times E_s (the system's E where a service gives none). */
  readonly services: readonly ResolvedService[];
  /** The system's exposure time E (the default of `services[s].exposureSeconds`). */
  readonly exposureSeconds: number;
  readonly graceSeconds: number;
  /** See {@link ScitConfig.graceCountsTowardLevel} (false when not given). */
  readonly graceCountsTowardLevel?: boolean;
  readonly cleansingSeconds: number;
  /** Initial slots per host. */
  readonly layout: readonly (readonly InitialSlot[])[];
  /** First expiry of each online VM, in layout order (an explicit `firstExpiryOrder` already applied). */
  readonly firstExpirySeconds: readonly number[];
  /** `'random'`: each run shuffles `firstExpirySeconds` over the online VMs (seeded); else fixed as given. */
  readonly firstExpiryOrder?: FirstExpiryOrder;
  /** First cleansing completion of each initially cleansing VM, in layout order. */
  readonly firstCleansingDoneSeconds: readonly number[];
  /** What a reader should know about this configuration (e.g. a host the layout gives fewer VMs). */
  readonly warnings: readonly string[];
}

/**
 * Active VMs dealt round-robin over the hosts in service order, skipping hosts that are full (only
 * uneven hosts fill up before the others), then every free slot a live spare.
 */
function defaultLayout(services: readonly ResolvedService[], hostSlots: readonly number[]) {
  const hostCount = hostSlots.length;
  const layout: InitialSlot[][] = Array.from({ length: hostCount }, () => []);
  let k = 0;
  services.forEach((service, s) => {
    for (let i = 0; i < service.required; i++, k++) {
      while (layout[k % hostCount].length >= hostSlots[k % hostCount]) k++;
      layout[k % hostCount].push({ state: 'active', service: s });
    }
  });
  layout.forEach((host, h) => {
    while (host.length < hostSlots[h]) host.push({ state: 'spare' });
  });
  return layout;
}

/**
 * On uneven hosts, dealing round-robin over the hosts with free slots can leave a service on fewer
 * hosts than its target (small hosts fill up first): refused, naming the target (a written layout is
 * checked by the schema's rules instead).
 */
function checkDefaultLevels(
  services: readonly ResolvedService[],
  layout: readonly (readonly InitialSlot[])[],
) {
  services.forEach((service, s) => {
    const level = layout.filter((host) =>
      host.some((slot) => slot.state === 'active' && slot.service === s),
    ).length;
    if (level < service.target)
      throw new ConfigError(
        `services[${s}].target`,
        service.target,
        `unreachable from the default layout (round-robin over the hosts with free slots): "${service.name}" is Active on only ${level} host(s); give a layout or a lower target`,
      );
  });
}

/** The layout's tokens as slots (the schema has checked that every token names a service). */
function layoutSlots(layout: readonly (readonly string[])[], services: readonly ResolvedService[]) {
  const byName = new Map(services.map((s, i) => [s.name, i]));
  return layout.map((host) =>
    host.map(
      (token): InitialSlot =>
        token === 'spare' || token === 'cleansing'
          ? { state: token }
          : { state: 'active', service: byName.get(token) as number },
    ),
  );
}

/** `given` times, or `count` times staggered evenly over one window (of the i-th VM: `windowSeconds(i)`). */
function firstTimes(
  given: readonly number[] | undefined,
  count: number,
  windowSeconds: (i: number) => number,
): number[] {
  if (given !== undefined) return given.slice();
  return Array.from({ length: count }, (_, i) => (windowSeconds(i) * (i + 1)) / count);
}

/**
 * The staggered first expiries with an order applied: the online VM `order[k]` takes the k-th place,
 * E_s·(k+1)/n with E_s its own service's exposure (`exposureOf(vm)`); `'layout'` and `'random'` keep
 * layout order here (a run shuffles the places for `'random'`).
 */
function staggeredFirstExpiries(order: FirstExpiryOrder, count: number, exposureOf: (vm: number) => number) {
  if (typeof order === 'string') return firstTimes(undefined, count, exposureOf);
  const times = new Array<number>(count);
  order.forEach((vm, k) => {
    times[vm] = (exposureOf(vm) * (k + 1)) / count;
  });
  return times;
}

/**
 * Validates `config` and fills in defaults. Parses it once with `scitConfigSchema`
 * (`config-schema.ts`: types, ranges, limits and the rules between fields) and throws one
 * `ConfigError` (a `ConfigIssues`) listing every problem, each with its path and value; then
 * derives the layout, the first expiries and cleansings and the warnings from the valid fields.
 */
export function resolveScitConfig(config: ScitConfig): ResolvedScitConfig {
  const valid = parseConfig(scitConfigSchema, config, 'the SCIT configuration');
  const { vmsPerHost, exposureSeconds, cleansingSeconds, graceSeconds } = valid;
  const hostSlots = hostSlotsOf(valid);
  const hostCount = hostSlots.length;
  const services: ResolvedService[] = valid.services.map((service) => ({
    name: service.name,
    required: service.required,
    minimum: service.minimum ?? 1,
    target: service.target ?? Math.min(service.required, hostCount),
    exposureSeconds: service.exposureSeconds ?? exposureSeconds,
  }));
  const layout =
    valid.layout === undefined ? defaultLayout(services, hostSlots) : layoutSlots(valid.layout, services);
  if (valid.layout === undefined) checkDefaultLevels(services, layout);
  const slots = layout.flat();
  const onlineSlots = slots.filter((slot) => slot.state === 'active');
  const online = onlineSlots.length;
  const cleansing = slots.filter((slot) => slot.state === 'cleansing').length;
  const warnings = layout.flatMap((host, h) =>
    host.length < hostSlots[h]
      ? [
          `layout[${h}] gives host ${h} ${host.length} VM(s), fewer than ${vmsPerHost === undefined ? `hosts[${h}].vms` : 'vmsPerHost'} = ${hostSlots[h]}: it is a smaller host`,
        ]
      : [],
  );
  const order = valid.firstExpiryOrder ?? 'layout';
  const exposureOf = (vm: number) =>
    services[(onlineSlots[vm] as { service: number }).service].exposureSeconds;
  return {
    hostCount,
    ...(vmsPerHost === undefined ? {} : { vmsPerHost }),
    hostSlots,
    services,
    exposureSeconds,
    graceSeconds,
    ...(valid.graceCountsTowardLevel === true ? { graceCountsTowardLevel: true } : {}),
    cleansingSeconds,
    layout,
    firstExpirySeconds:
      valid.firstExpirySeconds?.slice() ?? staggeredFirstExpiries(order, online, exposureOf),
    ...(order === 'layout' ? {} : { firstExpiryOrder: typeof order === 'string' ? order : order.slice() }),
    firstCleansingDoneSeconds: firstTimes(valid.firstCleansingDoneSeconds, cleansing, () => cleansingSeconds),
    warnings,
  };
}

/** VMs online (Active) at any time: Σ r_s over the services; rotation never changes it. */
export function onlineVmCount(config: {
  readonly services: readonly { readonly required: number }[];
}): number {
  return config.services.reduce((sum, service) => sum + service.required, 0);
}

/** The longest exposure time of any service (the system's E when no service has its own). */
export function longestExposureSeconds(config: {
  readonly services: readonly { readonly exposureSeconds: number }[];
}): number {
  return config.services.reduce((max, service) => Math.max(max, service.exposureSeconds), 0);
}

/** Whether some service has an exposure time other than the system's E (`services[i].exposureSeconds`). */
export function hasServiceExposures(config: ResolvedScitConfig): boolean {
  return config.services.some((service) => service.exposureSeconds !== config.exposureSeconds);
}

/**
 * Mean Active time per switch of a rotation without waits: N / Σ_s (r_s / E_s) (N online VMs), so that a
 * switch happens every `meanExposureSeconds / N` seconds on average. The system's E when every service
 * has it (exactly that number, not a recomputed one).
 */
export function meanExposureSeconds(config: ResolvedScitConfig): number {
  if (!hasServiceExposures(config)) return config.exposureSeconds;
  const switchesPerSecond = config.services.reduce((sum, s) => sum + s.required / s.exposureSeconds, 0);
  return onlineVmCount(config) / switchesPerSecond;
}

/** `config` with every VM's exposure time `seconds`: the system's E and every service's E_s. */
export function withExposureSeconds(config: ResolvedScitConfig, seconds: number): ResolvedScitConfig {
  return {
    ...config,
    exposureSeconds: seconds,
    services: config.services.map((service) => ({ ...service, exposureSeconds: seconds })),
  };
}
