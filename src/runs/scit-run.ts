/**
 * One SCIT run: a fresh simulation with the given seed, the system built from a validated config and
 * the policies of the run's container (rotation strategy, and when asked for, attack model and request
 * routing), optional requests, and the metrics the experiment reports. Lean on purpose (the 1000-seed
 * sweep calls it 2000 times): the container's child scope is made once per sweep, no timeline unless
 * asked for.
 */
import type { Container } from 'inversify';
import { z } from 'zod';
import { limitError, parseConfig } from '../core/config-issues.js';
import { SIMULATION } from '../core/di.js';
import type { Simulation } from '../core/simulation.js';
import { currentWatch } from '../core/watch.js';
import type {
  CentralController,
  StarvationReport,
  SwitchRecord,
} from '../entities/scit/central-controller.js';
import type { ResolvedScitConfig } from '../entities/scit/config.js';
import type { RequestEngine } from '../entities/scit/request-dispatch.js';
import {
  checkRequestWorkload,
  type RequestRecord,
  type RequestWorkload,
  type ServiceRequestStats,
} from '../entities/scit/request-workload.js';
import { resolveRotationStrategy, runDecisionObserver } from '../entities/scit/rotation-strategy.js';
import { buildScitSystem, type ScitSystemView } from '../entities/scit/scit-system.js';
import type { Vm } from '../entities/vm.js';
import { ATTACK_MODEL, type AttackReport } from '../policies/attacks/attack-model.js';
import { RunScope } from './container.js';
import { prepareRequests } from './requests.js';
import { LIMITS } from './run-limits.js';
import {
  SECURITY_STOPS,
  SecurityMonitor,
  type SecurityRunReport,
  type SecurityStop,
} from './security-monitor.js';

/** One row of the redundancy timeline: the state after clock cycle `cycle` (0 = initial). */
export interface TimelineRow {
  readonly cycle: number;
  readonly timeSeconds: number;
  /** Level per service, in config order. */
  readonly levels: readonly number[];
}

export interface ScitRunOptions {
  seed: number | string;
  /** Stop after this many switches (clock cycles). */
  maxCycles?: number;
  /** Stop at this simulated time (seconds). At least one of `maxCycles`/`horizonSeconds` is needed. */
  horizonSeconds?: number;
  /**
   * Client requests (off when omitted): cloudlets routed by the container's `REQUEST_ROUTING` to the
   * Active VMs of their service and run by the VMs' cloudlet schedulers in a datacenter (see
   * `RequestWorkload`). Arrivals stop at `requestHorizonSeconds`; the run then goes on until both that
   * time and `maxCycles` are reached, so runs of different strategies with the same seed receive
   * exactly the same requests. Only the first `maxCycles` switches enter the metrics.
   */
  requests?: RequestWorkload;
  /** End of request arrivals (required with `requests`). */
  requestHorizonSeconds?: number;
  /** Keep one `RequestRecord` per request in `requestLog` (default false). */
  recordRequests?: boolean;
  /**
   * Keep every switch's extra exposure in `extraExposureSeconds` (default true). Large runs turn it
   * off and read `extraExposure` (count, waited, total, max) instead.
   */
  keepExtraExposures?: boolean;
  /** Keep the per-cycle timeline (default false). */
  recordTimeline?: boolean;
  /** Forwarded to the central controller. */
  starvationThresholdSeconds?: number;
  /**
   * Attacks during the run (off when omitted): the parameters of the container's `ATTACK_MODEL`
   * (for the default VM escape: `VmEscapeOptions`), checked by the model.
   */
  attack?: unknown;
  /** Under attack: the security monitor's measurement window and when the run may stop (see {@link SecurityRunOptions}). */
  security?: SecurityRunOptions;
  /**
   * The cloud VMs behind the SCIT VMs (from `placeScitCloud`, same order): where each VM was placed.
   * SCIT never moves them, so one placement serves many runs; a run with requests builds fresh VMs
   * like them (with the container's schedulers) in its own datacenter, on the same hosts.
   */
  cloudVms?: readonly Vm[];
}

/** What the security monitor measures in a run under attack, and when it may stop the run. */
export interface SecurityRunOptions {
  /**
   * End of the window over which availability, outages and escapes are counted (seconds from 0;
   * default: the whole run, or none with `stopWhen`). The run lasts at least until then.
   */
  windowSeconds?: number;
  /**
   * Stop the run (after the window) at the system's first security failure, once every service has
   * failed, or never (default); the horizon (`horizonSeconds`) bounds it in any case.
   */
  stopWhen?: SecurityStop;
}

