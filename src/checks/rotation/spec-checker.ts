/**
 * The SCIT spec checker: a reusable fast-check contract suite that any rotation strategy can be run
 * through (`checkRotationInvariants` here, in the calling thread; `scitsim check` runs the same suite in
 * a worker thread with a watchdog).
 *
 * Cases: the fixed cases first (the paper's system, its Figure 7 decision, boundary systems; see
 * `fixedScitCases`), then generated ones (see `scitCaseArbitrary`). Each case is simulated once with a
 * fresh strategy instance, and every property is checked on that run:
 * - `valid-decision`: `{kind: 'switch', spare}` with the integer id of a live spare, or `{kind: 'wait',
 *   reason}`; anything else — and any exception from `choose` or the constructor — fails;
 * - `purity`: `choose` leaves the request and the view unchanged;
 * - `determinism`: the same case run again on the same instance gives the same decisions (catches
 *   hidden randomness and state kept between runs);
 * - `conservation`, `table`, `minimum`, and `redundancy` (claimed by default): see `InvariantTracker`;
 * - `progress` (claimed): no wait while a qualifying spare exists — one that keeps every target when
 *   redundancy is claimed, else any live spare;
 * - `liveness` (claimed, with the configurations it holds in): no VM waits beyond the FIFO bound
 *   (k + 1)·(G + C) of the k-th VM in line, no starvation report, so no service starves;
 * - `starvation-detection`: a configuration with no offline VM is reported by the controller, not hung on.
 *
 * Then each property is its own `fc.check` over the same cases (same seed: the runs are reused), so a
 * failure is shrunk to a small counterexample of that property and reported with `{ seed, path }`;
 * `{ seed, path }` replays exactly that case.
 */

import fc from 'fast-check';
import { Container } from 'inversify';
import { ConfigError } from '../../core/errors.js';
import { RunScope } from '../../core/run-scope.js';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import type { RotationStrategy } from '../../entities/scit/rotation-strategy.js';
import type { NameOrClass } from '../../policies/registry.js';
import type { RotationStrategyName } from '../../policies/scit/module.js';
import { createRunContainer } from '../../runs/container.js';
import { type DecisionRecord, describeError, type ProgressRule, type SpecProperty } from './case-run.js';
import type { CheckHeartbeat } from './check-progress.js';
import { CoverageCollector, type SpecCoverage } from './coverage.js';
import { type CaseEntry, hasOfflineVm, SharedRuns } from './shared-runs.js';
import { fixedScitCases, type ScitCase, scitCaseArbitrary } from './spec-arbitrary.js';
import { type LiveCondition, SPEC_CHECK_LIMITS } from './spec-limits.js';

export type { DecisionRecord, SpecProperty } from './case-run.js';
export type { CheckHeartbeat } from './check-progress.js';
export type { SpecCoverage } from './coverage.js';
/** Liveness condition of `ConventionalRotation`: at least one VM is offline. */
export { hasOfflineVm } from './shared-runs.js';
export type { LiveCondition } from './spec-limits.js';
export { SPEC_CHECK_LIMITS } from './spec-limits.js';

/** Liveness condition of `ReserveAwareRotation`: every host starts with an offline VM. */
export function everyHostHasOfflineVm(config: ResolvedScitConfig): boolean {
  return config.layout.every((host) => host.some((slot) => slot.state !== 'active'));
}

export const LIVE_CONDITIONS: Readonly<Record<LiveCondition, (config: ResolvedScitConfig) => boolean>> = {
  'any-offline': hasOfflineVm,
  'every-host-offline': everyHostHasOfflineVm,
};

/** Claims with a named liveness condition only: what crosses a thread or a command line. */
export interface NamedClaims {
  preservesRedundancy?: boolean;
  progress?: boolean;
  liveWhen?: LiveCondition;
}

/** What a strategy claims, i.e. what the checker holds it to. */
export interface RotationClaims {
  /** L_s ≥ T_s at every instant, given an initial layout that meets the targets. Default true. */
  preservesRedundancy?: boolean;
  /** Never waits while a qualifying spare exists (see the module comment). Default false. */
  progress?: boolean;
  /** Configurations in which no VM waits forever and no service starves. Omitted: no liveness claim. */
  liveWhen?: LiveCondition | ((config: ResolvedScitConfig) => boolean);
}

