/**
 * The security study (`scitsim security`): the figures SCIT papers show, simulated, with the analytic
 * values beside them.
 *
 * - MTTSF of the system against the exposure time E (attack interval fixed at the preset's), and
 *   against the mean attack interval A (E fixed), one line per strategy with its 95% band;
 * - availability of the system (no service down) against A;
 * - at every point, the rotating chain's MTTSF (`analytic/rotating-chain.ts`, averaged over the
 *   rotation schedules of `schedules` seeds) and its deviation from the simulation — an approximation
 *   under the preset's fixed escape and recovery times, so the deviation is the point of the column;
 * - the full security summary of the preset itself (every metric, per strategy).
 *
 * Runs at grid points stop at the system's first failure, after the measurement window of
 * availability (the time of 100 expected successful escapes, see `security-settings.ts`); the preset's
 * summary runs until every service has failed, so per-service MTTSFs are observed.
 */
import { join } from 'node:path';
import type { Container } from 'inversify';
import { effectiveExposureSeconds, stageExtrapolatedMttsf } from '../../analysis/ctmc/rotating-chain.js';
import type { Estimate } from '../../analysis/stats/interval.js';
import type { MeanTimeEstimate } from '../../analysis/stats/survival.js';
import { ConfigError } from '../../core/errors.js';
import type { ResolvedScitConfig, ScitConfig } from '../../entities/scit/config.js';
import {
  hasServiceExposures,
  meanExposureSeconds,
  resolveScitConfig,
  withExposureSeconds,
} from '../../entities/scit/config.js';
import { paperScitConfig } from '../../entities/scit/paper-system.js';
import type { RotationStrategy } from '../../entities/scit/rotation-strategy.js';
import { VmEscapeAttack, type VmEscapeOptions } from '../../policies/attacks/vm-escape.js';
import type { NameOrClass } from '../../policies/registry.js';
import { type ChartSpec, chartSvg, type SeriesPoint, seriesChart } from '../../report/charts.js';
import { csvLine } from '../../report/csv.js';
import { writeResultSet } from '../../report/files.js';
import { REPORT_HTML, type ReportPage, reportHtml } from '../../report/html-page.js';
import { type PrintedPart, printedText, table } from '../../report/printed.js';
import { createRunContainer } from '../../runs/container.js';
import { checkLimit, LIMITS } from '../../runs/run-limits.js';
import {
  SECURITY_STUDY_MARKER,
  STUDY_EXPOSURES,
  STUDY_INTERVALS,
  STUDY_PRESET_SEEDS,
  STUDY_SCHEDULES,
  STUDY_SEEDS,
} from './experiment-defaults.js';
import { exposureText, formatMeanTime, securitySection, wrap } from './format.js';
import {
  jsonValues,
  type NamedStrategy,
  PAPER_ATTACK,
  PAPER_STRATEGIES,
  strategyContainers,
  strategyJson,
} from './paper-experiment.js';
import { RESULT_SCHEMA_VERSION } from './result-schema.js';
import {
  resolveSecuritySettings,
  type SecuritySettings,
  type SecuritySettingsInput,
} from './security-settings.js';
import { type StrategySummary, type SummarizeSeedsOptions, summarizeSeeds } from './seed-summary.js';

export {
  SECURITY_STUDY_MARKER,
  STUDY_EXPOSURES,
  STUDY_INTERVALS,
  STUDY_PRESET_SEEDS,
  STUDY_SCHEDULES,
  STUDY_SEEDS,
} from './experiment-defaults.js';

