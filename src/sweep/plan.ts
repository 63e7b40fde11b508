/**
 * A sweep's plan: the scenario, its grid, every cell validated before any run, the strategies and
 * metric columns, and a fingerprint of everything that decides the results (the scenario, the files it
 * loads), so that shards of different sweeps are never merged. Cells run in whole units; a shard
 * `i/n` runs the cells whose index is `i` modulo `n`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigIssues, type Issue } from '../core/config-issues.js';
import { ConfigError } from '../core/errors.js';
import { resolveScitConfig } from '../entities/scit/config.js';
import { strategyContainers } from '../experiments/scit/paper-experiment.js';
import { ATTACK_MODEL } from '../policies/attacks/attack-model.js';
import { createRunContainer } from '../runs/container.js';
import { checkInputFile } from '../runs/input-files.js';
import { runMetricNames } from '../runs/metrics.js';
import { LIMITS } from '../runs/run-limits.js';
import { ScenarioError } from '../scenario/issues.js';
import {
  readScenarioDocument,
  resolvePluginRef,
  resolveStrategies,
  SCENARIO_PLUGIN_KINDS,
  validateScenario,
} from '../scenario/load.js';
import type { PluginRef, ScitScenario } from '../scenario/schema.js';
import { scenarioScitConfig } from '../scenario/scit.js';
import { cellCount, cellDocument, cellValues, type GridParameter, gridParameters } from './grid.js';

/** A shard of a sweep: the cells whose index is `index` modulo `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** What a sweep's files are made of: what a shard's manifest records for `merge`. */
export interface SweepShape {
  /** SHA-256 of the scenario and every file it loads. */
  readonly fingerprint: string;
  readonly parameters: readonly Pick<GridParameter, 'path' | 'values'>[];
  readonly cells: number;
  /** Strategy names, in the scenario's order (the same in every cell). */
  readonly strategies: readonly string[];
  readonly seeds: number;
  readonly firstSeed: number;
  /** Metric columns of every run (the same in every cell). */
  readonly metrics: readonly string[];
}

/** Everything a sweep runs, checked. */
export interface SweepPlan extends SweepShape {
  /** Absolute path of the scenario file (plugin files are relative to it). */
  readonly scenarioFile: string;
  /** The scenario document as written, with its `sweep`. */
  readonly document: Record<string, unknown>;
  readonly parameters: readonly GridParameter[];
}

/** The cells of `shard` (all cells without one), in index order. */
export function shardCells(plan: SweepShape, shard?: Shard): number[] {
  const cells: number[] = [];
  for (let c = 0; c < plan.cells; c++)
    if (shard === undefined || c % shard.count === shard.index) cells.push(c);
  return cells;
}

/** Parses `i/n` (0 ≤ i < n ≤ the cell limit); a usage error names the flag and the value. */
export function parseShard(text: string, field = '--shard'): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!match || !(count >= 1) || !(index < count))
    throw new ConfigError(field, text, 'must be i/n with 0 ≤ i < n (e.g. 0/4)');
  if (count > LIMITS.sweepCells.max)
    throw new ConfigError(
      field,
      text,
      `must have n ≤ ${LIMITS.sweepCells.max} (a shard runs whole cells, and a sweep has at most ${LIMITS.sweepCells.max})`,
    );
  return { index, count };
}

/** The shard that Slurm or a Kubernetes Indexed Job gives this process, if any. */
export function shardFromEnvironment(env: NodeJS.ProcessEnv): Shard | undefined {
  const slurm = env.SLURM_ARRAY_TASK_ID;
  if (slurm !== undefined && slurm !== '') {
    const count = env.SLURM_ARRAY_TASK_COUNT;
    const min = Number(env.SLURM_ARRAY_TASK_MIN ?? 0);
    if (count === undefined)
      throw new ConfigError('SLURM_ARRAY_TASK_COUNT', count, 'is needed with SLURM_ARRAY_TASK_ID');
    return parseShard(`${Number(slurm) - min}/${count}`, 'SLURM_ARRAY_TASK_ID');
  }
  const k8s = env.JOB_COMPLETION_INDEX;
  if (k8s !== undefined && k8s !== '') {
    const count = env.JOB_COMPLETION_COUNT ?? env.SCITSIM_SHARD_COUNT;
    if (count === undefined)
      throw new ConfigError(
        'JOB_COMPLETION_COUNT',
        count,
        'is needed with JOB_COMPLETION_INDEX (or SCITSIM_SHARD_COUNT)',
      );
    return parseShard(`${k8s}/${count}`, 'JOB_COMPLETION_INDEX');
  }
  return undefined;
}

