/**
 * Configuration of a SCIT system and its validation. Everything is checked before a run starts; the
 * first problem found is thrown as a `ConfigError` naming the field (dotted path) and the value.
 */
import { ConfigError } from '../../core/errors.js';
import { checkLimit, SCIT_LIMITS } from './config-limits.js';
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

const CONFIG_FIELDS = new Set([
  'hosts',
  'vmsPerHost',
  'services',
  'exposureSeconds',
  'cleansingSeconds',
  'graceSeconds',
  'graceCountsTowardLevel',
  'layout',
  'firstExpirySeconds',
  'firstExpiryOrder',
  'firstCleansingDoneSeconds',
]);
const SERVICE_FIELDS = new Set(['name', 'required', 'minimum', 'target']);
const OFFLINE_TOKENS = new Set(['spare', 'cleansing']);

function requireInteger(field: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new ConfigError(field, value, 'must be an integer');
  if (value < min || value > max)
    throw new ConfigError(
      field,
      value,
      max === Number.MAX_SAFE_INTEGER ? `must be >= ${min}` : `must be between ${min} and ${max}`,
    );
  return value;
}

function requireTime(field: string, value: unknown, allowZero: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ConfigError(field, value, 'must be a finite number of seconds');
  if (allowZero ? value < 0 : value <= 0)
    throw new ConfigError(field, value, allowZero ? 'must be >= 0' : 'must be > 0');
  checkLimit(field, value, SCIT_LIMITS.seconds);
  return value;
}

function rejectUnknownFields(prefix: string, object: object, known: Set<string>): void {
  for (const key of Object.keys(object)) {
    if (!known.has(key))
      throw new ConfigError(
        `${prefix}${key}`,
        (object as Record<string, unknown>)[key],
        `unknown field; valid fields are: ${[...known].join(', ')}`,
      );
  }
}