export interface ScitRunResult {
  readonly strategy: string;
  readonly seed: number | string;
  readonly cycles: number;
  readonly endTimeSeconds: number;
  /** Why the run ended. */
  readonly stopReason: 'cycles' | 'horizon' | 'deadlock' | 'starvation' | 'empty' | 'security-failure';
  /** Per service: cycles (1…cycles) after which the level was below target. */
  readonly degradedCycles: readonly number[];
  /** Per service: lowest level seen (initial state included). */
  readonly minLevels: readonly number[];
  /**
   * Per service: seconds with the level below target, over the observed time (up to the last counted
   * cycle when the run is bounded by cycles).
   */
  readonly belowTargetSeconds: readonly number[];
  /** Seconds over which `belowTargetSeconds` was observed. */
  readonly observedSeconds: number;
  /** Extra exposure of every switch (seconds beyond E), in switch order (empty if not kept). */
  readonly extraExposureSeconds: readonly number[];
  /** Extra exposure in aggregate: switches counted, switches that waited, total and max seconds. */
  readonly extraExposure: { switches: number; waited: number; totalSeconds: number; maxSeconds: number };
  /** VMs still waiting when the run ended, with their wait so far. */
  readonly waitingAtEnd: readonly { vm: number; waitedSeconds: number }[];
  readonly starvation?: StarvationReport;
  readonly timeline?: readonly TimelineRow[];
  /** Per service, in configuration order (with requests). */
  readonly requests?: readonly ServiceRequestStats[];
  /** Which request model ran (with requests). */
  readonly requestEngine?: RequestEngine;
  /** One record per request, in arrival order (with `recordRequests`). */
  readonly requestLog?: readonly RequestRecord[];
  /** The attack session's counters (with `attack`). */
  readonly attack?: AttackReport;
  /** What the attacks did to the services (with `attack`): failures, down time, outages. */
  readonly security?: SecurityRunReport;
}

/**
 * Runs one seed with the policies of `container` (or of a {@link RunScope} over it, which sweeps reuse
 * across runs). `config` must come from `resolveScitConfig` (validation happens there).
 */
export function runScit(
  container: Container | RunScope,
  config: ResolvedScitConfig,
  options: ScitRunOptions,
): ScitRunResult {
  checkRunOptions(config, options);
  return runCheckedScit(container, config, options);
}

/**
 * {@link runScit} for options already checked by {@link checkRunOptions} (seed summaries and sweeps
 * check their options once, then run many seeds: a run of the paper's system is ~30 µs, and parsing
 * its options every time cost ~5% of it).
 * @internal
 */
export function runCheckedScit(
  container: Container | RunScope,
  config: ResolvedScitConfig,
  options: ScitRunOptions,
): ScitRunResult {
  const scope = RunScope.of(container);
  const sim = scope.begin({ seed: options.seed });
  currentWatch()?.run?.(options.seed, config.services);
  const strategy = resolveRotationStrategy(scope);
  const requestEnd = options.requests ? options.requestHorizonSeconds : undefined;
  const cycleLimit = options.maxCycles ?? Number.POSITIVE_INFINITY;
  // The requests' cloud first: CloudSim's entities are numbered from 0.
  const requestSetup =
    options.requests && requestEnd !== undefined
      ? prepareRequests(scope, sim, config, options.requests, {
          arrivalsEndSeconds: requestEnd,
          cloudVms: options.cloudVms,
          record: options.recordRequests,
        })
      : undefined;
  const system = buildScitSystem(
    sim,
    config,
    strategy,
    {
      maxCycles: requestEnd === undefined ? options.maxCycles : undefined,
      starvationThresholdSeconds: options.starvationThresholdSeconds,
      observer: runDecisionObserver(),
    },
    options.cloudVms,
  );
  const metrics = new CycleMetrics(config, sim, system.controller, {
    cycleLimit,
    requestEnd,
    keepExtra: options.keepExtraExposures ?? true,
    recordTimeline: options.recordTimeline ?? false,
  });
  if (requestEnd !== undefined) sim.scheduleAt(requestEnd, () => metrics.stopWhenBothReached());
  const online = metrics.online;
  if (online !== undefined)
    system.controller.cleansingStarted.subscribe(({ vm, timeSeconds }) =>
      metrics.cleansingStarted(online, vm, timeSeconds),
    );
  system.controller.switched.subscribe((record) => metrics.switched(record));
  system.controller.starved.subscribe((report) => {
    metrics.starvation = report;
  });
  const attacker = startAttack(scope, system.view, options.attack);
  const monitor =
    attacker === undefined
      ? undefined
      : new SecurityMonitor(sim, system.view, attacker, {
          // Without a window, a run that stops at failures measures none (its end depends on them).
          windowSeconds:
            options.security?.windowSeconds ??
            ((options.security?.stopWhen ?? 'never') === 'never' ? Number.POSITIVE_INFINITY : 0),
          stopWhen: options.security?.stopWhen ?? 'never',
        });
  const requests = requestSetup?.start(system.view, attacker);
  const summary = sim.run(options.horizonSeconds === undefined ? {} : { until: options.horizonSeconds });
  // Time below target is observed up to the last counted cycle when cycles bound the run.
  const observedSeconds = metrics.lastCycle === cycleLimit ? metrics.lastCycleTime : summary.endTime;
  metrics.closeRuns(observedSeconds);
  const security = monitor?.report();
  const requestReport = requests?.finish();
  const stop = system.controller.stopReason;
  return {
    strategy: strategy.name,
    seed: options.seed,
    cycles: Math.min(system.controller.cycle, cycleLimit),
    endTimeSeconds: summary.endTime,
    stopReason: metrics.stoppedByCycles
      ? 'cycles'
      : stop !== 'running'
        ? stop
        : security?.stoppedRun
          ? 'security-failure'
          : summary.reason === 'until'
            ? 'horizon'
            : 'empty',
    degradedCycles: metrics.degradedCycles,
    minLevels: metrics.minLevels,
    belowTargetSeconds: metrics.belowTargetSeconds,
    observedSeconds,
    extraExposureSeconds: metrics.extra,
    extraExposure: metrics.aggregate,
    waitingAtEnd: system.controller.waitingVms(),
    starvation: metrics.starvation,
    timeline: metrics.timeline,
    requests: requestReport?.stats,
    requestEngine: requestReport?.engine,
    requestLog: requestReport?.records,
    attack: attacker?.stop(),
    security,
  };
}