/**
 * What the built-in strategies claim (and pass): conventional waits only when there is no live spare
 * and is live with any offline VM, but does not preserve redundancy; redundancy-preserving (the
 * paper's) preserves redundancy and never waits while a spare keeps every target, but can starve;
 * reserve-aware preserves redundancy and is live when every host starts with an offline VM, but may
 * wait while a target-keeping spare exists (it keeps a reserve on each host); outage-aware and
 * look-ahead (which reads the view's times) claim what the paper's strategy claims.
 */
export const BUILTIN_CLAIMS: Readonly<Record<RotationStrategyName, NamedClaims>> = {
  conventional: { preservesRedundancy: false, progress: true, liveWhen: 'any-offline' },
  'redundancy-preserving': { preservesRedundancy: true, progress: true },
  'reserve-aware': { preservesRedundancy: true, liveWhen: 'every-host-offline' },
  'outage-aware': { preservesRedundancy: true, progress: true },
  'look-ahead': { preservesRedundancy: true, progress: true },
};

/** Every property, in report order. */
export const SPEC_PROPERTIES: readonly SpecProperty[] = [
  'valid-decision',
  'purity',
  'determinism',
  'conservation',
  'table',
  'redundancy',
  'minimum',
  'progress',
  'liveness',
  'starvation-detection',
];

export interface SpecCheckOptions {
  claims?: RotationClaims;
  /** Cases per property, the fixed cases first (default 100). */
  numRuns?: number;
  /** fast-check seed, a 32-bit signed integer (default: fast-check picks one; every report prints it). */
  seed?: number;
  /** Replays the one case at this fast-check path (with `seed`): what a failure prints. */
  path?: string;
  /** Cases of one to seven simulated days each. */
  long?: boolean;
  /** Only these properties (of those claimed). Default: all that are claimed. */
  properties?: readonly SpecProperty[];
  /** Shrink counterexamples (default true). */
  shrink?: boolean;
  /** Decisions after which a case stops (default 20,000; 200,000 with `long`). */
  maxDecisionsPerCase?: number;
  /** Name for messages when the strategy cannot even be constructed. */
  strategyName?: string;
  /** Told the strategy's own name once its first instance exists. */
  onNamed?: (name: string) => void;
  /** A clock in milliseconds, for the timings of the report only (none: no timings). */
  clock?: () => number;
  /** Told when a case starts and as cases complete, for a watchdog and progress in another thread (decisions and constructions are told to the current watch, `core/watch.ts`). */
  heartbeat?: CheckHeartbeat;
}

/** Outcome of one property. */
export interface PropertyOutcome {
  property: SpecProperty;
  ok: boolean;
  /** Cases run before the verdict (the fixed cases included). */
  numRuns: number;
  /** fast-check seed and shrink path: pass them back as `{ seed, path }` to replay. */
  seed: number;
  path?: string;
  /** The (shrunk) failing case, what was violated, and the decisions up to it. */
  counterexample?: ScitCase;
  violation?: string;
  /** Decisions made in the counterexample up to the violation. */
  decisions?: number;
  trace?: DecisionRecord[];
  shrinks?: number;
  /**
   * Whether replaying the counterexample alone fails the property again: in a fresh worker thread (its
   * replay command, what `scitsim check` and `checkStrategyModule` do), or with a fresh instance in
   * this thread (`checkRotationInvariants`); see {@link replayedIn}.
   */
  reproducible?: boolean;
  /** Where {@link reproducible} was found: alone in a fresh process, or in the checking thread. */
  replayedIn?: 'fresh-process' | 'this-thread';
  /**
   * The failure reproduced in the checking thread after the earlier cases but not alone in a fresh
   * process: it needs state those cases left (module-level or static state of the strategy).
   */
  needsEarlierCases?: boolean;
  /** Wall time of this property's own check (its shrinking, its re-runs), when a clock was given. */
  seconds?: number;
  /** fast-check's report (includes seed and path). */
  report?: string;
}

export interface SpecCheckReport {
  strategy: string;
  ok: boolean;
  seed: number;
  /** Set when one case was replayed. */
  path?: string;
  numRuns: number;
  long: boolean;
  claims: { preservesRedundancy: boolean; progress: boolean; liveWhen?: string };
  outcomes: PropertyOutcome[];
  /** Properties left out because the strategy does not claim them. */
  notClaimed: SpecProperty[];
  coverage?: SpecCoverage;
  /** Seconds: simulating the cases (shared by all properties), the determinism re-runs, and the whole. */
  timings?: { simulateSeconds: number; determinismSeconds: number; totalSeconds: number };
  warnings: string[];
}

const PATH_PATTERN = /^\d+(:\d+)*$/;