export interface SecurityStudyOptions {
  container?: Container;
  /** The system (default: the paper's); its E is the fixed one of the interval sweep. */
  config?: ScitConfig;
  /** How reports name the system (default: the paper's, or `your system` with `config`). */
  systemName?: string;
  /** vm-escape parameters (default: the preset's); its A is the fixed one of the exposure sweep. */
  attack?: Partial<VmEscapeOptions>;
  strategies?: readonly NameOrClass<RotationStrategy>[];
  /** Seeds per point and strategy (default {@link STUDY_SEEDS}). */
  seeds?: number;
  /** Seeds of the preset's full summary (default {@link STUDY_PRESET_SEEDS}). */
  presetSeeds?: number;
  /**
   * The preset's long runs: horizon, window, when they stop, what a derived horizon covers (default
   * `system`: rarely failing services are censored at the horizon, their MTTSF a lower bound with the
   * constant-hazard estimate beside it; `every-service` runs until every service has failed), and the
   * cap on a derived horizon (`maxSwitches`, also the grid points'). See `resolveSecuritySettings`.
   */
  security?: Omit<SecuritySettingsInput, 'seeds'>;
  exposures?: readonly number[];
  intervals?: readonly number[];
  /**
   * Rotation schedules the analytic value averages over (default 10; 0 — no analytic values — when
   * the chain has more than {@link MAX_DEFAULT_CHAIN_STATES} states, so that a large system is not
   * held up for minutes per point; give it to solve the chain anyway).
   */
  schedules?: number;
  /** Progress: runs done of runs in all. */
  onProgress?: (done: number, total: number) => void;
}

/** Chains larger than this ((K + 1)^hosts states) get no analytic values by default. */
export const MAX_DEFAULT_CHAIN_STATES = 256;

/** Every setting of a study in force, each default filled in and said where it came from. */
export interface SecurityStudySettings {
  seedsPerPoint: number;
  /** `given`, or the default. */
  seedsPerPointDerivation: string;
  presetSeeds: number;
  exposures: number[];
  attackIntervals: number[];
  /** Rotation schedules of the analytic values (0: none). */
  schedules: number;
  /** `given`, or how the default was chosen. */
  schedulesDerivation: string;
  /** Grid points: runs until the first security failure (after the window), the horizon derived per point. */
  gridStop: 'system-failure';
  /** The preset's long runs. */
  preset: SecuritySettings;
}

/** What one (E, A) gives for one strategy. */
type CellResult = Omit<StudyPoint, 'sweep'>;

/** @internal */
export interface StudyCell {
  E: number;
  A: number;
  config: ResolvedScitConfig;
  attack: VmEscapeOptions;
  settings: SecuritySettings;
  results: Map<string, CellResult>;
}

/** One point of a sweep, for one strategy. */
export interface StudyPoint {
  sweep: 'exposure' | 'interval';
  exposureSeconds: number;
  /** Mean time a VM stays Active, measured on an attack-free schedule (E unless switches wait). */
  effectiveExposureSeconds: number;
  meanIntervalSeconds: number;
  strategy: string;
  mttsf: MeanTimeEstimate;
  availability: Estimate;
  delayProbability: number;
  /** The rotating chain's MTTSF (mean over schedules) and its standard error. */
  analyticMttsf: number;
  analyticStandardError: number;
  /** How: exact (exponential R), fixed R's Erlang stages extrapolated (see `stageExtrapolatedMttsf`), or none. */
  analyticMethod: 'exact' | 'stages-extrapolated' | 'none';
  /** The 3-stage chain alone (its bias is `analyticThreeStageMttsf − analyticMttsf`). */
  analyticThreeStageMttsf: number;
  /** (analytic − simulated) / simulated. */
  deviation: number;
  /** Whether the analytic value lies in the simulation's 95% interval. */
  analyticInCi: boolean;
}

export interface SecurityStudyResult {
  /** How reports name the system. */
  systemName: string;
  config: ResolvedScitConfig;
  attack: VmEscapeOptions;
  strategies: string[];
  /** Every setting in force (defaults filled in). */
  settings: SecurityStudySettings;
  seeds: number;
  schedules: number;
  points: StudyPoint[];
  /** The preset (config and attack as given): settings and the full summary per strategy. */
  preset: { settings: SecuritySettings; summary: Record<string, StrategySummary> };
}

function grid(field: string, values: readonly number[]): number[] {
  if (!Array.isArray(values) || values.length === 0)
    throw new ConfigError(field, values, 'needs at least one value');
  if (values.length > LIMITS.studyPoints.max)
    throw new ConfigError(
      field,
      `${values.length} values`,
      `takes at most ${LIMITS.studyPoints.max} values (${LIMITS.studyPoints.why})`,
    );
  return values.map((value, i) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
      throw new ConfigError(`${field}[${i}]`, value, 'must be a finite number of seconds > 0');
    checkLimit(`${field}[${i}]`, value, LIMITS.seconds);
    return value;
  });
}