/**
 * What a run measures of its cycles (levels below target, extra exposures, the timeline), fed by the
 * controller's signals. One object with methods rather than closures over the run's locals: a run
 * builds one per seed (a sweep ~20,000 per second per worker), so what it allocates counts.
 */
class CycleMetrics {
  /** Per service: cycles (1…cycles) after which the level was below target. */
  readonly degradedCycles: number[];
  /** Per service: lowest level seen. */
  readonly minLevels: number[];
  /** Per service: seconds below target. */
  readonly belowTargetSeconds: number[];
  readonly extra: number[] = [];
  readonly aggregate = { switches: 0, waited: 0, totalSeconds: 0, maxSeconds: 0 };
  readonly timeline: TimelineRow[] | undefined;
  /** Levels that count Grace VMs (`graceCountsTowardLevel` with G > 0). */
  readonly online: OnlineLevels | undefined;
  lastCycle = 0;
  lastCycleTime = 0;
  stoppedByCycles = false;
  starvation: StarvationReport | undefined;
  /**
   * Per service: the cycle from which it has been below target (0: it is not). A switch changes only
   * its own service's level, so after the first switch only that service is re-examined; whole runs
   * below target are added up when they end (O(1) per switch).
   */
  private readonly belowTargetSince: number[];
  /** Per service: since when (seconds) the level has been below target (NaN: it is not). */
  private readonly belowTargetFrom: number[];
  private readonly services: ResolvedScitConfig['services'];
  private readonly cycleLimit: number;
  private readonly requestEnd: number | undefined;
  private readonly keepExtra: boolean;

  constructor(
    config: ResolvedScitConfig,
    private readonly sim: Simulation,
    private readonly controller: CentralController,
    options: {
      cycleLimit: number;
      requestEnd: number | undefined;
      keepExtra: boolean;
      recordTimeline: boolean;
    },
  ) {
    this.services = config.services;
    this.cycleLimit = options.cycleLimit;
    this.requestEnd = options.requestEnd;
    this.keepExtra = options.keepExtra;
    const count = this.services.length;
    this.minLevels = levelsInLayout(config);
    this.degradedCycles = zeros(count);
    this.belowTargetSince = zeros(count);
    this.belowTargetFrom = zeros(count);
    this.belowTargetSeconds = zeros(count);
    for (let s = 0; s < count; s++)
      if (this.minLevels[s] >= this.services[s].target) this.belowTargetFrom[s] = Number.NaN;
    this.timeline = options.recordTimeline ? [] : undefined;
    this.timeline?.push({ cycle: 0, timeSeconds: 0, levels: this.minLevels.slice() });
    this.online =
      config.graceCountsTowardLevel && config.graceSeconds > 0 ? new OnlineLevels(config) : undefined;
  }

