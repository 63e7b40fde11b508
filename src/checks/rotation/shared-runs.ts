/**
 * The spec checker's runs, shared by its properties: each case is simulated once (with a fresh strategy
 * instance, plus a second run on the same instance when determinism is checked) by the first property
 * that needs it, and read back by the others. Keyed by the case's JSON, so fast-check's replay of the
 * same cases (same seed) costs nothing, and a case's verdicts are the same for every property — even for
 * a nondeterministic strategy.
 */

import type { RunScope } from '../../core/run-scope.js';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import { resolveScitConfig } from '../../entities/scit/config.js';
import {
  type CaseRun,
  type DecisionRecord,
  type ProgressRule,
  runCase,
  type SpecProperty,
} from './case-run.js';
import type { CheckHeartbeat } from './check-progress.js';
import type { ScitCase } from './spec-arbitrary.js';

/** One simulated case. */
export interface CaseEntry {
  run?: CaseRun;
  /** Why there is no run: the strategy could not be constructed. */
  constructError?: string;
  /** `null`: deterministic; a string: how it is not; `undefined`: not checked. */
  determinism?: string | null;
  /** The case is in the configurations the strategy claims to be live in. */
  live: boolean;
  noOffline: boolean;
}

/** A property's violation in one case. */
export interface PropertyViolation {
  message: string;
  decisions?: number;
  trace?: DecisionRecord[];
}

/** Where simulation time went: one record per case simulated through the cache. */
export interface SimulationRecord {
  key: string;
  /** The property being checked when the case was first needed. */
  stage: SpecProperty;
  millis: number;
  determinismMillis: number;
}

export interface SharedRunSettings {
  /** Where each case's simulation is begun and its strategy resolved (as in a production run). */
  scope: RunScope;
  /** Told the strategy's own name once its first instance exists. */
  onNamed?: (name: string) => void;
  /** Name for messages until an instance exists. */
  fallbackName?: string;
  preservesRedundancy: boolean;
  progress?: ProgressRule;
  liveWhen?: (config: ResolvedScitConfig) => boolean;
  checkDeterminism: boolean;
  maxDecisions: number;
  heartbeat?: CheckHeartbeat;
  clock?: () => number;
}

/** At least one VM is offline (the liveness condition of the conventional strategy). */
export function hasOfflineVm(config: ResolvedScitConfig): boolean {
  return config.layout.some((host) => host.some((slot) => slot.state !== 'active'));
}

/** Compares two runs' decision codes (time, VM, spare or -1); undefined when equal. */
function compareDecisions(first: CaseRun, second: CaseRun): string | undefined {
  const a = first.codes ?? [];
  const b = second.codes ?? [];
  const show = (codes: number[], i: number) => (codes[i + 2] >= 0 ? `spare ${codes[i + 2]}` : 'wait');
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 3) {
    if (a[i] === b[i] && a[i + 1] === b[i + 1] && a[i + 2] === b[i + 2]) continue;
    const sameRequest = a[i] === b[i] && a[i + 1] === b[i + 1];
    return (
      `the same case run twice gave different decisions: decision #${i / 3 + 1} ` +
      `(t=${a[i]}s, VM ${a[i + 1]}) was ${show(a, i)} the first time and ` +
      `${sameRequest ? show(b, i) : `t=${b[i]}s, VM ${b[i + 1]}, ${show(b, i)}`} the second`
    );
  }
  if (a.length === b.length) return undefined;
  const failure =
    second.violations['valid-decision'] ??
    first.violations['valid-decision'] ??
    second.violations.purity ??
    first.violations.purity;
  return (
    `the same case run twice gave ${a.length / 3} decisions the first time and ${b.length / 3} the second` +
    (failure ? ` (${failure.message})` : '')
  );
}

const NONDETERMINISM_HINT =
  ' — hidden randomness (Math.random, the clock) or state kept between runs (module-level, static)? ' + // allow-wallclock: names them in a message
  'Each run gets a fresh instance, as in production: draw only from the `random` stream passed to choose ' +
  "or from named streams of the run's simulation, and keep nothing outside the instance";