function validateOptions(options: SpecCheckOptions): void {
  const { numRuns, seed, path, maxDecisionsPerCase, properties, claims } = options;
  const maxRuns = options.long ? SPEC_CHECK_LIMITS.maxLongRuns : SPEC_CHECK_LIMITS.maxRuns;
  if (numRuns !== undefined && (!Number.isInteger(numRuns) || numRuns < 1 || numRuns > maxRuns))
    throw new ConfigError(
      'numRuns',
      numRuns,
      `must be a whole number between 1 and ${maxRuns}${options.long ? ' (with long)' : ''}`,
    );
  if (seed !== undefined && (!Number.isInteger(seed) || seed < -(2 ** 31) || seed > 2 ** 31 - 1))
    throw new ConfigError('seed', seed, 'must be a 32-bit signed integer (-2147483648 to 2147483647)');
  if (path !== undefined) {
    if (typeof path !== 'string' || !PATH_PATTERN.test(path))
      throw new ConfigError('path', path, 'must be numbers separated by colons, as printed (e.g. "12:0:3")');
    if (seed === undefined) throw new ConfigError('path', path, 'needs the seed it was printed with');
    const first = Number(path.split(':')[0]);
    const cases = numRuns ?? 100;
    if (first >= cases)
      throw new ConfigError(
        'path',
        path,
        `names case ${first}, but a check of ${cases} cases (numRuns, --runs) has cases 0–${cases - 1}: ` +
          'give the path and the number of cases it was printed with',
      );
  }
  if (
    maxDecisionsPerCase !== undefined &&
    (!Number.isInteger(maxDecisionsPerCase) ||
      maxDecisionsPerCase < 1 ||
      maxDecisionsPerCase > SPEC_CHECK_LIMITS.maxDecisionsPerCase)
  )
    throw new ConfigError(
      'maxDecisionsPerCase',
      maxDecisionsPerCase,
      `must be a whole number between 1 and ${SPEC_CHECK_LIMITS.maxDecisionsPerCase}`,
    );
  for (const p of properties ?? [])
    if (!SPEC_PROPERTIES.includes(p))
      throw new ConfigError(
        'properties',
        p,
        `unknown property; valid values are: ${SPEC_PROPERTIES.join(', ')}`,
      );
  const live = claims?.liveWhen;
  if (typeof live === 'string' && !(live in LIVE_CONDITIONS))
    throw new ConfigError(
      'claims.liveWhen',
      live,
      `unknown condition; valid values are: ${Object.keys(LIVE_CONDITIONS).join(', ')}`,
    );
}

/**
 * What the checker checks: a container whose `ROTATION_STRATEGY` is the strategy (as a production run
 * would use it, with every other binding of that container), or a strategy class or built-in name
 * (bound in a container from `createRunContainer`, the composition root every run uses).
 */
export type StrategyUnderCheck = Container | NameOrClass<RotationStrategy>;

/** The run scope the check's cases are built in: the same kind of scope a production run uses. */
function checkScope(strategy: StrategyUnderCheck): RunScope {
  if (strategy instanceof Container) return new RunScope(strategy);
  return new RunScope(createRunContainer({ rotation: strategy }));
}

/**
 * Runs the strategy through every claimed property and returns a report; it never throws for a failing
 * property (see {@link assertRotationInvariants}). Each case is built as a production run is: its
 * simulation begun in a run scope of the container, a fresh strategy instance resolved there.
 * Bad options throw a `ConfigError`.
 */
