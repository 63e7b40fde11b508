/**
 * Exact analysis of a SCIT system as a discrete-time Markov chain over its *event epochs*.
 *
 * Rotation timing is deterministic (E, G, C and the initial timing are fixed); the only randomness is
 * the strategy's choice of a spare, uniform among the spares it accepts. So the distribution over the
 * system's states can be propagated exactly: each state branches into one successor per acceptable
 * spare, with equal probability, and identical states are merged (their probabilities add). This gives
 * the exact values that the many-seed Monte Carlo summary estimates — a cross-check of the simulator.
 *
 * Scope: any strategy that declares its rule (`UniformSpareRule`: uniform among the spares on the hosts
 * that `qualifies` accepts) — every built-in one, and a researcher's that implements `qualifies`; the
 * strategy is taken from the container's `ROTATION_STRATEGY`. The chain re-implements the central
 * controller's rules (switch, wait FIFO, reconsider on spare-ready) and the kernel's event order (time,
 * then scheduling sequence — kept as ranks so that states still merge).
 */
import type { Container } from 'inversify';
import { ConfigError } from '../core/errors.js';
import type { ResolvedScitConfig } from '../entities/scit/config.js';
import type { DistributionView } from '../entities/scit/distribution-table.js';
import {
  hasUniformSpareRule,
  type RotationStrategy,
  resolveRotationStrategy,
  type SwitchRequest,
  type UniformSpareRule,
} from '../entities/scit/rotation-strategy.js';

/** A strategy the chain can follow: its name and its rule. */
type RuleStrategy = RotationStrategy & UniformSpareRule;

/** Exact counterparts of the sweep's summary. */
export interface ExactSummary {
  /** Name of the strategy whose rule the chain followed. */
  strategy: string;
  cycles: number;
  /** Per service name: expected share of cycles 1…cycles with the level below target. */
  degradedCycleShare: Record<string, number>;
  /** Probability that a run has any service below target after some cycle. */
  degradedRunShare: number;
  /**
   * Delays of switches (each switch of each run weighted equally): the probability that a switch is
   * delayed, the mean delay given a delay (NaN when none is) and the longest delay. Unlike the sweep's
   * longest delay, VMs still waiting when a run ends are not included.
   */
  delay: { probability: number; meanGivenDelaySeconds: number; maxSeconds: number };
  /** Total probability of the runs that reached the last cycle (1 unless some run stalls). */
  completedProbability: number;
  /** Distinct states visited (size of the computation). */
  statesVisited: number;
}

const ACTIVE = 0;
const GRACE = 1;
const CLEANSING = 2;
const SPARE = 3;

interface ChainState {
  /** Per VM: lifecycle state, service (−1 offline), due time of its next event (Infinity: none). */
  readonly state: number[];
  readonly service: number[];
  readonly due: number[];
  /** Scheduling rank of each VM's pending event (the kernel's FIFO tie-break); −1 when none. */
  readonly seq: number[];
  /** When each VM's exposure ended (meaningful while it waits). */
  readonly expiredAt: number[];
  readonly waiting: number[];
  now: number;
  readonly cycle: number;
  /** Bit s set: service s has been below target after some cycle. */
  readonly degradedEver: number;
  probability: number;
}

interface Accumulators {
  degradedCycles: number[];
  degradedRuns: number;
  completed: number;
  exposures: Map<number, number>;
}

/**
 * Propagates the exact distribution for `cycles` switches, following the rule of the container's
 * rotation strategy. Throws a `ConfigError` if that strategy declares no rule, and an error if the
 * configuration can wait forever (a state with waiting VMs and no pending event).
 */
export function exactSummary(container: Container, config: ResolvedScitConfig, cycles: number): ExactSummary {
  const strategy = resolveRotationStrategy(container);
  if (!hasUniformSpareRule(strategy))
    throw new ConfigError(
      'strategy',
      strategy.name,
      'the exact model needs a strategy that declares its rule (UniformSpareRule: a qualifies() method)',
    );
  return exactSummaryOf(strategy, config, cycles);
}

