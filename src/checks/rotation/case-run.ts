/**
 * Runs one spec-checker case as a production run is built: the case's simulation begun in the check's
 * {@link RunScope} (so a strategy that injects `SIMULATION` gets the case's own, whose clock and named
 * streams advance as in a run), the strategy resolved there, and the full SCIT system (central and
 * tolerance controllers on the kernel) with a {@link CaseObserver} told about every decision, while an
 * {@link InvariantTracker} checks the system after every event.
 *
 * Per decision: `valid-decision` (a switch to the integer id of a live spare, or a wait with a reason;
 * an exception is a failure too), `purity` (the request, the view and the table behind it are unchanged
 * by `choose`, and it wrote to neither: both are frozen), `progress` (no wait while a qualifying spare
 * exists, when claimed) and `liveness` (no VM waits beyond the FIFO bound, when the case is claimed
 * live). Each decision is also recorded, for determinism and for the trace printed with a
 * counterexample.
 */
import type { RunScope } from '../../core/run-scope.js';
import { currentWatch } from '../../core/watch.js';
import type { StarvationReport } from '../../entities/scit/central-controller.js';
import { resolveScitConfig, type ScitConfig } from '../../entities/scit/config.js';
import {
  type RotationStrategy,
  resolveRotationStrategy,
  runDecisionObserver,
  StrategyError,
} from '../../entities/scit/rotation-strategy.js';
import { buildScitSystem } from '../../entities/scit/scit-system.js';
import { CaseObserver, CaseState, describeError } from './case-observer.js';
import { InvariantTracker } from './invariants.js';
import type { ScitCase } from './spec-arbitrary.js';

export { describeError, TRACE_LENGTH } from './case-observer.js';

/** The properties of the spec checker, in report order. */
export type SpecProperty =
  | 'valid-decision'
  | 'purity'
  | 'determinism'
  | 'conservation'
  | 'table'
  | 'redundancy'
  | 'minimum'
  | 'progress'
  | 'liveness'
  | 'starvation-detection'
  | 'decision-timeout';

/** One decision of a run, as printed with a counterexample. */
export interface DecisionRecord {
  /** 1-based number of the decision in its case. */
  number: number;
  timeSeconds: number;
  vm: number;
  service: number;
  host: number;
  expiredAtSeconds: number;
  outcome: 'switch' | 'wait' | 'invalid' | 'threw';
  spare?: number;
  spareHost?: number;
  /** The wait reason, the invalid decision, or the exception. */
  detail?: string;
  /** Some live spare would have broken a target. */
  risky: boolean;
  /** The redundancy level of every service (by index) once the decision took effect. */
  levelsAfter: number[];
}

/** A property's first violation in a run. */
export interface Violation {
  message: string;
  /** Decisions made up to the violation. */
  decisions: number;
  /** The last decisions up to the violation (at most `TRACE_LENGTH`). */
  trace: DecisionRecord[];
}

/** Which spares `progress` counts as qualifying: those that keep every target, or any live spare. */
export type ProgressRule = 'keeps-targets' | 'any-spare';

export interface CaseRunSettings {
  /** Check the invariants after every event (off for the determinism re-run). Default true. */
  checks?: boolean;
  preservesRedundancy: boolean;
  /** Claimed progress rule, if any. */
  progress?: ProgressRule;
  /** The case is claimed live (no VM waits beyond the FIFO bound, no starvation report). */
  live?: boolean;
  /** Check purity (default true when `checks`). */
  purity?: boolean;
  /** Record every decision as (time, VM, spare or -1) for the determinism comparison. */
  recordCodes?: boolean;
  /** Stop the run after this many decisions. */
  maxDecisions: number;
  /** Told about the strategy as soon as it is constructed. */
  onConstructed?: (strategy: RotationStrategy) => void;
}

/** What a case looked like, for the coverage report. */
export interface CaseStats {
  hosts: number;
  services: number;
  vms: number;
  decisions: number;
  switches: number;
  waits: number;
  /** Decisions at which some live spare would have broken a target. */
  riskyDecisions: number;
  endTimeSeconds: number;
  /** The run stopped at `maxDecisions`. */
  truncated: boolean;
  /** The configuration has no offline VM. */
  noOfflineVm: boolean;
}

