/**
 * The work of one sweep task, in a worker thread: one cell, one strategy, a range of seeds → one row of
 * metrics per seed. A worker prepares each cell once (validation, container, placement) and keeps it
 * for the cell's other tasks.
 *
 * Watchdog: every decision of the strategy is announced in the task's shared `heartbeat` before the
 * strategy is called (decision count, "inside choose", the request), so the main thread can tell a
 * strategy that never returns from a long run, and name the decision it hangs on.
 */
import { Container } from 'inversify';
import type { RandomStream } from '../../core/random.js';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import type { DistributionView } from '../../entities/scit/distribution-table.js';
import {
  ROTATION_STRATEGY,
  type RotationStrategy,
  type SpareDecision,
  type SwitchRequest,
} from '../../entities/scit/rotation-strategy.js';
import type { Vm } from '../../entities/vm.js';
import { RunScope } from '../container.js';
import { validateScenario } from '../scenario/load.js';
import { scenarioPolicies, scenarioScitConfig } from '../scenario/scit.js';
import { runMetricValues } from '../scit/metrics.js';
import { strategyContainers } from '../scit/paper-experiment.js';
import { placeScit } from '../scit/placement.js';
import { runScit } from '../scit/run.js';
import { cellDocument, gridParameters } from './grid.js';

/** One task: a cell, a strategy (index in the scenario's list) and seeds first … first + count − 1. */
export interface SweepTask {
  readonly scenarioFile: string;
  readonly document: Record<string, unknown>;
  readonly fingerprint: string;
  readonly cell: number;
  readonly strategy: number;
  readonly firstSeed: number;
  readonly seeds: number;
  /** Int32 slots {@link HEARTBEAT_SLOTS} then one Float64 (the decision's time); see the module doc. */
  readonly heartbeat?: SharedArrayBuffer;
}

/** The rows of a task: `seeds` rows of `columns` metric values, row after row. */
export interface SweepTaskResult {
  readonly columns: number;
  readonly values: Float64Array;
}

/** Int32 slots of a heartbeat: decisions so far, inside choose (0/1), VM, service, host, seed. */
export const HEARTBEAT_SLOTS = { decisions: 0, inside: 1, vm: 2, service: 3, host: 4, seed: 5 } as const;
/** Bytes of a heartbeat buffer: 8 Int32 slots, then the decision's time as a Float64. */
export const HEARTBEAT_BYTES = 8 * 4 + 8;

/** A prepared cell: its configuration, placement and one container per strategy. */
interface PreparedCell {
  readonly config: ResolvedScitConfig;
  readonly cloudVms: readonly Vm[];
  readonly strategies: readonly Container[];
  readonly attack: unknown;
  readonly cycles: number | undefined;
  readonly horizonSeconds: number | undefined;
}

/** Wraps a strategy so that each decision is announced in `heartbeat` (see the module doc). */
class WatchedStrategy implements RotationStrategy {
  constructor(
    private readonly inner: RotationStrategy,
    private readonly beat: Int32Array,
    private readonly time: Float64Array,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const beat = this.beat;
    beat[HEARTBEAT_SLOTS.vm] = request.vm;
    beat[HEARTBEAT_SLOTS.service] = request.service;
    beat[HEARTBEAT_SLOTS.host] = request.host;
    this.time[0] = request.nowSeconds;
    Atomics.add(beat, HEARTBEAT_SLOTS.decisions, 1);
    Atomics.store(beat, HEARTBEAT_SLOTS.inside, 1);
    const decision = this.inner.choose(request, view, random);
    Atomics.store(beat, HEARTBEAT_SLOTS.inside, 0);
    return decision;
  }
}

/** Runs sweep tasks, keeping the cells it has prepared (one per worker thread). */
export class SweepTaskRunner {
  private readonly cells = new Map<string, Promise<PreparedCell>>();

  /** Runs `task` and returns its rows. */
  async run(task: SweepTask): Promise<SweepTaskResult> {
    const cell = await this.prepared(task);
    let container = cell.strategies[task.strategy];
    let beat: Int32Array | undefined;
    if (task.heartbeat !== undefined) {
      beat = new Int32Array(task.heartbeat, 0, 8);
      const time = new Float64Array(task.heartbeat, 32, 1);
      const parent = container;
      const watchedBeat = beat;
      container = new Container({ parent });
      container
        .bind(ROTATION_STRATEGY)
        .toDynamicValue(() => new WatchedStrategy(parent.get(ROTATION_STRATEGY), watchedBeat, time));
    }
    const scope = new RunScope(container);
    let values: Float64Array | undefined;
    let columns = 0;
    for (let i = 0; i < task.seeds; i++) {
      const seed = task.firstSeed + i;
      if (beat !== undefined) beat[HEARTBEAT_SLOTS.seed] = seed;
      const result = runScit(scope, cell.config, {
        seed,
        maxCycles: cell.cycles,
        horizonSeconds: cell.horizonSeconds,
        cloudVms: cell.cloudVms,
        attack: cell.attack,
        keepExtraExposures: false,
      });
      const row = runMetricValues(result, cell.config.exposureSeconds);
      if (values === undefined) {
        columns = row.length;
        values = new Float64Array(columns * task.seeds);
      }
      values.set(row, i * columns);
    }
    return { columns, values: values ?? new Float64Array(0) };
  }

  private prepared(task: SweepTask): Promise<PreparedCell> {
    const key = `${task.fingerprint}:${task.cell}`;
    let cell = this.cells.get(key);
    if (cell === undefined) {
      if (this.cells.size >= 16) this.cells.delete(this.cells.keys().next().value as string);
      cell = prepareCell(task);
      this.cells.set(key, cell);
    }
    return cell;
  }
}

async function prepareCell(task: SweepTask): Promise<PreparedCell> {
  const parameters = gridParameters(task.document.sweep as Record<string, unknown[]>);
  const scenario = validateScenario(cellDocument(task.document, parameters, task.cell), task.scenarioFile);
  if (scenario.kind !== 'scit') throw new Error('sweep worker: not a scit scenario');
  const { container, strategies, attack } = await scenarioPolicies(scenario, task.scenarioFile);
  const placed = placeScit(container, scenarioScitConfig(scenario), { vmMips: scenario.requests.vmMips });
  return {
    config: placed.config,
    cloudVms: placed.vms,
    strategies: strategyContainers(container, strategies).map((s) => s.container),
    attack: attack ?? undefined,
    cycles: scenario.horizonSeconds === undefined ? (scenario.cycles ?? 30) : undefined,
    horizonSeconds: scenario.horizonSeconds,
  };
}