export class SharedRuns {
  /** The property being checked (recorded with each simulation). */
  stage: SpecProperty = 'valid-decision';
  readonly simulations: SimulationRecord[] = [];
  private readonly cache = new Map<string, CaseEntry>();
  private name: string | undefined;

  constructor(private readonly settings: SharedRunSettings) {}

  /** The strategy's own name once an instance exists, else the fallback. */
  get strategyName(): string | undefined {
    return this.name ?? this.settings.fallbackName;
  }

  /** The case's entry, simulated now if no property needed it before. */
  entry(scitCase: ScitCase): CaseEntry {
    const key = JSON.stringify(scitCase);
    let entry = this.cache.get(key);
    if (entry === undefined) {
      this.settings.heartbeat?.caseStarted(key);
      entry = this.simulate(scitCase, key);
      this.cache.set(key, entry);
    }
    return entry;
  }

  /** The entry of a case already simulated (by its JSON), if any. */
  find(key: string): CaseEntry | undefined {
    return this.cache.get(key);
  }

  /** The case simulated again, fresh (not cached, not recorded): does a counterexample reproduce? */
  fresh(scitCase: ScitCase): CaseEntry {
    this.settings.heartbeat?.caseStarted(JSON.stringify(scitCase));
    return this.simulate(scitCase, undefined);
  }

  /** The property's violation in `entry`, or undefined when it holds (or does not apply). */
  violation(property: SpecProperty, entry: CaseEntry): PropertyViolation | undefined {
    // No run to read: every property fails on it (none holds for a case it could not check).
    if (entry.constructError !== undefined) return { message: entry.constructError, decisions: 0, trace: [] };
    const run = entry.run as CaseRun;
    switch (property) {
      case 'determinism':
        return entry.determinism ? { message: entry.determinism } : undefined;
      case 'liveness':
        return entry.live ? run.violations.liveness : undefined;
      case 'starvation-detection':
        if (!entry.noOffline || run.aborted || run.starvation !== undefined) return undefined;
        return {
          message: `a configuration with no offline VM ran to t=${run.stats.endTimeSeconds}s without a starvation report`,
        };
      default:
        return run.violations[property];
    }
  }

  /** Simulates a case (and its determinism re-run) with fresh instances; records the time when `key`. */
  private simulate(scitCase: ScitCase, key: string | undefined): CaseEntry {
    const s = this.settings;
    const now = () => s.clock?.() ?? 0;
    const t0 = now();
    const config = resolveScitConfig(scitCase.config);
    const live = s.liveWhen?.(config) ?? false;
    const noOffline = !hasOfflineVm(config);
    const outcome = runCase(scitCase, s.scope, {
      preservesRedundancy: s.preservesRedundancy,
      progress: s.progress,
      live,
      recordCodes: s.checkDeterminism,
      maxDecisions: s.maxDecisions,
      onConstructed: (strategy) => {
        if (this.name !== undefined) return;
        this.name = String(strategy.name);
        s.onNamed?.(this.name);
      },
    });
    if ('constructError' in outcome) {
      const name = this.strategyName;
      const which = name === undefined ? 'the strategy' : `the strategy "${name}"`;
      return {
        constructError: `${which} could not be constructed: ${outcome.constructError}`,
        live,
        noOffline,
      };
    }
    const run = outcome.run;
    const entry: CaseEntry = { run, live, noOffline };
    const t1 = now();
    if (s.checkDeterminism) {
      // Again with a fresh instance in a fresh simulation of the same seed, as a production run would
      // be: hidden randomness and state kept outside the instance both show.
      const again = runCase(scitCase, s.scope, {
        checks: false,
        preservesRedundancy: s.preservesRedundancy,
        recordCodes: true,
        maxDecisions: s.maxDecisions,
      });
      const difference =
        'constructError' in again
          ? `the strategy could not be constructed the second time: ${again.constructError}`
          : compareDecisions(run, again.run);
      entry.determinism =
        difference === undefined
          ? null
          : `rotation strategy "${this.strategyName}": ${difference}${NONDETERMINISM_HINT}`;
      run.codes = undefined;
    }
    if (key !== undefined)
      this.simulations.push({ key, stage: this.stage, millis: t1 - t0, determinismMillis: now() - t1 });
    return entry;
  }
}
