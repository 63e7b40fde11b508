/**
 * One SCIT run: a fresh simulation with the given seed, the system built from a validated config and
 * the policies of the run's container (rotation strategy, and when asked for, attack model and request
 * routing), optional requests, and the metrics the experiment reports. Lean on purpose (the 1000-seed
 * sweep calls it 2000 times): the container's child scope is made once per sweep, no timeline unless
 * asked for.
 */
import type { Container } from 'inversify';
import { SIMULATION } from '../../core/di.js';
import { ConfigError } from '../../core/errors.js';
import type { StarvationReport } from '../../entities/scit/central-controller.js';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import type { RequestEngine } from '../../entities/scit/request-dispatch.js';
import {
  checkRequestWorkload,
  type RequestRecord,
  type RequestWorkload,
  type ServiceRequestStats,
} from '../../entities/scit/request-workload.js';
import { ROTATION_STRATEGY } from '../../entities/scit/rotation-strategy.js';
import { buildScitSystem, type ScitSystemView } from '../../entities/scit/scit-system.js';
import type { Vm } from '../../entities/vm.js';
import { ATTACK_MODEL, type AttackReport } from '../../policies/attacks/types.js';
import { RunScope } from '../container.js';
import { checkLimit, LIMITS } from '../limits.js';
import { prepareRequests } from './requests.js';

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
  /**
   * The cloud VMs behind the SCIT VMs (from `placeScitCloud`, same order): where each VM was placed.
   * SCIT never moves them, so one placement serves many runs; a run with requests builds fresh VMs
   * like them (with the container's schedulers) in its own datacenter, on the same hosts.
   */
  cloudVms?: readonly Vm[];
}

export interface ScitRunResult {
  readonly strategy: string;
  readonly seed: number | string;
  readonly cycles: number;
  readonly endTimeSeconds: number;
  /** Why the run ended. */
  readonly stopReason: 'cycles' | 'horizon' | 'deadlock' | 'starvation' | 'empty';
  /** Per service: cycles (1…cycles) after which the level was below target. */
  readonly degradedCycles: readonly number[];
  /** Per service: lowest level seen (initial state included). */
  readonly minLevels: readonly number[];
  /** Per service: switches after which Active VMs were below the minimum guarantee. */
  readonly minimumViolations: readonly number[];
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
  readonly attack?: AttackReport;
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
  const scope = RunScope.of(container);
  const sim = scope.begin({ seed: options.seed });
  const strategy = scope.get(ROTATION_STRATEGY);
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
    },
    options.cloudVms,
  );
  let stoppedByCycles = false;
  const stopWhenBothReached = (): void => {
    if (system.controller.cycle >= cycleLimit && sim.now >= (requestEnd ?? 0)) {
      stoppedByCycles = true;
      sim.terminate();
    }
  };
  if (requestEnd !== undefined) sim.scheduleAt(requestEnd, stopWhenBothReached);
  const services = config.services;
  const degradedCycles = services.map(() => 0);
  const minimumViolations = services.map(() => 0);
  const minLevels = services.map((s) => levelInLayout(config, s.name));
  const extra: number[] = [];
  const keepExtra = options.keepExtraExposures ?? true;
  const aggregate = { switches: 0, waited: 0, totalSeconds: 0, maxSeconds: 0 };
  const timeline: TimelineRow[] | undefined = options.recordTimeline ? [] : undefined;
  timeline?.push({ cycle: 0, timeSeconds: 0, levels: minLevels.slice() });
  const table = system.tolerance.table;
  // Per service: the cycle from which it has been below target / below its minimum (0: it is not).
  // A switch changes only its own service's level and Active total, so after the first switch only that
  // service is re-examined; whole runs below target are added up when they end (O(1) per switch).
  const belowTargetSince = services.map(() => 0);
  const belowMinimumSince = services.map(() => 0);
  let lastCycle = 0;
  const examine = (s: number, level: number, cycle: number): void => {
    if (level < minLevels[s]) minLevels[s] = level;
    const belowTarget = level < services[s].target;
    if (belowTarget && belowTargetSince[s] === 0) belowTargetSince[s] = cycle;
    else if (!belowTarget && belowTargetSince[s] !== 0) {
      degradedCycles[s] += cycle - belowTargetSince[s];
      belowTargetSince[s] = 0;
    }
    const belowMinimum = table.activeTotal(s) < services[s].minimum;
    if (belowMinimum && belowMinimumSince[s] === 0) belowMinimumSince[s] = cycle;
    else if (!belowMinimum && belowMinimumSince[s] !== 0) {
      minimumViolations[s] += cycle - belowMinimumSince[s];
      belowMinimumSince[s] = 0;
    }
  };
  system.controller.switched.subscribe((record) => {
    if (record.cycle > cycleLimit) return;
    if (requestEnd !== undefined) stopWhenBothReached();
    const wait = record.extraExposureSeconds;
    if (keepExtra) extra.push(wait);
    aggregate.switches++;
    aggregate.totalSeconds += wait;
    if (wait > 0) aggregate.waited++;
    if (wait > aggregate.maxSeconds) aggregate.maxSeconds = wait;
    if (lastCycle === 0) for (let s = 0; s < services.length; s++) examine(s, record.levels[s], record.cycle);
    else examine(record.service, record.levels[record.service], record.cycle);
    lastCycle = record.cycle;
    timeline?.push({ cycle: record.cycle, timeSeconds: record.timeSeconds, levels: record.levels });
  });
  /** Adds the runs still open after the last counted cycle. */
  const closeRuns = (): void => {
    for (let s = 0; s < services.length; s++) {
      if (belowTargetSince[s] !== 0) degradedCycles[s] += lastCycle + 1 - belowTargetSince[s];
      if (belowMinimumSince[s] !== 0) minimumViolations[s] += lastCycle + 1 - belowMinimumSince[s];
    }
  };
  let starvation: StarvationReport | undefined;
  system.controller.starved.subscribe((report) => {
    starvation = report;
  });
  const attacker = startAttack(scope, system.view, options.attack);
  const requests = requestSetup?.start(system.view, attacker);
  const summary = sim.run(options.horizonSeconds === undefined ? {} : { until: options.horizonSeconds });
  closeRuns();
  const requestReport = requests?.finish();
  const stop = system.controller.stopReason;
  return {
    strategy: strategy.name,
    seed: options.seed,
    cycles: Math.min(system.controller.cycle, cycleLimit),
    endTimeSeconds: summary.endTime,
    stopReason: stoppedByCycles
      ? 'cycles'
      : stop !== 'running'
        ? stop
        : summary.reason === 'until'
          ? 'horizon'
          : 'empty',
    degradedCycles,
    minLevels,
    minimumViolations,
    extraExposureSeconds: extra,
    extraExposure: aggregate,
    waitingAtEnd: system.controller.waitingVms(),
    starvation,
    timeline,
    requests: requestReport?.stats,
    requestEngine: requestReport?.engine,
    requestLog: requestReport?.records,
    attack: attacker?.stop(),
  };
}