  /** With requests: stops the run once the cycles are counted and arrivals have ended. */
  stopWhenBothReached(): void {
    if (this.controller.cycle >= this.cycleLimit && this.sim.now >= (this.requestEnd ?? 0)) {
      this.stoppedByCycles = true;
      this.sim.terminate();
    }
  }

  cleansingStarted(online: OnlineLevels, vm: number, timeSeconds: number): void {
    const s = online.graceEnded(vm);
    if (s < 0 || this.lastCycle >= this.cycleLimit) return;
    // A drop between switches counts from the next cycle on (a cycle is judged after its switch).
    this.examine(s, online.levels[s], this.lastCycle + 1, timeSeconds);
    this.timeline?.push({ cycle: this.lastCycle, timeSeconds, levels: online.levels.slice() });
  }

  switched(record: SwitchRecord): void {
    if (record.cycle > this.cycleLimit) return;
    const online = this.online;
    const levels = online === undefined ? record.levels : online.switched(record);
    if (this.requestEnd !== undefined) this.stopWhenBothReached();
    const wait = record.extraExposureSeconds;
    if (this.keepExtra) this.extra.push(wait);
    const aggregate = this.aggregate;
    aggregate.switches++;
    aggregate.totalSeconds += wait;
    if (wait > 0) aggregate.waited++;
    if (wait > aggregate.maxSeconds) aggregate.maxSeconds = wait;
    const time = record.timeSeconds;
    if (this.lastCycle === 0)
      for (let s = 0; s < this.services.length; s++) this.examine(s, levels[s], record.cycle, time);
    else this.examine(record.service, levels[record.service], record.cycle, time);
    this.lastCycle = record.cycle;
    this.lastCycleTime = time;
    this.timeline?.push({
      cycle: record.cycle,
      timeSeconds: record.timeSeconds,
      levels: online === undefined ? levels : levels.slice(),
    });
  }

  /** Adds the runs still open after the last counted cycle (or, in time, until `end`). */
  closeRuns(end: number): void {
    for (let s = 0; s < this.services.length; s++) {
      if (this.belowTargetSince[s] !== 0)
        this.degradedCycles[s] += this.lastCycle + 1 - this.belowTargetSince[s];
      if (!Number.isNaN(this.belowTargetFrom[s])) this.belowTargetSeconds[s] += end - this.belowTargetFrom[s];
    }
  }

  private examine(s: number, level: number, cycle: number, time: number): void {
    const minLevels = this.minLevels;
    if (level < minLevels[s]) minLevels[s] = level;
    const belowTarget = level < this.services[s].target;
    const since = this.belowTargetSince;
    if (belowTarget && since[s] === 0) since[s] = cycle;
    else if (!belowTarget && since[s] !== 0) {
      this.degradedCycles[s] += cycle - since[s];
      since[s] = 0;
    }
    const from = this.belowTargetFrom;
    if (belowTarget && Number.isNaN(from[s])) from[s] = time;
    else if (!belowTarget && !Number.isNaN(from[s])) {
      this.belowTargetSeconds[s] += time - from[s];
      from[s] = Number.NaN;
    }
  }
}

/**
 * Redundancy levels that count Grace VMs (`graceCountsTowardLevel`): per service and host the Active
 * and Grace VMs, kept from switches (the spare's host gains one; the expired VM stays, in Grace) and
 * grace ends (its host loses one).
 */
class OnlineLevels {
  readonly levels: number[];
  private readonly counts: Int32Array;
  private readonly hostCount: number;
  /** The VMs in Grace (after a switch, before Cleansing): their service and host. */
  private readonly graceService = new Map<number, { service: number; host: number }>();

  constructor(config: ResolvedScitConfig) {
    this.hostCount = config.hostCount;
    this.counts = new Int32Array(config.services.length * config.hostCount);
    config.layout.forEach((slots, h) => {
      for (const slot of slots) if (slot.state === 'active') this.counts[slot.service * this.hostCount + h]++;
    });
    this.levels = config.services.map((_, s) => {
      let level = 0;
      for (let h = 0; h < this.hostCount; h++) if (this.counts[s * this.hostCount + h] > 0) level++;
      return level;
    });
  }

  /** A switch: returns the levels after it (the live array: copy it to keep it). */
  switched(record: SwitchRecord): readonly number[] {
    const { service, toHost, fromHost, expiredVm } = record;
    if (this.counts[service * this.hostCount + toHost]++ === 0) this.levels[service]++;
    this.graceService.set(expiredVm, { service, host: fromHost });
    return this.levels;
  }

