/**
 * `checkStrategyModule`: the spec checker in a worker thread, under the project's one watchdog
 * (`src/parallel`). The worker runs `checkRotationInvariants` inside `withWatch` with a heartbeat
 * writer, so loading the module, every construction, every `choose` and the reading of its decision
 * are told as in every run; if one stays longer than its budget, the worker is terminated and the report
 * names the strategy, the phase, the decision it was asked for (VM, service, host, time) and the case —
 * in the same one line every command prints — instead of hanging.
 *
 * Wall-clock reads live here (the library never reads the clock).
 */

import { Worker } from 'node:worker_threads';
import { ConfigError } from '../../core/errors.js';
import { packageFileUrl, packageModuleUrl } from '../../core/package-files.js';
import { HeartbeatReader, heartbeatBuffer } from '../../parallel/heartbeat.js';
import { checkDecisionTimeout } from '../../parallel/run-watched.js';
import { type HangReport, hangMessage, watchWorker } from '../../parallel/watchdog.js';
import type { ScitCase } from '../rotation/spec-arbitrary.js';
import {
  type NamedClaims,
  reproducibilityWarnings,
  SPEC_PROPERTIES,
  type SpecCheckOptions,
  type SpecCheckReport,
  type SpecProperty,
} from '../rotation/spec-checker.js';
import { DEFAULT_CHECK_DECISION_TIMEOUT_SECONDS } from './check-defaults.js';
import type { SpecWorkerData, SpecWorkerMessage, StrategySource } from './check-worker.js';

/** Room in the heartbeat for the current case as JSON (what a report of a hang prints). */
const CASE_JSON_BYTES = 1 << 18;

export { DEFAULT_CHECK_DECISION_TIMEOUT_SECONDS } from './check-defaults.js';
export type { StrategySource } from './check-worker.js';
/** Default time loading the strategy's module may take, in seconds (at least the decision budget). */
export const DEFAULT_LOAD_TIMEOUT_SECONDS = 30;

/** Options of {@link checkStrategyModule}: those of the checker that cross a thread (claims by name). */
export interface ModuleCheckOptions
  extends Omit<SpecCheckOptions, 'clock' | 'heartbeat' | 'claims' | 'strategyName'> {
  claims?: NamedClaims;
  /** Seconds one `choose` (or one construction) may take (default {@link DEFAULT_CHECK_DECISION_TIMEOUT_SECONDS}). */
  decisionTimeoutSeconds?: number;
  /**
   * Seconds loading the module may take (it compiles the file and what it imports): default the larger
   * of the decision budget and {@link DEFAULT_LOAD_TIMEOUT_SECONDS}.
   */
  loadTimeoutSeconds?: number;
  /** Called about ten times a second with the check's progress. */
  onProgress?: (stage: string, done: number, total: number) => void;
}

/** A fast-check seed: any 32-bit signed integer. */
export function randomSeed(): number {
  return (Math.random() * 2 ** 32) | 0; // allow-wallclock: a fresh check seed, printed for replay (not the model's)
}

function taskUrl(): string {
  return packageModuleUrl('checks/host/check-worker');
}

function timeoutReport(
  source: StrategySource,
  name: string | undefined,
  options: ModuleCheckOptions,
  hang: HangReport,
  /** How the strategy failed: it hung (its budget ran out), or it took the worker down. */
  crash?: string,
): SpecCheckReport {
  let scitCase: ScitCase | undefined;
  try {
    scitCase = JSON.parse(hang.context) as ScitCase;
  } catch {
    scitCase = undefined;
  }
  const strategy = name ?? ('builtin' in source ? source.builtin : (source.exportName ?? source.file));
  const which = scitCase?.name === undefined ? 'a generated case' : `the fixed case "${scitCase.name}"`;
  const where =
    hang.phase === 'load' || scitCase === undefined // before any case (the strategy built once first)
      ? undefined
      : `${hang.phase === 'constructor' ? '' : `decision #${hang.decisions} of `}${which}, while checking ${SPEC_PROPERTIES[hang.stage] ?? SPEC_PROPERTIES[0]}`;
  let violation = hangMessage({ ...hang, context: '', seed: undefined }, { strategy, where });
  if (crash !== undefined)
    violation = violation.replace(/did not (return|finish) within [\d.]+ s/, `crashed the check (${crash})`);
  const claims = options.claims ?? {};
  const property: SpecProperty = 'decision-timeout';
  return {
    strategy,
    ok: false,
    seed: options.seed ?? 0,
    numRuns: options.numRuns ?? 100,
    long: options.long ?? false,
    claims: {
      preservesRedundancy: claims.preservesRedundancy ?? true,
      progress: claims.progress ?? false,
      ...(claims.liveWhen === undefined ? {} : { liveWhen: claims.liveWhen }),
    },
    outcomes: [
      {
        property,
        ok: false,
        numRuns: hang.done,
        seed: options.seed ?? 0,
        counterexample: scitCase,
        violation,
        decisions: hang.decisions,
      },
    ],
    notClaimed: [],
    warnings: [],
  };
}