function count(field: string, value: number, limit = LIMITS.seeds): number {
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(field, value, 'must be an integer >= 1');
  checkLimit(field, value, limit);
  return value;
}

/**
 * The configuration whose attack rates match how long VMs really stay Active: every VM's exposure set to
 * the measured mean (E, or more when switches wait). With per-service exposures the configuration as
 * it is: the rates weigh each service's own E_s (waits are not counted there).
 */
function effectiveConfig(container: Container, config: ResolvedScitConfig): ResolvedScitConfig {
  if (hasServiceExposures(config)) return config;
  return withExposureSeconds(config, effectiveExposureSeconds(container, config));
}

/**
 * One job of a study: the seeds of one strategy at one cell (or of the preset's summary), with the
 * configuration and run options they share. Jobs are plain data: a worker thread can run them.
 */
export interface StudyJob {
  /** Index in the plan's cells, or -1 for the preset's full summary. */
  readonly cell: number;
  /** Index in the plan's strategies. */
  readonly strategy: number;
  readonly config: ResolvedScitConfig;
  readonly options: Omit<SummarizeSeedsOptions, 'onProgress' | 'cloudVms'>;
}

/**
 * A validated study: its strategies, cells and jobs, everything {@link finishSecurityStudy} needs to
 * turn the jobs' summaries into the result.
 * @internal
 */
export interface StudyPlan {
  readonly options: SecurityStudyOptions;
  readonly seeds: number;
  readonly presetSeeds: number;
  readonly exposures: number[];
  readonly intervals: number[];
  readonly config: ResolvedScitConfig;
  readonly attack: VmEscapeOptions;
  readonly model: VmEscapeAttack;
  readonly schedules: number;
  readonly schedulesDerivation: string;
  readonly strategies: readonly NamedStrategy[];
  readonly cells: readonly StudyCell[];
  readonly points: readonly { sweep: StudyPoint['sweep']; cell: StudyCell }[];
  readonly presetSettings: SecuritySettings;
  readonly jobs: readonly StudyJob[];
  /** Runs in all jobs. */
  readonly total: number;
}

/**
 * Validates the options and lays out the study's jobs (nothing runs).
 * @internal
 */