function exactSummaryOf(rule: RuleStrategy, config: ResolvedScitConfig, cycles: number): ExactSummary {
  const hosts: number[] = config.layout.flatMap((slots, h) => slots.map(() => h));
  const hostRanges: [number, number][] = [];
  config.layout.reduce((start, slots) => {
    hostRanges.push([start, start + slots.length]);
    return start + slots.length;
  }, 0);
  const acc: Accumulators = {
    degradedCycles: config.services.map(() => 0),
    degradedRuns: 0,
    completed: 0,
    exposures: new Map(),
  };
  let frontier = new Map<string, ChainState>([['', initialState(config)]]);
  let visited = 0;
  while (frontier.size > 0) {
    const next = new Map<string, ChainState>();
    for (const state of frontier.values()) {
      visited++;
      for (const successor of step(config, hosts, rule, cycles, state, acc)) {
        if (successor.cycle >= cycles) {
          acc.completed += successor.probability;
          if (successor.degradedEver !== 0) acc.degradedRuns += successor.probability;
          continue;
        }
        canonicalize(successor, hostRanges);
        const key = keyOf(successor);
        const existing = next.get(key);
        if (existing === undefined) next.set(key, successor);
        else existing.probability += successor.probability;
      }
    }
    frontier = next;
  }
  const names = config.services.map((s) => s.name);
  return {
    strategy: rule.name,
    cycles,
    degradedCycleShare: Object.fromEntries(names.map((n, s) => [n, acc.degradedCycles[s] / cycles])),
    degradedRunShare: acc.degradedRuns,
    delay: weightedDelays(acc.exposures),
    completedProbability: acc.completed,
    statesVisited: visited,
  };
}

function initialState(config: ResolvedScitConfig): ChainState {
  if (config.firstExpiryOrder === 'random')
    throw new ConfigError(
      'firstExpiryOrder',
      'random',
      "the exact model follows one initial state: use 'layout' or an explicit order",
    );
  const state: number[] = [];
  const service: number[] = [];
  const due: number[] = [];
  let online = 0;
  let cleansing = 0;
  for (const slots of config.layout)
    for (const slot of slots) {
      if (slot.state === 'active') {
        state.push(ACTIVE);
        service.push(slot.service);
        due.push(config.firstExpirySeconds[online++]);
      } else if (slot.state === 'cleansing') {
        state.push(CLEANSING);
        service.push(-1);
        due.push(config.firstCleansingDoneSeconds[cleansing++]);
      } else {
        state.push(SPARE);
        service.push(-1);
        due.push(Number.POSITIVE_INFINITY);
      }
    }
  const expiredAt = state.map(() => 0);
  const seq = due.map(() => -1);
  let rank = 0;
  due.forEach((time, v) => {
    if (time !== Number.POSITIVE_INFINITY) seq[v] = rank++;
  });
  return {
    state,
    service,
    due,
    seq,
    expiredAt,
    waiting: [],
    now: 0,
    cycle: 0,
    degradedEver: 0,
    probability: 1,
  };
}

/**
 * VMs of one host are interchangeable: sorts each host's VMs by (state, service, due, expiredAt) and
 * renumbers the waiting queue, so that states equal up to such a permutation merge. Without this the
 * number of states explodes (VM identities multiply them).
 */
function canonicalize(s: ChainState, hostRanges: readonly [number, number][]): void {
  const waitingSet = new Set(s.waiting);
  for (let v = 0; v < s.expiredAt.length; v++) if (!waitingSet.has(v)) s.expiredAt[v] = 0;
  const newIndex = new Int32Array(s.state.length);
  const old = {
    state: s.state.slice(),
    service: s.service.slice(),
    due: s.due.slice(),
    seq: s.seq.slice(),
    expiredAt: s.expiredAt.slice(),
  };
  // Only the relative order of pending events matters: replace sequence numbers by their ranks.
  const ranks = old.seq.filter((q) => q >= 0).sort((a, b) => a - b);
  for (let v = 0; v < old.seq.length; v++) if (old.seq[v] >= 0) old.seq[v] = ranks.indexOf(old.seq[v]);
  for (const [start, end] of hostRanges) {
    const order = [];
    for (let v = start; v < end; v++) order.push(v);
    order.sort(
      (a, b) =>
        old.state[a] - old.state[b] ||
        old.service[a] - old.service[b] ||
        old.due[a] - old.due[b] ||
        old.seq[a] - old.seq[b] ||
        old.expiredAt[a] - old.expiredAt[b] ||
        Number(waitingSet.has(a)) - Number(waitingSet.has(b)),
    );
    order.forEach((from, i) => {
      const to = start + i;
      newIndex[from] = to;
      s.state[to] = old.state[from];
      s.service[to] = old.service[from];
      s.due[to] = old.due[from];
      s.seq[to] = old.seq[from];
      s.expiredAt[to] = old.expiredAt[from];
    });
  }
  for (let i = 0; i < s.waiting.length; i++) s.waiting[i] = newIndex[s.waiting[i]];
}