export function checkRotationInvariants(
  strategy: StrategyUnderCheck,
  options: SpecCheckOptions = {},
): SpecCheckReport {
  validateOptions(options);
  const clock = options.clock;
  const started = clock?.() ?? 0;
  const claims = options.claims ?? {};
  const preservesRedundancy = claims.preservesRedundancy ?? true;
  const progress: ProgressRule | undefined = claims.progress
    ? preservesRedundancy
      ? 'keeps-targets'
      : 'any-spare'
    : undefined;
  const liveWhen = typeof claims.liveWhen === 'string' ? LIVE_CONDITIONS[claims.liveWhen] : claims.liveWhen;
  const long = options.long ?? false;
  const numRuns = options.numRuns ?? 100;
  const shrink = options.shrink ?? true;
  const heartbeat = options.heartbeat;
  const maxDecisions =
    options.maxDecisionsPerCase ??
    (long ? SPEC_CHECK_LIMITS.longDecisionsPerCase : SPEC_CHECK_LIMITS.decisionsPerCase);

  const claimed = new Set<SpecProperty>(SPEC_PROPERTIES);
  if (!preservesRedundancy) claimed.delete('redundancy');
  if (progress === undefined) claimed.delete('progress');
  if (liveWhen === undefined) claimed.delete('liveness');
  const notClaimed = SPEC_PROPERTIES.filter((p) => !claimed.has(p));
  const selected = options.properties === undefined ? undefined : new Set(options.properties);
  const wanted = SPEC_PROPERTIES.filter((p) => claimed.has(p) && (selected === undefined || selected.has(p)));
  if (wanted.length === 0)
    throw new ConfigError(
      'properties',
      options.properties,
      `none of them is claimed (not claimed: ${notClaimed.join(', ') || 'none'})`,
    );

  const runs = new SharedRuns({
    scope: checkScope(strategy),
    onNamed: options.onNamed,
    fallbackName: options.strategyName,
    preservesRedundancy,
    progress,
    liveWhen,
    checkDeterminism: wanted.includes('determinism'),
    maxDecisions,
    heartbeat,
    clock,
  });

  const arbitrary = scitCaseArbitrary({ long });
  const fixed = fixedScitCases({ long });
  const examples = fixed.map((c): [ScitCase] => [c]);
  const outcomes: PropertyOutcome[] = [];
  let seed = options.seed;

  const outcomeFor = (
    property: SpecProperty,
    counterexample: ScitCase,
    entry: CaseEntry,
    base: Omit<PropertyOutcome, 'property' | 'ok'>,
  ): PropertyOutcome => {
    const violation = runs.violation(property, entry);
    // Run the counterexample again, fresh: does it fail the same way?
    const again = runs.violation(property, runs.fresh(counterexample));
    return {
      property,
      ok: false,
      ...base,
      counterexample,
      violation:
        violation?.message ?? 'the case failed when it was checked, but not when its result was read back',
      decisions: violation?.decisions,
      trace: violation?.trace,
      reproducible: again !== undefined,
      replayedIn: 'this-thread',
    };
  };

  /** The cases of the check (the fixed ones, then the generated ones), as cache keys. */
  let sequence: string[];
  if (options.path !== undefined) {
    // Replay: exactly the case at `path` (fast-check walks the same generation and shrink tree).
    let scitCase: ScitCase | undefined;
    let problem = 'no such case';
    try {
      [scitCase] = fc.sample(arbitrary, { seed, path: options.path, numRuns: 1, examples: fixed });
    } catch (error) {
      problem = describeError(error);
    }
    if (scitCase === undefined)
      throw new ConfigError('path', options.path, `does not name a case of seed ${seed}: ${problem}`);
    sequence = [JSON.stringify(scitCase)];
    for (const property of wanted) {
      runs.stage = property;
      const t = clock?.() ?? 0;
      const entry = runs.entry(scitCase);
      const base = { numRuns: 1, seed: seed as number, path: options.path };
      const failed = runs.violation(property, entry) !== undefined;
      const outcome = failed ? outcomeFor(property, scitCase, entry, base) : { property, ok: true, ...base };
      if (clock) outcome.seconds = (clock() - t) / 1000;
      outcomes.push(outcome);
    }
  } else {
    // Each property is its own fc.check over the same cases (same seed): a case is simulated once, by
    // the first property that needs it, and read back by the others; shrinking simulates new cases.
    const total = Math.max(numRuns, 1);
    for (const property of wanted) {
      runs.stage = property;
      const start = clock?.() ?? 0;
      let checked = 0;
      const details = fc.check(
        fc.property(arbitrary, (c) => {
          heartbeat?.progress(property, ++checked, total);
          return runs.violation(property, runs.entry(c)) === undefined;
        }),
        { numRuns, examples, endOnFailure: !shrink, ...(seed === undefined ? {} : { seed }) },
      );
      seed = details.seed;
      const base = {
        numRuns: details.numRuns,
        seed,
        path: details.counterexamplePath ?? undefined,
        shrinks: details.numShrinks,
      };
      const counterexample = details.failed ? details.counterexample?.[0] : undefined;
      const outcome: PropertyOutcome =
        counterexample === undefined
          ? { property, ok: true, ...base, path: undefined, shrinks: undefined }
          : {
              ...outcomeFor(property, counterexample, runs.entry(counterexample), base),
              report: fc.defaultReportMessage(details),
            };
      if (clock) outcome.seconds = (clock() - start) / 1000;
      outcomes.push(outcome);
    }
    sequence =
      seed === undefined
        ? []
        : fc.sample(arbitrary, { seed, numRuns, examples: fixed }).map((c) => JSON.stringify(c));
  }

  // Coverage: the check's own cases that were simulated (all of them unless every property failed early).
  const coverage = new CoverageCollector();
  const inSequence = new Set(sequence);
  for (const key of sequence) {
    const run = runs.find(key)?.run;
    if (run !== undefined) coverage.add(run.stats);
  }
  // Time: simulating the check's own cases is shared by every property; the rest (reading results,
  // simulating shrunk cases) belongs to the property that did it.
  let simulateMillis = 0;
  let determinismMillis = 0;
  for (const s of runs.simulations) {
    determinismMillis += s.determinismMillis;
    if (!inSequence.has(s.key)) continue;
    simulateMillis += s.millis;
    const outcome = outcomes.find((o) => o.property === s.stage);
    if (outcome?.seconds !== undefined) outcome.seconds -= (s.millis + s.determinismMillis) / 1000;
  }
  const determinism = outcomes.find((o) => o.property === 'determinism');
  if (determinism?.seconds !== undefined)
    for (const s of runs.simulations)
      if (inSequence.has(s.key)) determinism.seconds += s.determinismMillis / 1000;
  const aborted = [...inSequence].filter((key) => runs.find(key)?.run?.aborted === true).length;

  const cov = coverage.result();
  const warnings: string[] = [];
  if (cov.decisions > 0 && cov.switches === 0)
    warnings.push(
      `the strategy never switched: it waited in all ${cov.decisions} decisions (claim progress or liveness to have that checked)`,
    );
  if (aborted > 0 && !wanted.includes('valid-decision') && !wanted.includes('purity'))
    warnings.push(
      `${aborted} case(s) stopped early at an invalid decision, an exception or a write to the read-only ` +
        'view or request: valid-decision and purity were not checked',
    );
  if (options.path === undefined && cov.cases >= 20 && cov.casesWithRiskyDecision < cov.cases / 2)
    warnings.push(
      `only ${cov.casesWithRiskyDecision} of ${cov.cases} cases reached a decision where some spare would break a target`,
    );
  warnings.push(...reproducibilityWarnings(outcomes));
  const report: SpecCheckReport = {
    strategy: runs.strategyName ?? 'strategy',
    ok: outcomes.every((o) => o.ok),
    seed: seed as number,
    ...(options.path === undefined ? {} : { path: options.path }),
    numRuns,
    long,
    claims: {
      preservesRedundancy,
      progress: progress !== undefined,
      ...(claims.liveWhen === undefined
        ? {}
        : { liveWhen: typeof claims.liveWhen === 'string' ? claims.liveWhen : 'custom' }),
    },
    outcomes,
    notClaimed,
    coverage: cov,
    warnings,
  };
  if (clock)
    report.timings = {
      simulateSeconds: simulateMillis / 1000,
      determinismSeconds: determinismMillis / 1000,
      totalSeconds: (clock() - started) / 1000,
    };
  return report;
}