export interface CaseRun {
  violations: Partial<Record<SpecProperty, Violation>>;
  /** The run stopped early: a failed decision (or an exception) ended it. */
  aborted: boolean;
  stats: CaseStats;
  starvation?: StarvationReport;
  /** (time, VM, spare or -1) per decision, when `recordCodes`. */
  codes?: number[];
}

/** Default duration of a case without one: twenty rotation cycles. */
export function defaultCaseDurationSeconds(
  config: Pick<ScitConfig, 'exposureSeconds' | 'graceSeconds' | 'cleansingSeconds'>,
): number {
  return 20 * (config.exposureSeconds + (config.graceSeconds ?? 0) + config.cleansingSeconds);
}

/** A case's run, or why the strategy could not be built for it. */
export type CaseOutcome =
  | { run: CaseRun; strategy: RotationStrategy }
  /** What the strategy's construction threw, described. */
  | { constructError: string };

/**
 * Runs `scitCase` in `scope` (its simulation begun with the case's seed, the strategy resolved there as
 * in a production run), checking as `settings` say.
 */
export function runCase(scitCase: ScitCase, scope: RunScope, settings: CaseRunSettings): CaseOutcome {
  const config = resolveScitConfig(scitCase.config);
  const vmCount = config.layout.reduce((n, host) => n + host.length, 0);
  const cycleSeconds = config.graceSeconds + config.cleansingSeconds;
  const sim = scope.begin({ seed: scitCase.seed });
  // As runScit does: a watchdog's report of a hang names the run's services.
  currentWatch()?.run?.(scitCase.seed, config.services);
  let strategy: RotationStrategy;
  try {
    strategy = resolveRotationStrategy(scope);
  } catch (error) {
    return { constructError: describeError(error) };
  }
  settings.onConstructed?.(strategy);
  const state = new CaseState();
  const observer = new CaseObserver(state, settings, config);
  const system = buildScitSystem(sim, config, strategy, {
    starvationThresholdSeconds: vmCount * cycleSeconds + 1e-6,
    observer: runDecisionObserver(observer),
  });
  observer.bind(system, sim);
  let starvation: StarvationReport | undefined;
  system.controller.starved.subscribe((report) => {
    starvation = report;
    if (settings.live) state.note('liveness', `the controller reported ${report.message}`);
  });
  const checks = settings.checks !== false;
  const tracker = checks
    ? new InvariantTracker(
        config,
        system.tolerance.table,
        system.fleet,
        settings.preservesRedundancy,
        (p, m) => state.note(p, m),
      )
    : undefined;
  if (tracker !== undefined) {
    system.fleet.stateChanged.subscribe((change) => {
      tracker.onStateChange(change.vm, change.from, change.to, change.time);
    });
    sim.hooks.eventProcessed.subscribe(() => {
      tracker.afterEvent(sim.now, system.controller.cycle);
      if (settings.live) observer.checkDeadlines(sim.now);
    });
  }
  const duration = scitCase.durationSeconds ?? defaultCaseDurationSeconds(config);
  let aborted = false;
  try {
    sim.run({ until: duration });
  } catch (error) {
    // A failed decision was noted by the observer; anything else stopped the run some other way.
    if (!(error instanceof StrategyError))
      state.note('valid-decision', `the run stopped with ${describeError(error)} at t=${sim.now}s`);
    aborted = true;
  }
  if (tracker !== undefined && !aborted) {
    tracker.fullCheck(sim.now, system.controller.cycle);
    if (settings.live) observer.checkDeadlines(sim.now);
  }
  return {
    strategy,
    run: {
      violations: state.violations,
      aborted,
      starvation,
      codes: observer.codes,
      stats: {
        hosts: config.hostCount,
        services: config.services.length,
        vms: vmCount,
        decisions: state.decisions,
        switches: state.switches,
        waits: state.waits,
        riskyDecisions: state.risky,
        endTimeSeconds: sim.now,
        truncated: state.decisions >= settings.maxDecisions,
        noOfflineVm: config.layout.every((host) => host.every((slot) => slot.state === 'active')),
      },
    },
  };
}