export function planSecurityStudy(options: SecurityStudyOptions = {}): StudyPlan {
  const seeds = count('seeds', options.seeds ?? STUDY_SEEDS);
  const presetSeeds = count('presetSeeds', options.presetSeeds ?? STUDY_PRESET_SEEDS);
  const exposures = grid('exposures', options.exposures ?? STUDY_EXPOSURES);
  const intervals = grid('intervals', options.intervals ?? STUDY_INTERVALS);
  const container = options.container ?? createRunContainer();
  const baseConfig = options.config ?? paperScitConfig();
  const model = new VmEscapeAttack();
  const attack = model.resolveOptions({ ...PAPER_ATTACK, ...options.attack }, 'attack');
  const config = resolveScitConfig(baseConfig);
  const chainStates = (attack.recoveryDistribution === 'fixed' ? 4 : 3) ** config.hostCount;
  const schedules =
    options.schedules === undefined
      ? chainStates > MAX_DEFAULT_CHAIN_STATES
        ? 0
        : STUDY_SCHEDULES
      : options.schedules === 0
        ? 0
        : count('schedules', options.schedules);
  const schedulesDerivation =
    options.schedules !== undefined
      ? 'given'
      : schedules === 0
        ? `default 0: the chain has ${chainStates} states (> ${MAX_DEFAULT_CHAIN_STATES}); set security.schedules to solve it`
        : `default ${STUDY_SCHEDULES}`;
  const strategies = strategyContainers(container, options.strategies ?? PAPER_STRATEGIES);
  const presetInput: SecuritySettingsInput = { horizonBasis: 'system', ...options.security };
  const maxSwitches = presetInput.maxSwitches;
  // One cell per distinct (E, A): the preset's point belongs to both sweeps and runs once.
  const cells = new Map<string, StudyCell>();
  const points: { sweep: StudyPoint['sweep']; cell: StudyCell }[] = [];
  const cellOf = (E: number, A: number): StudyCell => {
    const key = `${E}/${A}`;
    const known = cells.get(key);
    if (known !== undefined) return known;
    const cellConfig = resolveScitConfig({ ...baseConfig, exposureSeconds: E });
    const cellAttack = { ...attack, meanIntervalSeconds: A };
    // Escapes succeed according to how long VMs really stay Active: E, or more when they wait (with
    // per-service exposures: each service's own E_s, waits not counted).
    const effective = effectiveConfig(strategies[0].container, cellConfig);
    const settings = resolveSecuritySettings(
      { stopWhen: 'system-failure', ...(maxSwitches === undefined ? {} : { maxSwitches }) },
      model,
      cellAttack,
      effective,
      seeds,
    );
    const cell = { E, A, config: cellConfig, attack: cellAttack, settings, results: new Map() };
    cells.set(key, cell);
    return cell;
  };
  for (const E of exposures) points.push({ sweep: 'exposure', cell: cellOf(E, attack.meanIntervalSeconds) });
  for (const A of intervals) points.push({ sweep: 'interval', cell: cellOf(config.exposureSeconds, A) });
  const presetSettings = resolveSecuritySettings(
    presetInput,
    model,
    attack,
    config,
    presetSeeds,
    'security',
    options.presetSeeds === undefined ? `default ${STUDY_PRESET_SEEDS}` : 'given',
  );
  const jobs: StudyJob[] = [];
  [...cells.values()].forEach((cell, index) => {
    for (let strategy = 0; strategy < strategies.length; strategy++)
      jobs.push({
        cell: index,
        strategy,
        config: cell.config,
        options: {
          seeds,
          horizonSeconds: cell.settings.horizonSeconds,
          attack: cell.attack,
          security: { windowSeconds: cell.settings.windowSeconds, stopWhen: cell.settings.stopWhen },
        },
      });
  });
  for (let strategy = 0; strategy < strategies.length; strategy++)
    jobs.push({
      cell: -1,
      strategy,
      config,
      options: {
        seeds: presetSeeds,
        horizonSeconds: presetSettings.horizonSeconds,
        attack,
        security: { windowSeconds: presetSettings.windowSeconds, stopWhen: presetSettings.stopWhen },
      },
    });
  return {
    options,
    seeds,
    presetSeeds,
    exposures,
    intervals,
    config,
    attack,
    model,
    schedules,
    schedulesDerivation,
    strategies,
    cells: [...cells.values()],
    points,
    presetSettings,
    jobs,
    total: jobs.reduce((sum, job) => sum + job.options.seeds, 0),
  };
}

/** Runs the study (validating everything first), in this thread. */
export function runSecurityStudy(options: SecurityStudyOptions = {}): SecurityStudyResult {
  const plan = planSecurityStudy(options);
  let done = 0;
  const summaries = plan.jobs.map((job) => {
    const summary = summarizeSeeds(plan.strategies[job.strategy].container, job.config, {
      ...job.options,
      onProgress: (runs) => options.onProgress?.(done + runs, plan.total),
    });
    done += job.options.seeds;
    return summary;
  });
  return finishSecurityStudy(plan, summaries);
}

/**
 * The study's result from the summaries of its jobs (in the plan's order), with the analytic values.
 * @internal
 */