/** Every `{file}` a scenario names (strategies, allocation, attack model). */
function pluginRefs(scenario: ScitScenario): PluginRef[] {
  const refs: PluginRef[] = [...scenario.strategies, scenario.allocation];
  if (scenario.attack !== null) refs.push(scenario.attack.model);
  return refs;
}

/**
 * Reads `file`, checks that it is a scit scenario with a `sweep`, and validates every cell before any
 * run: the schema, the SCIT configuration and the attack parameters. Every problem found is reported
 * at once, each named by the cell's sweep values.
 */
export async function planSweep(file: string): Promise<SweepPlan> {
  const scenarioFile = resolve(file);
  const document = await readScenarioDocument(scenarioFile);
  const base = validateScenario(document, file);
  if (base.kind !== 'scit')
    throw new ConfigError('kind', base.kind, 'sweeps run scit scenarios (runs × strategies × seeds)');
  if (base.sweep === undefined)
    throw new ConfigError('sweep', undefined, 'a sweep scenario needs "sweep": {"<json path>": [values…]}');
  const raw = document as Record<string, unknown>;
  // The grid is checked by the scenario schema (paths, values, the cells' limit); what needs the
  // document is checked when each cell's document is made below.
  const parameters = gridParameters(base.sweep);
  const cells = cellCount(parameters);

  const strategyRefs = await resolveStrategies(base.strategies, scenarioFile);
  const strategies = strategyContainers(createRunContainer(), strategyRefs).map((s) => s.name);
  const issues: Issue[] = [];
  let metrics: string[] | undefined;
  for (let cell = 0; cell < cells; cell++) {
    const values = cellValues(parameters, cell);
    const label = parameters.map((p, i) => `${p.path}=${JSON.stringify(values[i])}`).join(', ');
    try {
      const scenario = validateScenario(cellDocument(raw, parameters, cell), `cell ${cell} (${label})`);
      if (scenario.kind !== 'scit') throw new ConfigError('kind', scenario.kind, 'cannot be swept');
      const config = resolveScitConfig(scenarioScitConfig(scenario));
      if (scenario.attack !== null) {
        const { model, ...options } = scenario.attack;
        const attack = await resolvePluginRef(
          model,
          SCENARIO_PLUGIN_KINDS.attack,
          scenarioFile,
          'attack.model',
        );
        createRunContainer({ attack }).get(ATTACK_MODEL).resolveOptions(options, 'attack');
      }
      const names = runMetricNames(config, scenario.attack !== null);
      if (metrics === undefined) metrics = names;
      else if (names.join(',') !== metrics.join(','))
        throw new ConfigError(
          'sweep',
          label,
          'changes the services or turns attacks on or off: every cell must report the same metrics',
        );
    } catch (error) {
      if (error instanceof ConfigIssues)
        issues.push(...error.issues.map((i) => ({ ...i, path: `cell ${cell} (${label}): ${i.path}` })));
      else if (error instanceof ConfigError)
        issues.push({
          path: `cell ${cell} (${label}): ${error.field}`,
          value: error.value,
          message: reasonOf(error),
        });
      else throw error;
    }
  }
  if (issues.length > 0) throw new ScenarioError(file, issues);
  return {
    scenarioFile,
    document: raw,
    parameters,
    cells,
    strategies,
    seeds: base.seeds,
    firstSeed: base.firstSeed,
    metrics: metrics ?? [],
    fingerprint: await fingerprint(raw, pluginRefs(base), scenarioFile),
  };
}

/** The reason part of a ConfigError's message (without the field and the value). */
function reasonOf(error: ConfigError): string {
  const prefix = `${error.field}: `;
  const text = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return text.replace(/ \(got [^)]*\)$/, '');
}

async function fingerprint(
  document: unknown,
  refs: readonly PluginRef[],
  scenarioFile: string,
): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(document));
  for (const ref of refs) {
    if (typeof ref === 'string') continue;
    const path = resolve(dirname(scenarioFile), ref.file);
    await checkInputFile(path, 'file');
    hash.update(await readFile(path));
  }
  return hash.digest('hex');
}