function resolveServices(config: ScitConfig, hostCount: number): ResolvedService[] {
  if (!Array.isArray(config.services) || config.services.length === 0)
    throw new ConfigError('services', config.services, 'must be a non-empty array');
  checkLimit('services', config.services.length, SCIT_LIMITS.services);
  const seen = new Set<string>();
  return config.services.map((service, i) => {
    const at = `services[${i}]`;
    if (typeof service !== 'object' || service === null)
      throw new ConfigError(at, service, 'must be an object');
    rejectUnknownFields(`${at}.`, service, SERVICE_FIELDS);
    const name = service.name;
    if (typeof name !== 'string' || name === '' || OFFLINE_TOKENS.has(name))
      throw new ConfigError(
        `${at}.name`,
        name,
        'must be a non-empty string other than "spare" and "cleansing"',
      );
    if (seen.has(name)) throw new ConfigError(`${at}.name`, name, 'duplicate service name');
    seen.add(name);
    const required = requireInteger(`${at}.required`, service.required, 1);
    const minimum = requireInteger(`${at}.minimum`, service.minimum ?? 1, 1, required);
    const reachable = Math.min(required, hostCount);
    const target = requireInteger(`${at}.target`, service.target ?? reachable, 1, reachable);
    return { name, required, minimum, target };
  });
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

function parseLayout(config: ScitConfig, services: readonly ResolvedService[], hostCount: number) {
  const layout = config.layout;
  if (!Array.isArray(layout)) throw new ConfigError('layout', layout, 'must be an array of hosts');
  if (layout.length !== hostCount)
    throw new ConfigError('layout', layout.length, `must have one entry per host (hosts = ${hostCount})`);
  const byName = new Map(services.map((s, i) => [s.name, i]));
  return layout.map((host, h) => {
    if (!Array.isArray(host)) throw new ConfigError(`layout[${h}]`, host, 'must be an array of slots');
    if (host.length > config.vmsPerHost)
      throw new ConfigError(
        `layout[${h}]`,
        host.length,
        `more VMs than a host holds (vmsPerHost = ${config.vmsPerHost})`,
      );
    return host.map((token, v): InitialSlot => {
      if (token === 'spare' || token === 'cleansing') return { state: token };
      const service = byName.get(token);
      if (service === undefined)
        throw new ConfigError(
          `layout[${h}][${v}]`,
          token,
          `unknown service; valid values are: ${[...byName.keys(), 'spare', 'cleansing'].join(', ')}`,
        );
      return { state: 'active', service };
    });
  });
}

function checkLayoutMeetsServices(
  layout: readonly (readonly InitialSlot[])[],
  services: readonly ResolvedService[],
) {
  services.forEach((service, s) => {
    let count = 0;
    let level = 0;
    for (const host of layout) {
      const onHost = host.filter((slot) => slot.state === 'active' && slot.service === s).length;
      count += onHost;
      if (onHost > 0) level++;
    }
    if (count !== service.required)
      throw new ConfigError(
        `services[${s}].required`,
        service.required,
        `the layout has ${count} Active VMs of "${service.name}"`,
      );
    if (level < service.target)
      throw new ConfigError(
        `services[${s}].target`,
        service.target,
        `unreachable from the initial layout: "${service.name}" is Active on only ${level} host(s)`,
      );
  });
}

function resolveTimes(field: string, given: number[] | undefined, count: number, windowSeconds: number) {
  if (given === undefined) return Array.from({ length: count }, (_, i) => (windowSeconds * (i + 1)) / count);
  if (!Array.isArray(given)) throw new ConfigError(field, given, 'must be an array of seconds');
  if (given.length !== count)
    throw new ConfigError(field, given.length, `needs one time per VM (${count} in the layout)`);
  given.forEach((t, i) => {
    requireTime(`${field}[${i}]`, t, true);
  });
  return given.slice();
}

/**
 * The first-expiry order, checked (see {@link ScitConfig.firstExpiryOrder}), and the first expiries with
 * an explicit order applied: the online VM `order[k]` gets the k-th time.
 */
function resolveFirstExpiryOrder(config: ScitConfig, times: number[]) {
  const order = config.firstExpiryOrder ?? 'layout';
  const field = 'firstExpiryOrder';
  if (order === 'layout') return { order, times };
  if (order !== 'random' && !Array.isArray(order))
    throw new ConfigError(field, order, "must be 'layout', 'random' or a list of online VM indices");
  if (config.firstExpirySeconds !== undefined)
    throw new ConfigError(
      field,
      order,
      "only 'layout' goes with firstExpirySeconds, which already fixes each VM's first expiry",
    );
  if (order === 'random') return { order, times };
  const n = times.length;
  if (order.length !== n)
    throw new ConfigError(field, order.length, `needs one entry per online VM (${n} in the layout)`);
  const seen = new Set<number>();
  const permuted = times.slice();
  order.forEach((vm, k) => {
    if (typeof vm !== 'number' || !Number.isInteger(vm) || vm < 0 || vm >= n)
      throw new ConfigError(`${field}[${k}]`, vm, `must be an online VM index from 0 to ${n - 1}`);
    if (seen.has(vm)) throw new ConfigError(`${field}[${k}]`, vm, 'appears twice (each online VM once)');
    seen.add(vm);
    permuted[vm] = times[k];
  });
  return { order: order.slice(), times: permuted };
}

/**
 * Validates `config` and fills in defaults. Throws `ConfigError` (with `field` and `value`) on: unknown
 * fields, non-integer or non-positive counts, non-positive times, duplicate or unknown service names,
 * minimum > required, target above min(required, hosts), required counts that do not fit the hosts,
 * layouts with more VMs than a host holds or with counts that differ from `required`, and targets that
 * the initial layout does not meet.
 */
export function resolveScitConfig(config: ScitConfig): ResolvedScitConfig {
  if (typeof config !== 'object' || config === null)
    throw new ConfigError('config', config, 'must be an object');
  rejectUnknownFields('', config, CONFIG_FIELDS);
  const hostCount = requireInteger('hosts', config.hosts, 1);
  checkLimit('hosts', hostCount, SCIT_LIMITS.hosts);
  const vmsPerHost = requireInteger('vmsPerHost', config.vmsPerHost, 1);
  checkLimit('vmsPerHost', vmsPerHost, SCIT_LIMITS.vmsPerHost);
  checkLimit('hosts × vmsPerHost', hostCount * vmsPerHost, SCIT_LIMITS.vms);
  const exposureSeconds = requireTime('exposureSeconds', config.exposureSeconds, false);
  const cleansingSeconds = requireTime('cleansingSeconds', config.cleansingSeconds, false);
  const graceSeconds = requireTime('graceSeconds', config.graceSeconds ?? 0, true);
  const graceCounts = config.graceCountsTowardLevel ?? false;
  if (typeof graceCounts !== 'boolean')
    throw new ConfigError('graceCountsTowardLevel', graceCounts, 'must be true or false');
  const services = resolveServices(config, hostCount);
  const totalRequired = onlineVmCount({ services });
  if (totalRequired > hostCount * vmsPerHost)
    throw new ConfigError(
      'services',
      totalRequired,
      `required VMs cannot be placed: ${hostCount} hosts × ${vmsPerHost} VMs hold only ${hostCount * vmsPerHost}`,
    );
  const layout =
    config.layout === undefined
      ? defaultLayout(services, hostCount, vmsPerHost)
      : parseLayout(config, services, hostCount);
  checkLayoutMeetsServices(layout, services);
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
  const firstExpiry = resolveFirstExpiryOrder(
    config,
    resolveTimes('firstExpirySeconds', config.firstExpirySeconds, online, exposureSeconds),
  );
  return {
    hostCount,
    vmsPerHost,
    services,
    exposureSeconds,
    graceSeconds,
    ...(graceCounts ? { graceCountsTowardLevel: true } : {}),
    cleansingSeconds,
    layout,
    firstExpirySeconds: firstExpiry.times,
    ...(firstExpiry.order === 'layout' ? {} : { firstExpiryOrder: firstExpiry.order }),
    firstCleansingDoneSeconds: resolveTimes(
      'firstCleansingDoneSeconds',
      config.firstCleansingDoneSeconds,
      cleansing,
      cleansingSeconds,
    ),
    warnings,
  };
}

/** VMs online (Active) at any time: Σ r_s over the services; rotation never changes it. */
export function onlineVmCount(config: {
  readonly services: readonly { readonly required: number }[];
}): number {
  return config.services.reduce((sum, service) => sum + service.required, 0);
}
