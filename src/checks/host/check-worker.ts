/**
 * The worker-thread side of `scitsim check` (started by `checkStrategyModule` through
 * `bin/check-worker.mjs`; compiled, in a clone too: scripts/sources-build.mjs): loads the strategy
 * class — a built-in by name, or a researcher's module by path — binds it with
 * `container.rebind(ROTATION_STRATEGY)`, runs the spec checker with a heartbeat in the shared buffer,
 * and posts the report back. A configuration or load problem — a constructor that throws included —
 * is posted as such (the command exits 2); nothing else is printed here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Container, Newable } from 'inversify';
import { ConfigError } from '../../core/errors.js';
import { RunScope } from '../../core/run-scope.js';
import { watched, withWatch } from '../../core/watch.js';
import {
  ROTATION_STRATEGY,
  type RotationStrategy,
  resolveRotationStrategy,
} from '../../entities/scit/rotation-strategy.js';
import { HeartbeatWriter } from '../../parallel/heartbeat.js';
import { rotationStrategyClass } from '../../policies/scit/module.js';
import { buildFailure, createRunContainer } from '../../runs/container.js';
import { loadStrategyClass } from '../../runs/plugins.js';
import type { CheckHeartbeat } from '../rotation/check-progress.js';
import {
  checkRotationInvariants,
  SPEC_PROPERTIES,
  type SpecCheckOptions,
  type SpecProperty,
} from '../rotation/spec-checker.js';

/** Where the strategy class comes from. */
export type StrategySource = { file: string; exportName?: string } | { builtin: string };

/** What the host sends. */
export interface SpecWorkerData {
  task: string;
  source: StrategySource;
  options: Omit<SpecCheckOptions, 'clock' | 'heartbeat' | 'onNamed'>;
  buffer: SharedArrayBuffer;
}

/** What the worker posts. */
export type SpecWorkerMessage =
  | { type: 'named'; name: string }
  | { type: 'report'; report: ReturnType<typeof checkRotationInvariants> }
  | { type: 'config-error'; field: string; value: unknown; message: string }
  | { type: 'error'; message: string; stack?: string };

async function loadClass(source: StrategySource): Promise<Newable<RotationStrategy>> {
  if ('builtin' in source) return rotationStrategyClass(source.builtin, 'strategy');
  return loadStrategyClass(source.file, source.exportName);
}

/**
 * Builds the strategy once before any case, in a run scope as a run does: a constructor that throws
 * (or cannot be injected) is a load error — one line, the command's exit code 2, as for every other
 * command — not a failure of each property while the others pass without having run.
 */
function buildOnce(container: Container, className: string): void {
  const scope = new RunScope(container);
  scope.begin({ seed: 1 });
  try {
    // Watched under the class's name: a constructor that never returns is reported by it.
    watched('constructor', className, () => resolveRotationStrategy(scope));
  } catch (error) {
    throw new ConfigError('strategy', className, `cannot build it: ${buildFailure(error)}`);
  }
}

async function main(data: SpecWorkerData, post: (message: SpecWorkerMessage) => void): Promise<void> {
  const heartbeat = new HeartbeatWriter(data.buffer);
  // What the check tells besides decisions: the case (the context a report of a hang prints), progress.
  const checkHeartbeat: CheckHeartbeat = {
    caseStarted: (caseJson) => heartbeat.context(caseJson),
    progress: (stage, done, total) =>
      heartbeat.progress(done, total, Math.max(0, SPEC_PROPERTIES.indexOf(stage as SpecProperty))),
  };
  try {
    // Loading the module, constructing the strategy and every decision are told to the watchdog.
    await withWatch(heartbeat, async () => {
      const strategyClass = await loadClass(data.source);
      const container = createRunContainer();
      container.rebind(ROTATION_STRATEGY).to(strategyClass);
      buildOnce(container, strategyClass.name);
      const report = checkRotationInvariants(container, {
        ...data.options,
        strategyName: 'builtin' in data.source ? data.source.builtin : strategyClass.name,
        clock: () => performance.now(), // allow-wallclock: timings of the report
        heartbeat: checkHeartbeat,
        onNamed: (name) => post({ type: 'named', name }),
      });
      post({ type: 'report', report });
    });
  } catch (error) {
    if (error instanceof ConfigError)
      post({
        type: 'config-error',
        field: error.field,
        value: cloneable(error.value),
        message: error.message,
      });
    else
      post({
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? error.stack : undefined,
      });
  }
}

function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return String(value);
  }
}

if (parentPort !== null && (workerData as Partial<SpecWorkerData> | undefined)?.task !== undefined) {
  const port = parentPort;
  await main(workerData as SpecWorkerData, (message) => port.postMessage(message));
}