function levelInLayout(config: ResolvedScitConfig, name: string): number {
  const s = config.services.findIndex((service) => service.name === name);
  return config.layout.filter((host) => host.some((slot) => slot.state === 'active' && slot.service === s))
    .length;
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
    options: model.resolveOptions(parameters, 'attack'),
  });
}

/** Checks a run's options before anything is built; each problem names the field and the value. */
function checkRunOptions(config: ResolvedScitConfig, options: ScitRunOptions): void {
  const { maxCycles, horizonSeconds } = options;
  if (maxCycles === undefined && horizonSeconds === undefined)
    throw new ConfigError(
      'maxCycles',
      undefined,
      'give maxCycles or horizonSeconds, so that the run is bounded',
    );
  if (maxCycles !== undefined) {
    if (!Number.isInteger(maxCycles) || maxCycles < 1)
      throw new ConfigError('maxCycles', maxCycles, 'must be an integer >= 1');
    checkLimit('maxCycles', maxCycles, LIMITS.cycles);
  }
  if (horizonSeconds !== undefined) {
    if (!(horizonSeconds > 0) || !Number.isFinite(horizonSeconds))
      throw new ConfigError('horizonSeconds', horizonSeconds, 'must be a finite number of seconds > 0');
    checkLimit('horizonSeconds', horizonSeconds, LIMITS.seconds);
  }
  if (options.requests !== undefined) {
    checkRequestWorkload(options.requests, config, 'requests');
    const end = options.requestHorizonSeconds;
    if (end === undefined || !(end >= 0) || !Number.isFinite(end))
      throw new ConfigError(
        'requestHorizonSeconds',
        end,
        'must be a finite number of seconds >= 0 with requests',
      );
  }
}