export function finishSecurityStudy(
  plan: StudyPlan,
  summaries: readonly StrategySummary[],
): SecurityStudyResult {
  const { options, strategies, schedules, model, seeds, config, attack, presetSettings } = plan;
  const summary: Record<string, StrategySummary> = {};
  plan.jobs.forEach((job, j) => {
    const strategy = strategies[job.strategy];
    if (job.cell === -1) {
      summary[strategy.name] = summaries[j];
      return;
    }
    const cell = plan.cells[job.cell];
    const security = summaries[j].security;
    if (security === undefined) throw new Error('runSecurityStudy: a run under attack without a summary');
    const effective = effectiveConfig(strategy.container, cell.config);
    // With per-service exposures: their mean N / Σ r_s/E_s (waits not counted).
    const exposure = hasServiceExposures(effective)
      ? meanExposureSeconds(effective)
      : effective.exposureSeconds;
    const rates = model.rates(cell.attack, effective);
    const analytic =
      schedules === 0
        ? {
            mttsf: Number.NaN,
            standardError: Number.NaN,
            method: 'none' as const,
            threeStageMttsf: Number.NaN,
          }
        : stageExtrapolatedMttsf(strategy.container, cell.config, rates, schedules, {
            escape: cell.attack,
          });
    const mttsf = security.mttsf.system;
    cell.results.set(strategy.name, {
      exposureSeconds: cell.E,
      meanIntervalSeconds: cell.A,
      strategy: strategy.name,
      effectiveExposureSeconds: exposure,
      mttsf,
      availability: security.availability.system,
      delayProbability: summaries[j].delay.probability,
      analyticMttsf: analytic.mttsf,
      analyticStandardError: analytic.standardError,
      analyticMethod: analytic.method,
      analyticThreeStageMttsf: analytic.threeStageMttsf,
      deviation: (analytic.mttsf - mttsf.mean) / mttsf.mean,
      analyticInCi: analytic.mttsf >= mttsf.ci95[0] && analytic.mttsf <= mttsf.ci95[1],
    });
  });
  return {
    systemName: options.systemName ?? (options.config === undefined ? "the paper's system" : 'your system'),
    config,
    attack,
    strategies: strategies.map((s) => s.name),
    settings: {
      seedsPerPoint: seeds,
      seedsPerPointDerivation: options.seeds === undefined ? `default ${STUDY_SEEDS}` : 'given',
      presetSeeds: plan.presetSeeds,
      exposures: plan.exposures,
      attackIntervals: plan.intervals,
      schedules,
      schedulesDerivation: plan.schedulesDerivation,
      gridStop: 'system-failure',
      preset: presetSettings,
    },
    seeds,
    schedules,
    points: plan.points.flatMap(({ sweep, cell }) =>
      strategies.map((strategy) => ({ sweep, ...(cell.results.get(strategy.name) as CellResult) })),
    ),
    preset: { settings: presetSettings, summary },
  };
}

/** Every point as CSV, the analytic values beside the simulated ones. */
export function securityStudyCsv(result: SecurityStudyResult): string {
  const header = [
    'sweep',
    'exposure_s',
    'mean_interval_s',
    'strategy',
    'effective_exposure_s',
    'mttsf_s',
    'mttsf_ci95_low_s',
    'mttsf_ci95_high_s',
    'mttsf_censored',
    'availability',
    'availability_ci95_low',
    'availability_ci95_high',
    'delay_probability',
    'analytic_mttsf_s',
    'analytic_standard_error_s',
    'analytic_deviation',
    'analytic_in_ci95',
  ];
  const number = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(8))) : '');
  const rows = result.points.map((p) =>
    csvLine([
      p.sweep,
      p.exposureSeconds,
      p.meanIntervalSeconds,
      p.strategy,
      number(p.effectiveExposureSeconds),
      number(p.mttsf.mean),
      number(p.mttsf.ci95[0]),
      number(p.mttsf.ci95[1]),
      p.mttsf.censored,
      number(p.availability.mean),
      number(p.availability.ci95[0]),
      number(p.availability.ci95[1]),
      number(p.delayProbability),
      number(p.analyticMttsf),
      number(p.analyticStandardError),
      number(p.deviation),
      p.analyticInCi,
    ]),
  );
  return `${[csvLine(header), ...rows].join('\n')}\n`;
}

/**
 * The `--json` object and `security.json` (kind `security-study`, see `result-schema.ts`): `settings`
 * (every setting in force, `attack`, `security`: the preset's runs), `warnings`, per strategy under
 * `strategies` the preset's summary with every metric (`mttsf.system.mean`, `mttsf.system.ci95`,
 * `mttsf.system.censored`, `mttsf.services.<name>`, `delay.probability`, availability, outages per
 * escape, …), and the sweeps' `points` with their analytic values. NaN and ±∞ become null.
 */