  /** `vm` entered Cleansing: returns the service whose Grace VM it was (−1 if it was not in Grace). */
  graceEnded(vm: number): number {
    const grace = this.graceService.get(vm);
    if (grace === undefined) return -1;
    this.graceService.delete(vm);
    if (--this.counts[grace.service * this.hostCount + grace.host] === 0) this.levels[grace.service]--;
    return grace.service;
  }
}

/** Per service, the hosts with an Active VM of it in the initial layout. */
function levelsInLayout(config: ResolvedScitConfig): number[] {
  const levels = zeros(config.services.length);
  for (let s = 0; s < levels.length; s++) {
    let level = 0;
    for (const host of config.layout) {
      let has = false;
      for (const slot of host) if (slot.state === 'active' && slot.service === s) has = true;
      if (has) level++;
    }
    levels[s] = level;
  }
  return levels;
}

/**
 * `count` zeros in an array of exactly that capacity (pushing onto `[]` grows it to 17 slots, and a
 * run makes several such arrays).
 */
function zeros(count: number): number[] {
  return new Array<number>(count).fill(0);
}

/** Starts the container's attack model on `system` with `parameters` (none when they are omitted). */
function startAttack(scope: RunScope, system: ScitSystemView, parameters: unknown) {
  if (parameters === undefined) return undefined;
  const model = scope.get(ATTACK_MODEL);
  const sim = scope.get(SIMULATION);
  return model.start({
    sim,
    system,
    random: sim.random(`attack.${model.name}`),
    // The same parameters give the same options: resolved once per scope (a sweep's cell and strategy).
    options: scope.derive(parameters, model.constructor, () => model.resolveOptions(parameters, 'attack')),
  });
}

const RUN_CYCLES = 'must be an integer >= 1';
const RUN_HORIZON = 'must be a finite number of seconds > 0';
const REQUEST_HORIZON = 'must be a finite number of seconds >= 0 with requests';
const WINDOW = 'must be a number of seconds > 0';

/** The security monitor's options (see {@link SecurityRunOptions}): one schema, checked once. */
const securityRunOptionsSchema = z.object({
  windowSeconds: z
    .union(
      [
        z.literal(Number.POSITIVE_INFINITY),
        z
          .number({ error: WINDOW })
          .positive({ error: WINDOW })
          .max(LIMITS.seconds.max, { error: limitError(LIMITS.seconds) }),
      ],
      { error: WINDOW },
    )
    .optional(),
  stopWhen: z
    .enum(SECURITY_STOPS as [SecurityStop, ...SecurityStop[]], {
      error: `valid values are: ${SECURITY_STOPS.join(', ')}`,
    })
    .optional(),
});

/**
 * The bounds and monitor options of a run (see {@link ScitRunOptions}): one schema, checked once
 * before anything is built, every problem at once, each naming the field and the value. The request
 * workload has its own schema (it needs the configuration's services: `checkRequestWorkload`); the
 * attack parameters are the model's.
 */
const runOptionsSchema = z
  .object({
    maxCycles: z
      .number({ error: RUN_CYCLES })
      .int({ error: RUN_CYCLES })
      .min(1, { error: RUN_CYCLES })
      .max(LIMITS.cycles.max, { error: limitError(LIMITS.cycles) })
      .optional(),
    horizonSeconds: z
      .number({ error: RUN_HORIZON })
      .positive({ error: RUN_HORIZON })
      .max(LIMITS.seconds.max, { error: limitError(LIMITS.seconds) })
      .optional(),
    requests: z.unknown().optional(),
    requestHorizonSeconds: z.number({ error: REQUEST_HORIZON }).min(0, { error: REQUEST_HORIZON }).optional(),
    security: securityRunOptionsSchema.optional(),
  })
  .superRefine((options, ctx) => {
    if (options.maxCycles === undefined && options.horizonSeconds === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['maxCycles'],
        input: undefined,
        message: 'give maxCycles or horizonSeconds, so that the run is bounded',
      });
    if (options.requests !== undefined && options.requestHorizonSeconds === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['requestHorizonSeconds'],
        input: undefined,
        message: REQUEST_HORIZON,
      });
  });

/** Checks a run's options before anything is built (see {@link runOptionsSchema}). */
export function checkRunOptions(config: ResolvedScitConfig, options: ScitRunOptions): void {
  parseConfig(runOptionsSchema, options, 'the run options');
  if (options.requests !== undefined) checkRequestWorkload(options.requests, config, 'requests');
}

/** Checks the security monitor's options under `field`; each problem names the field and the value. */
export function checkSecurityRunOptions(security: SecurityRunOptions, field: string): void {
  parseConfig(securityRunOptionsSchema, security, 'the security monitor options', field);
}