/**
 * Runs the spec checker on a strategy class — `{ file, exportName }` (loaded with
 * `loadStrategyClass`) or `{ builtin: name }` — in a worker thread, and resolves with its report (a
 * `decision-timeout` failure if one `choose` exceeds the budget). Rejects with a `ConfigError` for bad
 * options or a module that cannot be loaded.
 */
export async function checkStrategyModule(
  source: StrategySource,
  options: ModuleCheckOptions = {},
): Promise<SpecCheckReport> {
  const report = await checkInWorker(source, options);
  if (options.path === undefined) await replayFailuresAlone(source, options, report);
  return report;
}

/**
 * Replays each failed property's counterexample alone, in a fresh worker, exactly as its printed
 * replay command does: `reproducible` says whether it fails there. A failure that reproduced in the
 * checking thread (after the earlier cases) but not alone needs state those cases left.
 */
async function replayFailuresAlone(
  source: StrategySource,
  options: ModuleCheckOptions,
  report: SpecCheckReport,
): Promise<void> {
  const before = new Set(reproducibilityWarnings(report.outcomes));
  for (const outcome of report.outcomes) {
    if (outcome.ok || outcome.path === undefined) continue;
    const replay = await checkInWorker(source, {
      ...options,
      seed: outcome.seed,
      path: outcome.path,
      properties: [outcome.property],
      onProgress: undefined,
    });
    const failedAlone = replay.outcomes.some((o) => o.property === outcome.property && !o.ok);
    const inThread = outcome.reproducible;
    outcome.reproducible = failedAlone;
    outcome.replayedIn = 'fresh-process';
    if (!failedAlone && inThread === true) outcome.needsEarlierCases = true;
  }
  report.warnings = [
    ...report.warnings.filter((w) => !before.has(w)),
    ...reproducibilityWarnings(report.outcomes),
  ];
}

function checkInWorker(source: StrategySource, options: ModuleCheckOptions): Promise<SpecCheckReport> {
  // Bad budgets throw here, which the async caller turns into a rejection.
  const budgetSeconds = checkDecisionTimeout(
    options.decisionTimeoutSeconds ?? DEFAULT_CHECK_DECISION_TIMEOUT_SECONDS,
  );
  if (options.loadTimeoutSeconds !== undefined)
    checkDecisionTimeout(options.loadTimeoutSeconds, 'loadTimeoutSeconds');
  const { decisionTimeoutSeconds: _budget, loadTimeoutSeconds: _load, onProgress, ...rest } = options;
  // The seed is chosen here when not given, so that every report (a timeout's too) can name it.
  const checkOptions = { ...rest, seed: rest.seed ?? randomSeed() };
  const buffer = heartbeatBuffer(CASE_JSON_BYTES);
  const reader = new HeartbeatReader(buffer);
  const data: SpecWorkerData = { task: taskUrl(), source, options: checkOptions, buffer };
  const worker = new Worker(packageFileUrl('bin/check-worker.mjs'), { workerData: data });
  // Loading a module compiles it and everything it imports: its own budget, never below the decision's.
  const loadSeconds = options.loadTimeoutSeconds ?? Math.max(budgetSeconds, DEFAULT_LOAD_TIMEOUT_SECONDS);
  const clockMillis = () => performance.now(); // allow-wallclock: the watchdog measures real time

  return new Promise<SpecCheckReport>((resolve, reject) => {
    let name: string | undefined;
    let settled = false;
    const progress =
      onProgress === undefined
        ? undefined
        : setInterval(() => {
            const pulse = reader.pulse();
            onProgress(SPEC_PROPERTIES[pulse.stage] ?? SPEC_PROPERTIES[0], pulse.done, pulse.total);
          }, 100);
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      stopWatching();
      if (progress !== undefined) clearInterval(progress);
      action();
    };
    const stopWatching = watchWorker(
      worker,
      reader,
      { budgetSeconds, loadBudgetSeconds: loadSeconds, clockMillis },
      (hang) => finish(() => resolve(timeoutReport(source, name, checkOptions, hang))),
    );
    worker.on('message', (message: SpecWorkerMessage) => {
      switch (message.type) {
        case 'named':
          name = message.name;
          break;
        case 'report':
          finish(() => resolve(message.report));
          break;
        case 'config-error': {
          const error = new ConfigError(message.field, message.value, '');
          error.message = message.message;
          finish(() => reject(error));
          break;
        }
        case 'error': {
          const error = new Error(`spec check failed in its worker: ${message.message}`);
          if (message.stack !== undefined) error.stack = message.stack;
          finish(() => reject(error));
          break;
        }
      }
    });
    worker.on('error', (error) => {
      const state = reader.read();
      if (state.phase !== 'idle') {
        // The strategy took the worker down (e.g. out of memory) inside its own code.
        const hang: HangReport = { ...state, phase: state.phase, budgetSeconds };
        finish(() => resolve(timeoutReport(source, name, checkOptions, hang, error.message)));
        return;
      }
      finish(() => reject(error));
    });
    worker.on('exit', (code) => {
      finish(() => reject(new Error(`the spec check's worker stopped (exit code ${code}) without a report`)));
    });
  });
}