export function securityStudyJson(result: SecurityStudyResult): Record<string, unknown> {
  const { preset, ...settings } = result.settings;
  return jsonValues({
    schemaVersion: RESULT_SCHEMA_VERSION,
    kind: 'security-study',
    system: result.systemName,
    settings: { ...settings, attack: result.attack, security: preset },
    targets: Object.fromEntries(result.config.services.map((s) => [s.name, s.target])),
    warnings: result.config.warnings,
    strategies: Object.fromEntries(
      Object.entries(result.preset.summary).map(([name, s]) => [name, strategyJson(s, s)]),
    ),
    points: result.points,
  });
}

/** One figure's spec: `y` of each strategy against `x`, 95% bands, and the analytic values dashed. */
function studyChart(
  points: readonly StudyPoint[],
  strategies: readonly string[],
  x: 'exposureSeconds' | 'meanIntervalSeconds',
  y: 'mttsf' | 'availability',
  title: string,
  subtitle: string,
  axes: { x: string; y: string },
): ChartSpec {
  const values: SeriesPoint[] = points.flatMap((p) => {
    const estimate = y === 'mttsf' ? p.mttsf : p.availability;
    const simulated = {
      x: p[x],
      mean: estimate.mean,
      low: estimate.ci95[0],
      high: estimate.ci95[1],
      series: p.strategy,
      line: 'simulated',
      description: `${axes.x}: ${p[x]}; ${axes.y}: ${estimate.mean} [${estimate.ci95[0]}, ${estimate.ci95[1]}]; strategy: ${p.strategy}`,
    };
    if (y !== 'mttsf' || !Number.isFinite(p.analyticMttsf)) return [simulated];
    const analytic = {
      x: p[x],
      mean: p.analyticMttsf,
      low: p.analyticMttsf,
      high: p.analyticMttsf,
      series: p.strategy,
      line: 'Markov chain',
      description: `${axes.x}: ${p[x]}; Markov chain: ${p.analyticMttsf}; strategy: ${p.strategy}`,
    };
    return [simulated, analytic];
  });
  const analytic = values.some((p) => p.line === 'Markov chain');
  return seriesChart(values, {
    title,
    subtitle,
    x: { title: axes.x },
    y: y === 'mttsf' ? { title: axes.y, log: true } : { title: axes.y, range: [0, 1] },
    seriesTitle: 'strategy',
    series: strategies,
    ...(analytic ? { lines: { title: 'value', order: ['simulated', 'Markov chain'] } } : {}),
  });
}

/** The study's figures: (file name, spec) pairs, in the order the report shows them. */
export function securityStudyCharts(result: SecurityStudyResult): [string, ChartSpec][] {
  const byExposure = result.points.filter((p) => p.sweep === 'exposure');
  const byInterval = result.points.filter((p) => p.sweep === 'interval');
  const A = result.attack.meanIntervalSeconds;
  const E = result.config.exposureSeconds;
  const band = `mean and 95% CI over ${result.seeds} seeds${result.schedules > 0 ? '; dashed: Markov chain' : ''}`;
  return [
    [
      'mttsf-vs-exposure.svg',
      studyChart(
        byExposure,
        result.strategies,
        'exposureSeconds',
        'mttsf',
        `MTTSF against exposure time E (A = ${A} s)`,
        band,
        {
          x: 'exposure time E (s)',
          y: 'MTTSF of the system (s, log scale)',
        },
      ),
    ],
    [
      'mttsf-vs-interval.svg',
      studyChart(
        byInterval,
        result.strategies,
        'meanIntervalSeconds',
        'mttsf',
        `MTTSF against attack interval A (E = ${E} s)`,
        band,
        {
          x: 'mean attack interval A (s)',
          y: 'MTTSF of the system (s, log scale)',
        },
      ),
    ],
    [
      'availability-vs-interval.svg',
      studyChart(
        byInterval,
        result.strategies,
        'meanIntervalSeconds',
        'availability',
        `Availability (no service down) against attack interval A (E = ${E} s)`,
        `mean and 95% CI over ${result.seeds} seeds; the axis spans the data`,
        { x: 'mean attack interval A (s)', y: 'availability of the system' },
      ),
    ],
  ];
}