/** What the report says of counterexamples that did not fail again when replayed alone. */
export function reproducibilityWarnings(outcomes: readonly PropertyOutcome[]): string[] {
  const determinismFailed = outcomes.some((x) => x.property === 'determinism' && !x.ok);
  return outcomes
    .filter((o) => !o.ok && o.reproducible === false)
    .map((o) =>
      o.needsEarlierCases
        ? `the ${o.property} counterexample does not fail when replayed alone in a fresh process, only after ` +
          'the earlier cases of the check: the strategy keeps state between runs (module-level or static)'
        : `the ${o.property} counterexample did not fail again when replayed alone ` +
          `(${o.replayedIn === 'fresh-process' ? 'in a fresh process' : 'with a fresh instance'}): the strategy is not deterministic` +
          (determinismFailed ? ' (see determinism)' : ''),
    );
}

/** Like {@link checkRotationInvariants}, but throws with every failing property's report (seed, path, case). */
export function assertRotationInvariants(strategy: StrategyUnderCheck, options: SpecCheckOptions = {}): void {
  const report = checkRotationInvariants(strategy, options);
  if (report.ok) return;
  const failures = report.outcomes
    .filter((o) => !o.ok)
    .map((o) => `${o.property}: ${o.violation}\n${o.report ?? `{ seed: ${o.seed}, path: "${o.path}" }`}`)
    .join('\n\n');
  throw new Error(`rotation strategy "${report.strategy}" breaks its spec:\n${failures}`);
}