function keyOf(s: ChainState): string {
  return `${s.now}|${s.cycle}|${s.degradedEver}|${s.state}|${s.service}|${s.due}|${s.seq}|${s.waiting}|${s.waiting.map((v) => s.expiredAt[v])}`;
}

function clone(s: ChainState): ChainState {
  return {
    ...s,
    state: s.state.slice(),
    service: s.service.slice(),
    due: s.due.slice(),
    seq: s.seq.slice(),
    expiredAt: s.expiredAt.slice(),
    waiting: s.waiting.slice(),
  };
}

/** Gives `vm` a pending event at `time`, scheduled after every event already pending. */
function schedule(s: ChainState, vm: number, time: number): void {
  let last = -1;
  for (const q of s.seq) if (q > last) last = q;
  s.due[vm] = time;
  s.seq[vm] = last + 1;
}

function unschedule(s: ChainState, vm: number): void {
  s.due[vm] = Number.POSITIVE_INFINITY;
  s.seq[vm] = -1;
}

/** Processes the earliest event of `s`; returns its successors (branching on spare choices). */
function step(
  config: ResolvedScitConfig,
  hosts: number[],
  rule: RuleStrategy,
  cycles: number,
  s: ChainState,
  acc: Accumulators,
): ChainState[] {
  let vm = -1;
  for (let v = 0; v < s.due.length; v++) {
    if (s.due[v] === Number.POSITIVE_INFINITY) continue;
    if (vm < 0 || s.due[v] < s.due[vm] || (s.due[v] === s.due[vm] && s.seq[v] < s.seq[vm])) vm = v;
  }
  if (vm < 0) throw new Error(`exact model: no pending event at t=${s.now}s (VMs wait forever)`);
  const t = clone(s);
  t.now = s.due[vm];
  if (t.state[vm] === ACTIVE) {
    t.expiredAt[vm] = t.now;
    unschedule(t, vm);
    return replaceOrWait(config, hosts, rule, cycles, t, vm, acc, () => t.waiting.push(vm));
  }
  if (t.state[vm] === GRACE) {
    t.state[vm] = CLEANSING;
    schedule(t, vm, t.now + config.cleansingSeconds);
    return [t];
  }
  t.state[vm] = SPARE;
  unschedule(t, vm);
  const queue = t.waiting.slice();
  t.waiting.length = 0;
  return scanWaiting(config, hosts, rule, cycles, t, queue, [], acc);
}

/** Offers spares to `queue` in FIFO order (each branch continues the scan); `kept` are still waiting. */
function scanWaiting(
  config: ResolvedScitConfig,
  hosts: number[],
  rule: RuleStrategy,
  cycles: number,
  s: ChainState,
  queue: number[],
  kept: number[],
  acc: Accumulators,
): ChainState[] {
  if (queue.length === 0 || s.cycle >= cycles) {
    s.waiting.splice(0, s.waiting.length, ...kept, ...queue);
    return [s];
  }
  const [vm, ...rest] = queue;
  const branches = replaceOrWait(config, hosts, rule, cycles, s, vm, acc, () => kept.push(vm));
  return branches.flatMap((b) => scanWaiting(config, hosts, rule, cycles, b, rest, kept.slice(), acc));
}

/**
 * Switches `vm` with each acceptable spare (one successor each, equal shares of the probability), or
 * calls `wait()` and returns `[s]` when no spare is acceptable.
 */
function replaceOrWait(
  config: ResolvedScitConfig,
  hosts: number[],
  rule: RuleStrategy,
  cycles: number,
  s: ChainState,
  vm: number,
  acc: Accumulators,
  wait: () => void,
): ChainState[] {
  const service = s.service[vm];
  const view = new ChainView(config, hosts, s);
  const request: SwitchRequest = {
    vm,
    service,
    host: hosts[vm],
    expiredAtSeconds: s.expiredAt[vm],
    nowSeconds: s.now,
  };
  const spares: number[] = [];
  for (let v = 0; v < s.state.length; v++)
    if (s.state[v] === SPARE && rule.qualifies(request, view, hosts[v])) spares.push(v);
  if (spares.length === 0) {
    wait();
    return [s];
  }
  return spares.map((spare) => {
    const t = clone(s);
    t.probability = s.probability / spares.length;
    t.state[spare] = ACTIVE;
    t.service[spare] = service;
    schedule(t, spare, t.now + config.services[service].exposureSeconds);
    t.service[vm] = -1;
    if (config.graceSeconds > 0) {
      t.state[vm] = GRACE;
      schedule(t, vm, t.now + config.graceSeconds);
    } else {
      t.state[vm] = CLEANSING;
      schedule(t, vm, t.now + config.cleansingSeconds);
    }
    const extra = t.now - t.expiredAt[vm];
    acc.exposures.set(extra, (acc.exposures.get(extra) ?? 0) + t.probability / cycles);
    return recordCycle(config, hosts, t, acc);
  });
}

