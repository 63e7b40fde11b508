/**
 * Configuration of a SCIT system and what it resolves to. Everything is checked before a run starts,
 * by one schema (`config-schema.ts`); every problem is reported at once, each naming the field
 * (dotted path) and the value.
 */
import { parseConfig } from '../../core/config-issues.js';
import { type ScitConfigFields, scitConfigSchema } from './config-schema.js';
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
  /** Number of hosts H. */
  hosts: number;
  /** VMs each host holds. */
  vmsPerHost: number;
  services: ScitServiceConfig[];
  /** Exposure time E: how long a VM stays Active before it expires. */
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
  readonly vmsPerHost: number;
  readonly services: readonly ResolvedService[];
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

function defaultLayout(services: readonly ResolvedService[], hostCount: number, vmsPerHost: number) {
  const layout: InitialSlot[][] = Array.from({ length: hostCount }, () => []);
  let k = 0;
  services.forEach((service, s) => {
    for (let i = 0; i < service.required; i++, k++)
      layout[k % hostCount].push({ state: 'active', service: s });
  });
  for (const host of layout) while (host.length < vmsPerHost) host.push({ state: 'spare' });
  return layout;
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

/** `given` times, or `count` times staggered evenly over one window. */
function firstTimes(given: readonly number[] | undefined, count: number, windowSeconds: number): number[] {
  if (given !== undefined) return given.slice();
  return Array.from({ length: count }, (_, i) => (windowSeconds * (i + 1)) / count);
}

/** The first expiries with an explicit order applied: the online VM `order[k]` gets the k-th time. */
function orderedFirstExpiries(order: FirstExpiryOrder, times: number[]): number[] {
  if (typeof order === 'string') return times;
  const permuted = times.slice();
  order.forEach((vm, k) => {
    permuted[vm] = times[k];
  });
  return permuted;
}

/**
 * Validates `config` and fills in defaults. Parses it once with `scitConfigSchema`
 * (`config-schema.ts`: types, ranges, limits and the rules between fields) and throws one
 * `ConfigError` (a `ConfigIssues`) listing every problem, each with its path and value; then
 * derives the layout, the first expiries and cleansings and the warnings from the valid fields.
 */
export function resolveScitConfig(config: ScitConfig): ResolvedScitConfig {
  const valid = parseConfig(scitConfigSchema, config, 'the SCIT configuration');
  const { hosts: hostCount, vmsPerHost, exposureSeconds, cleansingSeconds, graceSeconds } = valid;
  const services: ResolvedService[] = valid.services.map(({ name, required, minimum, target }) => ({
    name,
    required,
    minimum: minimum ?? 1,
    target: target ?? Math.min(required, hostCount),
  }));
  const layout =
    valid.layout === undefined
      ? defaultLayout(services, hostCount, vmsPerHost)
      : layoutSlots(valid.layout, services);
  const slots = layout.flat();
  const online = slots.filter((slot) => slot.state === 'active').length;
  const cleansing = slots.filter((slot) => slot.state === 'cleansing').length;
  const warnings = layout.flatMap((host, h) =>
    host.length < vmsPerHost
      ? [
          `layout[${h}] gives host ${h} ${host.length} VM(s), fewer than vmsPerHost = ${vmsPerHost}: it is a smaller host`,
        ]
      : [],
  );
  const order = valid.firstExpiryOrder ?? 'layout';
  return {
    hostCount,
    vmsPerHost,
    services,
    exposureSeconds,
    graceSeconds,
    ...(valid.graceCountsTowardLevel === true ? { graceCountsTowardLevel: true } : {}),
    cleansingSeconds,
    layout,
    firstExpirySeconds: orderedFirstExpiries(
      order,
      firstTimes(valid.firstExpirySeconds, online, exposureSeconds),
    ),
    ...(order === 'layout' ? {} : { firstExpiryOrder: typeof order === 'string' ? order : order.slice() }),
    firstCleansingDoneSeconds: firstTimes(valid.firstCleansingDoneSeconds, cleansing, cleansingSeconds),
    warnings,
  };
}

/** VMs online (Active) at any time: Σ r_s over the services; rotation never changes it. */
export function onlineVmCount(config: {
  readonly services: readonly { readonly required: number }[];
}): number {
  return config.services.reduce((sum, service) => sum + service.required, 0);
}