/** The figures and data files of a study and `report.html`, as (name, content) pairs for `writeResultSet`. */
export async function securityStudyFiles(result: SecurityStudyResult): Promise<[string, string][]> {
  const json = securityStudyJson(result);
  const files: [string, string][] = [
    [SECURITY_STUDY_MARKER, securityStudyCsv(result)],
    ['security.json', `${JSON.stringify(json, null, 2)}\n`],
  ];
  // One spec per figure, for its SVG file and the report's interactive chart.
  const charts = securityStudyCharts(result);
  for (const [name, spec] of charts) files.push([name, await chartSvg(spec)]);
  const about: Record<string, string> = {
    [SECURITY_STUDY_MARKER]:
      'every grid point: simulated MTTSF and availability with 95% CIs, the Markov chain beside them',
    'security.json': 'the preset’s full summary per strategy and every point, as printed by --json',
  };
  const page: ReportPage = {
    title: `Security study — ${result.systemName}`,
    about:
      'MTTSF and availability under VM-escape attacks against the exposure time and the attack interval, ' +
      'with the Markov chain beside the simulation: the figures, the tables as printed, the settings in force ' +
      'and the files written.',
    sections: [
      {
        heading: 'Figures',
        blocks: charts.map(([file, spec]) => ({ kind: 'chart' as const, spec, file })),
      },
      { heading: 'Results', blocks: [{ kind: 'printed', parts: securityStudyReportParts(result) }] },
      {
        heading: 'Configuration',
        blocks: [
          {
            kind: 'json',
            value: { system: result.systemName, config: result.config, settings: json.settings },
          },
        ],
      },
      {
        heading: 'Files written',
        blocks: [
          {
            kind: 'files',
            files: files.map(([name]) => ({
              name,
              about: about[name] ?? 'the figure as SVG',
            })),
          },
        ],
      },
    ],
  };
  files.push([REPORT_HTML, await reportHtml(page)]);
  return files;
}

/** Writes the study's files atomically into `outDir` (the earlier set, if any, is replaced). */
export async function writeSecurityStudy(result: SecurityStudyResult, outDir: string): Promise<string[]> {
  const files = await securityStudyFiles(result);
  await writeResultSet(outDir, files);
  return files.map(([name]) => join(outDir, name));
}

/** The study as text: the preset's summary, then the sweeps with the chain's deviation. */
export function securityStudyReport(result: SecurityStudyResult, files: readonly string[] = []): string {
  return printedText(securityStudyReportParts(result, files));
}