function recordCycle(
  config: ResolvedScitConfig,
  hosts: number[],
  t: ChainState,
  acc: Accumulators,
): ChainState {
  const view = new ChainView(config, hosts, t);
  let degraded = t.degradedEver;
  config.services.forEach((service, s) => {
    if (view.level(s) < service.target) {
      acc.degradedCycles[s] += t.probability;
      degraded |= 1 << s;
    }
  });
  return { ...t, cycle: t.cycle + 1, degradedEver: degraded };
}

/** The distribution table of a chain state, as the strategy's rule reads it. */
class ChainView implements DistributionView {
  readonly hostCount: number;
  readonly serviceCount: number;
  private readonly active: Int32Array;
  private readonly totals: Int32Array;
  private readonly levels: Int32Array;
  private readonly cleansing: Int32Array;
  private readonly sparesByHost: number[][];
  private readonly pool: number[] = [];
  private readonly spareHosts: number[] = [];

  constructor(
    private readonly config: ResolvedScitConfig,
    private readonly hosts: readonly number[],
    s: ChainState,
  ) {
    this.hostCount = config.hostCount;
    this.serviceCount = config.services.length;
    this.active = new Int32Array(this.serviceCount * this.hostCount);
    this.totals = new Int32Array(this.serviceCount);
    this.levels = new Int32Array(this.serviceCount);
    this.cleansing = new Int32Array(this.hostCount);
    this.sparesByHost = Array.from({ length: this.hostCount }, () => []);
    for (let v = 0; v < s.state.length; v++) {
      const host = hosts[v];
      if (s.state[v] === ACTIVE) {
        if (this.active[s.service[v] * this.hostCount + host]++ === 0) this.levels[s.service[v]]++;
        this.totals[s.service[v]]++;
      } else if (s.state[v] === CLEANSING) this.cleansing[host]++;
      else if (s.state[v] === SPARE) {
        this.sparesByHost[host].push(v);
        this.pool.push(v);
      }
    }
    this.sparesByHost.forEach((list, host) => {
      if (list.length > 0) this.spareHosts.push(host);
    });
  }

  activeCount(service: number, host: number): number {
    return this.active[service * this.hostCount + host];
  }
  activeTotal(service: number): number {
    return this.totals[service];
  }
  level(service: number): number {
    return this.levels[service];
  }
  target(service: number): number {
    return this.config.services[service].target;
  }
  cleansingCount(host: number): number {
    return this.cleansing[host];
  }
  spareCount(host: number): number {
    return this.sparesByHost[host].length;
  }
  vmsOn(host: number): number {
    let count = 0;
    for (const h of this.hosts) if (h === host) count++;
    return count;
  }
  offlineCount(host: number): number {
    return this.cleansing[host] + this.sparesByHost[host].length;
  }
  get totalSpares(): number {
    return this.pool.length;
  }
  spareAt(index: number): number {
    return this.pool[index];
  }
  sparesOn(host: number): readonly number[] {
    return this.sparesByHost[host].slice();
  }
  spareOnHostAt(host: number, index: number): number {
    return this.sparesByHost[host][index];
  }
  get hostsWithSpares(): number {
    return this.spareHosts.length;
  }
  hostWithSpareAt(index: number): number {
    return this.spareHosts[index];
  }
  hostOf(vm: number): number {
    return this.hosts[vm];
  }
  isSpare(vm: number): boolean {
    return this.pool.includes(vm);
  }
}

/** Delay probability, mean given a delay and maximum of a weighted sample of delays. */
function weightedDelays(weights: Map<number, number>): ExactSummary['delay'] {
  let total = 0;
  let delayed = 0;
  let delayedSeconds = 0;
  let max = 0;
  for (const [seconds, weight] of weights) {
    if (!(weight > 0)) continue;
    total += weight;
    if (seconds > 0) {
      delayed += weight;
      delayedSeconds += seconds * weight;
      if (seconds > max) max = seconds;
    }
  }
  return {
    probability: total === 0 ? 0 : delayed / total,
    meanGivenDelaySeconds: delayed === 0 ? Number.NaN : delayedSeconds / delayed,
    maxSeconds: max,
  };
}