/** {@link securityStudyReport} as lines and tables (what `report.html` shows). */
export function securityStudyReportParts(
  result: SecurityStudyResult,
  files: readonly string[] = [],
): PrintedPart[] {
  const services = result.config.services.map((s) => s.name);
  const strategies = result.strategies;
  // The preset's (E, A) belongs to both sweeps: listed once.
  const distinct = result.points.filter(
    (p, i, all) =>
      all.findIndex(
        (q) =>
          q.exposureSeconds === p.exposureSeconds &&
          q.meanIntervalSeconds === p.meanIntervalSeconds &&
          q.strategy === p.strategy,
      ) === i,
  );
  const st = result.settings;
  const lines: PrintedPart[] = [
    `MTTSF, availability and delays of ${strategies.length === 2 ? strategies.join(' and ') : strategies.join(', ')} ` +
      `under VM-escape attacks on ${result.systemName}`,
    `(A = ${result.attack.meanIntervalSeconds} s, D = ${result.attack.escapeSeconds} s ${result.attack.escapeDistribution}, ` +
      `R = ${result.attack.recoverySeconds} s ${result.attack.recoveryDistribution}, ${exposureText(result.config)}).`,
    '',
    'Settings (scenario block "security"; every default that applied is named):',
    `  seeds per grid point and strategy: ${st.seedsPerPoint}${
      st.seedsPerPointDerivation === 'given' ? '' : ` (${st.seedsPerPointDerivation})`
    }; preset seeds: ${st.presetSeeds} (${st.preset.derivation.seeds})`,
    `  exposures E: ${st.exposures.join(', ')} s; attack intervals A: ${st.attackIntervals.join(', ')} s`,
    `  preset runs: horizon ${st.preset.horizonSeconds} s (${st.preset.derivation.horizon}), ` +
      `window ${st.preset.windowSeconds} s, stop ${st.preset.stopWhen}, horizon basis ${st.preset.horizonBasis}`,
    `  grid runs: until the first security failure after the window; horizons derived per point, ` +
      `capped at ${st.preset.maxSwitches} switches`,
    `  Markov chain: ${st.schedules} rotation schedules (${st.schedulesDerivation})`,
    '',
    ...securitySection(result.preset, services, result.config),
    '',
    'Delays of switches (the same long runs):',
    '',
    table([
      ['', ...strategies],
      [
        'switches delayed (P)',
        ...strategies.map((n) => percentText(result.preset.summary[n].delay.probability)),
      ],
      [
        'mean delay given a delay',
        ...strategies.map((n) => secondsText(result.preset.summary[n].delay.meanGivenDelaySeconds)),
      ],
      ['longest delay', ...strategies.map((n) => secondsText(result.preset.summary[n].delay.maxSeconds))],
      [
        'longest exposure window (E + max)',
        ...strategies.map((n) => secondsText(result.preset.summary[n].maxExposureWindowSeconds)),
      ],
    ]),
    '',
    ...wrap(
      result.schedules === 0
        ? `Sweeps (${result.seeds} seeds per point and strategy, runs until the first security failure): ` +
            'simulated MTTSF of the system [95% CI]; no Markov chain values (0 rotation schedules). E′: the ' +
            'mean time a VM stays Active (more than E when cleansing cannot keep up).'
        : `Sweeps (${result.seeds} seeds per point and strategy, runs until the first security failure): ` +
            'simulated MTTSF of the system [95% CI] beside the Markov chain of the rotating system ' +
            `(analytic/rotating-chain.ts, mean over ${result.schedules} rotation schedules ± its standard error; ` +
            'escapes land D after their attempt on VMs still online, as in the simulation; a fixed R as K ' +
            'Erlang stages restarted by every escape, solved with K = 3 and 6 and extrapolated to K → ∞: ' +
            '2·m(6) − m(3); "3 stages": how far the 3-stage chain alone is from that). E′: the mean time a VM ' +
            'stays Active (more than E when cleansing cannot keep up). The chain is exact for fixed D and ' +
            'exponential R; with a fixed R the extrapolation is within about 0.5% of 20,000-seed simulations ' +
            'on the paper’s system. The deviation is mostly the simulation’s noise (its 95% CI is ±10–15% at ' +
            '200 seeds).',
    ),
    '',
    table([
      [
        'E',
        'A',
        'strategy',
        'E′',
        'MTTSF simulated',
        'Markov chain',
        '3 stages',
        'deviation',
        'availability',
      ],
      ...distinct.map((p) => [
        `${p.exposureSeconds} s`,
        `${p.meanIntervalSeconds} s`,
        p.strategy,
        `${p.effectiveExposureSeconds.toFixed(0)} s`,
        formatMeanTime(p.mttsf),
        Number.isFinite(p.analyticMttsf)
          ? `${Math.round(p.analyticMttsf)} s ±${Math.round(p.analyticStandardError)}`
          : Number.isNaN(p.analyticMttsf)
            ? '—'
            : '∞',
        p.analyticMethod === 'stages-extrapolated' && Number.isFinite(p.analyticMttsf)
          ? signedPercent((p.analyticThreeStageMttsf - p.analyticMttsf) / p.analyticMttsf)
          : '—',
        Number.isFinite(p.deviation)
          ? `${p.deviation >= 0 ? '+' : ''}${(100 * p.deviation).toFixed(1)}%`
          : '—',
        `${(100 * p.availability.mean).toFixed(3)}%`,
      ]),
    ]),
  ];
  const deviations = distinct.map((p) => Math.abs(p.deviation)).filter(Number.isFinite);
  if (deviations.length > 0)
    lines.push(
      '',
      `Chain vs simulation: largest |deviation| ${(100 * Math.max(...deviations)).toFixed(1)}%, ` +
        `${distinct.filter((p) => p.analyticInCi).length} of ${distinct.length} points inside the simulation's 95% CI.`,
    );
  if (files.length > 0) lines.push('', 'Files written:', ...files.map((file) => `  ${file}`));
  return lines;
}

const signedPercent = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;
const percentText = (share: number) => `${(100 * share).toFixed(share > 0 && share < 0.01 ? 3 : 2)}%`;
const secondsText = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} s` : '—');
