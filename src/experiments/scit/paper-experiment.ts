/**
 * The paper's experiment (Table 3, Figures 10/11) as a function: one seed with requests and timelines
 * per strategy (CSV, JSON, SVG), then a many-seed summary per strategy (requests off) and, under
 * attack, the security summary (MTTSF, availability, outages per escape). Every policy
 * comes from the given container (default `createRunContainer()`); each strategy — a built-in name or a
 * class of your own — runs in a child of it with only `ROTATION_STRATEGY` rebound.
 *
 * `examples/paper/table3.ts` assembles the same experiment from these pieces step by step.
 */
import { join } from 'node:path';
import type { Container } from 'inversify';
import { type Spread, sampleSpread } from '../../analysis/stats/spread.js';
import { ConfigError } from '../../core/errors.js';
import { fileNameProblem } from '../../core/names.js';
import { watched } from '../../core/watch.js';
import type { ResolvedScitConfig, ScitConfig } from '../../entities/scit/config.js';
import { meanExposureSeconds, onlineVmCount } from '../../entities/scit/config.js';
import { paperScitConfig } from '../../entities/scit/paper-system.js';
import type { RequestWorkload } from '../../entities/scit/request-workload.js';
import { type RotationStrategy, resolveRotationStrategy } from '../../entities/scit/rotation-strategy.js';
import type { Vm } from '../../entities/vm.js';
import { ATTACK_MODEL, type AttackModel } from '../../policies/attacks/attack-model.js';
import { VM_ESCAPE_DEFAULTS, type VmEscapeOptions } from '../../policies/attacks/vm-escape.js';
import type { NameOrClass } from '../../policies/registry.js';
import { findCertainStarvation, type StarvationFinding } from '../../policies/scit/starvation.js';
import { type ChartSpec, chartSvg, redundancyChart } from '../../report/charts.js';
import { checkOutputDir, writeResultSet } from '../../report/files.js';
import { REPORT_HTML, reportHtml } from '../../report/html-page.js';
import { timelineCsv, timelineJson } from '../../report/timeline.js';
import { buildFailure, createRunContainer, RunScope, withRotation } from '../../runs/container.js';
import { placeScit, type ScitPlacement } from '../../runs/placement.js';
import { checkLimit, LIMITS, type Limit, SEED_LIMIT } from '../../runs/run-limits.js';
import { runScit, type ScitRunResult } from '../../runs/scit-run.js';
import { PAPER_REQUEST_SEEDS, PAPER_SET_MARKER } from './experiment-defaults.js';
import { paperReportPage } from './paper-page.js';
import {
  type RequestSeedOptions,
  type ServiceRequestSeedSummary,
  summarizeRequestSeeds,
} from './request-summary.js';
import { RESULT_SCHEMA_VERSION } from './result-schema.js';
import {
  resolveSecuritySettings,
  type SecuritySettings,
  type SecuritySettingsInput,
} from './security-settings.js';
import { type StrategySummary, type SummarizeSeedsOptions, summarizeSeeds } from './seed-summary.js';

export { PAPER_REQUEST_SEEDS, PAPER_SET_MARKER } from './experiment-defaults.js';

/** The strategies the paper compares, in output order. */
export const PAPER_STRATEGIES = ['conventional', 'redundancy-preserving'] as const;

/** Default client load of the single-seed run (Web: 0.1 s requests, DNS: 0.01 s, 1000-MIPS VMs). */
export const PAPER_REQUESTS: RequestWorkload = {
  services: { Web: { ratePerSecond: 20, meanLengthMi: 100 }, DNS: { ratePerSecond: 50, meanLengthMi: 10 } },
  vmMips: 1000,
  queueCapacity: 100,
};

/**
 * VM-escape attacks of the paper preset (our addition; the paper motivates but does not simulate
 * them): attempts every 300 s on average (Poisson), 30 s to escape, a compromised host stays so for
 * 60 s — rare enough that most outages come from a single escape, which is the paper's threat. The
 * preset turns them on; everywhere else attacks run only when asked for.
 */
export const PAPER_ATTACK: VmEscapeOptions = { ...VM_ESCAPE_DEFAULTS };

/** Progress of the many-seed runs: the strategy (and phase) running, seeds done and in all. */
export type StrategyProgress = (strategy: string, done: number, total: number) => void;

/**
 * Seeds of the paper experiment's security summary (at most `seeds`): each run lasts until every
 * service has been down once — hours of simulated time — so 200 keep `npm start` to a few seconds;
 * `scitsim security` runs 400 (`--preset-seeds`).
 */
export const PAPER_SECURITY_SEEDS = 200;

export interface PaperExperimentOptions {
  /** Where every policy comes from (default `createRunContainer()`). */
  container?: Container;
  /** Seeds of the summary (default 1000). */
  seeds?: number;
  /** Clock cycles per run (default 30, as in Figures 10/11). */
  cycles?: number;
  /** Simulated seconds per run instead of a number of cycles. */
  horizonSeconds?: number;
  /** First seed of the summary (seeds firstSeed … firstSeed + seeds − 1; default 1). */
  firstSeed?: number;
  /** How reports name the system (default: the paper's, or `your system` with `config`). */
  systemName?: string;
  /** Seed of the single run with figures (default 1). The summary uses seeds 1…N. */
  seed?: number;
  /** Output directory (default `out/paper`); `null` writes nothing. */
  outDir?: string | null;
  /** System configuration (default: the paper's). */
  config?: ScitConfig;
  /** Client load of the single run and of the request summary. */
  requests?: RequestWorkload;
  /**
   * Seeds of the summary run again with requests, for the request summary (seeds firstSeed …
   * firstSeed + requestSeeds − 1; default min(seeds, {@link PAPER_REQUEST_SEEDS}); 0: no request summary,
   * as when no service of `requests` has a workload).
   */
  requestSeeds?: number;
  /** Attacks: parameters of the container's attack model (default {@link PAPER_ATTACK}; `null`: off). */
  attack?: unknown;
  /**
   * The security summary's runs (under attack): seeds (default min(`seeds`, {@link PAPER_SECURITY_SEEDS})),
   * horizon, window, when runs stop; defaults in `resolveSecuritySettings`.
   */
  security?: SecuritySettingsInput;
  /** Strategies to compare, built-in names or classes (default conventional and redundancy-preserving). */
  strategies?: readonly NameOrClass<RotationStrategy>[];
  /** Progress of every phase: (strategy, then the phase after the summary; seeds done; seeds in all). */
  onProgress?: StrategyProgress;
  /** Wall clock in milliseconds used to time the summary (e.g. `performance.now`); omitted ⇒ not timed. */
  clockMillis?: () => number;
}

/** Requests of one service in the single run. */
export interface RequestSummary {
  generated: number;
  served: number;
  dropped: number;
  droppedByCleansing: number;
  /** Unfinished when the attack compromised their VM's host. */
  droppedByCompromise: number;
  inFlight: number;
  /** Served requests per second of arrivals (served / the arrival window). */
  throughputPerSecond: number;
  /** Mean, p99 and max; `p99RelativeError` when the p99 came from the bounded histogram (see `Spread`). */
  responseTimeSeconds: Spread;
}

/** One strategy's single run with requests, summarized. */
export interface SingleRun {
  run: ScitRunResult;
  requests: Record<string, RequestSummary>;
  files: string[];
}

export interface PaperExperimentResult {
  /** `the paper's system` for the built-in configuration, `your system` otherwise (for reports). */
  systemName: string;
  /** The validated configuration the runs used. */
  config: ResolvedScitConfig;
  services: string[];
  targets: Record<string, number>;
  hostCount: number;
  seed: number;
  cycles: number;
  /** Simulated seconds per run, when runs had a time horizon instead of a number of cycles. */
  horizonSeconds?: number;
  seeds: number;
  /** Single-seed runs (with requests), by strategy name. */
  single: Record<string, SingleRun>;
  /** Many-seed summaries (requests off), by strategy name. */
  summary: Record<string, StrategySummary>;
  /** Under attack: the settings of the security runs and their summaries (`.security`), by strategy name. */
  security?: { settings: SecuritySettings; summary: Record<string, StrategySummary> };
  /** Seeds of the request summary, from `requestFirstSeed` (0: none). */
  requestSeeds?: number;
  requestFirstSeed?: number;
  /** Requests over the first `requestSeeds` seeds (rotation on), by strategy name, then service name. */
  requestSummary?: Record<string, Record<string, ServiceRequestSeedSummary>>;
  /** The arrival window of each run, seconds (requests arrive from 0 to this time). */
  requestHorizonSeconds?: number;
  /** Wall-clock milliseconds of the many-seed summary (all strategies), when a clock was given. */
  summaryMillis?: number;
  /** The attack parameters used, if any, and the attack model's description of them. */
  attack?: unknown;
  attackDescription?: string;
  /** Certain starvation found in the configuration before the runs (see `findCertainStarvation`). */
  starvationWarnings: StarvationFinding[];
  /** Things a reader should know (e.g. services that receive no requests). */
  warnings: string[];
  /** How the SCIT VMs were placed on hosts. */
  placement: ScitPlacement['placement'];
}

function checkCount(field: string, value: number, min: number, limit: Limit): number {
  if (!Number.isInteger(value) || value < min)
    throw new ConfigError(field, value, `must be an integer >= ${min}`);
  checkLimit(field, value, limit);
  return value;
}

/** What a strategy's name may hold: it names output files and keys of `strategies` in JSON results. */
export const STRATEGY_NAME = /^[A-Za-z0-9._-]+$/;

/**
 * One child container per strategy (names or classes), each resolving to a differently named strategy.
 * Names must match {@link STRATEGY_NAME} (not `.` or `..`) and be unique.
 * Unknown names, classes that cannot be built and duplicate names fail here, before any run.
 */
export function strategyContainers(
  container: Container,
  strategies: readonly NameOrClass<RotationStrategy>[],
): NamedStrategy[] {
  if (strategies.length === 0) throw new ConfigError('strategies', strategies, 'needs at least one strategy');
  const seen = new Set<string>();
  return strategies.map((strategy, i) => {
    const field = `strategies[${i}]`;
    const child = withRotation(container, strategy, field);
    const name = instantiate(child, field, strategy).name;
    if (!STRATEGY_NAME.test(name) || name === '.' || name === '..')
      throw new ConfigError(
        `${field}.name`,
        name,
        'a strategy name is letters, digits, ".", "_" and "-" (it names files and JSON keys; no path separators)',
      );
    if (seen.has(name)) throw new ConfigError(field, name, 'duplicate strategy (each may appear once)');
    seen.add(name);
    return { name, container: child };
  });
}

/** Builds the bound strategy once, turning a constructor that throws or cannot be injected into a ConfigError. */
function instantiate(container: Container, field: string, strategy: NameOrClass<RotationStrategy>) {
  let instance: RotationStrategy;
  const which = typeof strategy === 'string' ? strategy : strategy.name;
  try {
    // Watched under its own name (the watch keeps it over resolveRotationStrategy's generic one).
    instance = watched('constructor', which, () => resolveRotationStrategy(container));
  } catch (error) {
    throw new ConfigError(field, which, `cannot build it: ${buildFailure(error)}`);
  }
  if (typeof instance.name !== 'string' || instance.name === '')
    throw new ConfigError(`${field}.name`, instance.name, 'a rotation strategy needs a non-empty name');
  // The name becomes file names (`<strategy>.levels.csv`) and is written into every result file.
  const problem = fileNameProblem(instance.name);
  if (problem !== undefined) throw new ConfigError(`${field}.name`, instance.name, problem);
  return instance;
}

/**
 * Checks `attack` and the security settings with the container's attack model (before any run);
 * returns the model's description and the settings in force.
 */
export function prepareSecurity(
  container: Container,
  config: ResolvedScitConfig,
  attack: unknown,
  security: SecuritySettingsInput,
  defaultSeeds: number,
  defaultSeedsText = 'default',
): { description: string; settings: SecuritySettings; model: AttackModel } {
  const model = container.get(ATTACK_MODEL);
  const options = model.resolveOptions(attack, 'attack');
  const settings = resolveSecuritySettings(
    security,
    model,
    options,
    config,
    defaultSeeds,
    'security',
    defaultSeedsText,
  );
  return { description: model.describe(options), settings, model };
}

/** Services of `config` that `requests` gives no load, as warnings. */
export function unloadedServiceWarnings(
  serviceNames: readonly string[],
  requests: RequestWorkload,
): string[] {
  const unloaded = serviceNames.filter((name) => requests.services[name] === undefined);
  // None loaded: one line says it (requests are off), not one per service.
  if (unloaded.length > 1 && unloaded.length === serviceNames.length)
    return ['no service has a request workload: no client requests are simulated'];
  return unloaded.map((name) => `service "${name}" has no request workload: it receives no client requests`);
}

/** Runs the experiment. Validates everything before the first run; writes files via temp + rename. */
export async function runPaperExperiment(
  options: PaperExperimentOptions = {},
): Promise<PaperExperimentResult> {
  const seeds = checkCount('seeds', options.seeds ?? 1000, 1, LIMITS.seeds);
  const horizonSeconds = options.horizonSeconds;
  if (horizonSeconds !== undefined && !(horizonSeconds > 0 && Number.isFinite(horizonSeconds)))
    throw new ConfigError('horizonSeconds', horizonSeconds, 'must be a finite number of seconds > 0');
  const cycles = checkCount('cycles', options.cycles ?? 30, 1, LIMITS.cycles);
  checkLimit('seeds × cycles', seeds * cycles, LIMITS.seedCycles);
  if (horizonSeconds !== undefined) checkLimit('horizonSeconds', horizonSeconds, LIMITS.seconds);
  const firstSeed = checkCount('firstSeed', options.firstSeed ?? 1, 0, SEED_LIMIT);
  const requests = options.requests ?? PAPER_REQUESTS;
  // Without a workload the request runs would repeat the summary's runs and report nothing.
  const anyWorkload = Object.keys(requests.services).length > 0;
  const requestSeeds = checkCount(
    'requestSeeds',
    options.requestSeeds ?? Math.min(seeds, PAPER_REQUEST_SEEDS),
    0,
    LIMITS.seeds,
  );
  checkLimit('requestSeeds × cycles', requestSeeds * cycles, LIMITS.seedCycles);
  const seed = checkCount('seed', options.seed ?? 1, 0, SEED_LIMIT);
  if (options.outDir !== null)
    await checkOutputDir(options.outDir ?? 'out/paper', 'outDir', [PAPER_SET_MARKER]);
  const container = options.container ?? createRunContainer();
  // SCIT VMs are ordinary cloud VMs on hosts: placed once (explicitly by the layout, or by the
  // container's allocation policy when there is none); SCIT never moves them, so every run reuses it.
  const cloud = placeScit(container, options.config ?? paperScitConfig(), { vmMips: requests.vmMips });
  const config = cloud.config;
  const strategies = strategyContainers(container, options.strategies ?? PAPER_STRATEGIES);
  const attack = options.attack === null ? undefined : (options.attack ?? PAPER_ATTACK);
  const prepared =
    attack === undefined
      ? undefined
      : prepareSecurity(
          container,
          config,
          attack,
          options.security ?? {},
          Math.min(seeds, PAPER_SECURITY_SEEDS),
          `default min(seeds, ${PAPER_SECURITY_SEEDS}); set security.seeds`,
        );
  const names = config.services.map((s) => s.name);
  const online = onlineVmCount(config);
  // Requests arrive during the run's horizon, or the nominal duration of `cycles` switches (one
  // expiry every E / online; with per-service exposures, E is their mean, N / Σ r_s/E_s).
  const requestHorizonSeconds = horizonSeconds ?? (cycles * meanExposureSeconds(config)) / online;
  const length = horizonSeconds === undefined ? { cycles } : { horizonSeconds };

  const single = singleRuns(strategies, config, {
    seed,
    ...length,
    requests,
    requestHorizonSeconds,
    cloudVms: cloud.vms,
    attack,
  });
  const started = options.clockMillis?.();
  // Attacks never influence rotation: the paper's summary runs without them, the security one with.
  const summary = seedSummaries(strategies, config, {
    seeds,
    firstSeed,
    ...length,
    cloudVms: cloud.vms,
    onProgress: options.onProgress,
  });
  const security =
    prepared === undefined
      ? undefined
      : {
          settings: prepared.settings,
          summary: securitySummaries(strategies, config, {
            attack,
            settings: prepared.settings,
            firstSeed,
            cloudVms: cloud.vms,
            onProgress: phaseProgress(options.onProgress, 'under attack'),
          }),
        };
  const summaryMillis = started === undefined ? undefined : (options.clockMillis?.() ?? 0) - started;
  const requestSummary =
    requestSeeds === 0 || !anyWorkload
      ? undefined
      : requestSummaries(strategies, config, {
          seeds: requestSeeds,
          firstSeed,
          ...length,
          requests,
          requestHorizonSeconds,
          cloudVms: cloud.vms,
          attack,
          onProgress: phaseProgress(options.onProgress, 'with requests'),
        });

  const result: PaperExperimentResult = {
    systemName: options.systemName ?? (options.config === undefined ? "the paper's system" : 'your system'),
    config,
    services: names,
    targets: Object.fromEntries(config.services.map((s) => [s.name, s.target])),
    hostCount: config.hostCount,
    seed,
    cycles,
    horizonSeconds,
    seeds,
    single,
    summary,
    security,
    summaryMillis,
    requestSeeds: requestSummary === undefined ? 0 : requestSeeds,
    requestFirstSeed: firstSeed,
    requestSummary,
    requestHorizonSeconds,
    attack,
    attackDescription: prepared?.description,
    starvationWarnings: findCertainStarvation(config),
    warnings: [...config.warnings, ...unloadedServiceWarnings(names, requests)],
    placement: cloud.placement,
  };
  if (options.outDir !== null) await writePaperOutputs(result, options.outDir ?? 'out/paper');
  return result;
}

/** A strategy to compare: its name and the child container that binds it. */
export interface NamedStrategy {
  readonly name: string;
  readonly container: Container;
}

/** Options of {@link singleRuns}. */
export interface SingleRunOptions {
  seed: number;
  /** Clock cycles (give this or `horizonSeconds`). */
  cycles?: number;
  horizonSeconds?: number;
  requests: RequestWorkload;
  /** End of request arrivals (seconds). */
  requestHorizonSeconds: number;
  cloudVms?: readonly Vm[];
  attack?: unknown;
}

/** One run per strategy with the same seed and requests, keeping the timeline (Figures 10/11). */
export function singleRuns(
  strategies: readonly NamedStrategy[],
  config: ResolvedScitConfig,
  options: SingleRunOptions,
): Record<string, SingleRun> {
  const names = config.services.map((s) => s.name);
  const single: Record<string, SingleRun> = {};
  for (const { name, container } of strategies) {
    const run = runScit(container, config, {
      seed: options.seed,
      maxCycles: options.cycles,
      horizonSeconds: options.horizonSeconds,
      recordTimeline: true,
      requests: options.requests,
      requestHorizonSeconds: options.requestHorizonSeconds,
      cloudVms: options.cloudVms,
      attack: options.attack,
    });
    single[name] = {
      run,
      requests: summarizeRequests(run, names, options.requestHorizonSeconds),
      files: [],
    };
  }
  return single;
}

/** Options of {@link seedSummaries}: those of `summarizeSeeds`, with progress per strategy. */
export interface SeedSummaryOptions extends Omit<SummarizeSeedsOptions, 'onProgress'> {
  onProgress?: StrategyProgress;
}

/** The many-seed summary of each strategy (seeds 1…N, requests off), in the given order. */
export function seedSummaries(
  strategies: readonly NamedStrategy[],
  config: ResolvedScitConfig,
  options: SeedSummaryOptions,
): Record<string, StrategySummary> {
  const summary: Record<string, StrategySummary> = {};
  for (const { name, container } of strategies) {
    const result = summarizeSeeds(new RunScope(container), config, {
      ...options,
      firstSeed: options.firstSeed ?? 1,
      onProgress: strategyProgress(options.onProgress, name, options.seeds),
    });
    summary[name] = { ...result, strategy: name };
  }
  return summary;
}

/** Options of {@link securitySummaries}. */
export interface SecuritySummaryOptions {
  /** The attack model's parameters. */
  attack: unknown;
  settings: SecuritySettings;
  firstSeed?: number;
  cloudVms?: readonly Vm[];
  onProgress?: StrategyProgress;
}

/**
 * The security summary of each strategy: `settings.seeds` runs under attack, each until the horizon or
 * `settings.stopWhen`; the result's `.security` holds MTTSF, availability and outages per escape, and
 * its delays are those of these long runs.
 */
export function securitySummaries(
  strategies: readonly NamedStrategy[],
  config: ResolvedScitConfig,
  options: SecuritySummaryOptions,
): Record<string, StrategySummary> {
  const { settings } = options;
  return seedSummaries(strategies, config, {
    seeds: settings.seeds,
    firstSeed: options.firstSeed ?? 1,
    horizonSeconds: settings.horizonSeconds,
    attack: options.attack,
    security: { windowSeconds: settings.windowSeconds, stopWhen: settings.stopWhen },
    cloudVms: options.cloudVms,
    onProgress: options.onProgress,
  });
}

/** One strategy's seed loop reporting to `onProgress` (runs done of `total`). */
function strategyProgress(
  onProgress: StrategyProgress | undefined,
  strategy: string,
  total: number,
): ((done: number) => void) | undefined {
  return onProgress && ((done) => onProgress(strategy, done, total));
}

/** Progress of a later phase of the experiment: the strategy's name says which phase. */
function phaseProgress(
  onProgress: StrategyProgress | undefined,
  phase: string,
): StrategyProgress | undefined {
  return onProgress && ((strategy, done, total) => onProgress(`${strategy}, ${phase}`, done, total));
}

/** Options of {@link requestSummaries}: those of `summarizeRequestSeeds`, with progress per strategy. */
export interface RequestSummaryOptions extends Omit<RequestSeedOptions, 'onProgress'> {
  onProgress?: StrategyProgress;
}

/** The request summary of each strategy (requests over seeds firstSeed…, rotation on), in the given order. */
export function requestSummaries(
  strategies: readonly NamedStrategy[],
  config: ResolvedScitConfig,
  options: RequestSummaryOptions,
): Record<string, Record<string, ServiceRequestSeedSummary>> {
  const summary: Record<string, Record<string, ServiceRequestSeedSummary>> = {};
  for (const { name, container } of strategies)
    summary[name] = summarizeRequestSeeds(new RunScope(container), config, {
      ...options,
      onProgress: strategyProgress(options.onProgress, name, options.seeds),
    });
  return summary;
}

/**
 * Request counts and response-time spread per service name of a run with requests; throughput is
 * served / `arrivalSeconds` (the run's arrival window; omitted: the run's simulated time).
 */
export function summarizeRequests(
  run: ScitRunResult,
  names: readonly string[],
  arrivalSeconds: number = run.endTimeSeconds,
): Record<string, RequestSummary> {
  return Object.fromEntries(
    (run.requests ?? []).map((stats, s) => [
      names[s],
      {
        generated: stats.generated,
        served: stats.served,
        dropped: stats.dropped,
        droppedByCleansing: stats.droppedByCleansing,
        droppedByCompromise: stats.droppedByCompromise,
        inFlight: stats.inFlight,
        throughputPerSecond: arrivalSeconds > 0 ? stats.served / arrivalSeconds : 0,
        responseTimeSeconds: sampleSpread(stats.responseTimes),
      },
    ]),
  );
}

/**
 * Writes, under `outDir`, per strategy the single run's timeline (`<strategy>.levels.csv`, `.json`) and
 * its figure (`.svg`, like the paper's Figures 10/11), `summary.json` and `report.html` (all of it in one
 * page, see `paper-page.ts`). Records the files written in
 * `result.single[strategy].files`.
 */
export async function writePaperOutputs(result: PaperExperimentResult, outDir: string): Promise<void> {
  const files: [string, string][] = [];
  const figures: { strategy: string; spec: ChartSpec; file: string }[] = [];
  for (const [strategy, entry] of Object.entries(result.single)) {
    const rows = entry.run.timeline ?? [];
    const title = `Service redundancy levels — ${strategy} SCIT (seed ${result.seed})`;
    const meta = { strategy, seed: result.seed, targets: result.targets, requests: entry.requests };
    // One spec for the SVG file and the report's interactive chart.
    const spec = redundancyChart(rows, result.services, {
      title,
      maxLevel: result.hostCount,
      targets: result.targets,
    });
    const own: [string, string][] = [
      [`${strategy}.levels.csv`, timelineCsv(rows, result.services)],
      [`${strategy}.levels.json`, timelineJson(rows, result.services, meta)],
      [`${strategy}.levels.svg`, await chartSvg(spec)],
    ];
    figures.push({ strategy, spec, file: `${strategy}.levels.svg` });
    files.push(...own);
    entry.files = own.map(([name]) => join(outDir, name));
  }
  const summary = summaryJson(result);
  files.push(['summary.json', `${JSON.stringify(summary, null, 2)}\n`]);
  const page = paperReportPage(
    result,
    figures,
    summary.settings,
    files.map(([name]) => name),
  );
  files.push([REPORT_HTML, await reportHtml(page)]);
  await writeResultSet(outDir, files);
}

/**
 * The `--json` object and `summary.json` (kind `experiment`, see `result-schema.ts`): `settings` (every
 * setting in force: seeds, run length, requests, `attack`, `security`), `targets`, `warnings` and, per
 * strategy under `strategies`, the paper's summary, the security summary under attack and the request
 * summary. NaN and ±∞ become null.
 */
export function summaryJson(result: PaperExperimentResult): Record<string, unknown> {
  return jsonValues({
    schemaVersion: RESULT_SCHEMA_VERSION,
    kind: 'experiment',
    settings: {
      seeds: result.seeds,
      firstSeed: result.requestFirstSeed ?? 1,
      cyclesPerRun: result.horizonSeconds === undefined ? result.cycles : null,
      horizonSeconds: result.horizonSeconds ?? null,
      requestsInSummary: false,
      requestSeeds: { first: result.requestFirstSeed ?? 1, count: result.requestSeeds ?? 0 },
      attack: result.attack ?? null,
      security: result.security?.settings ?? null,
    },
    targets: result.targets,
    warnings: result.warnings,
    strategies: Object.fromEntries(
      Object.entries(result.summary).map(([name, s]) => [
        name,
        {
          ...strategyJson(s, result.security?.summary[name]),
          ...(result.requestSummary?.[name] === undefined ? {} : { requests: result.requestSummary[name] }),
        },
      ]),
    ),
  });
}

/** `value` as JSON values: NaN and ±∞ become null, undefined keys are dropped. */
export function jsonValues<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)),
  );
}

/**
 * One strategy as JSON: the paper-horizon metrics (`degradedCycleShare`, `belowTarget`, `delay`,
 * `maxExposureWindowSeconds`, …) and, from `security` (the long runs under attack), `mttsf`,
 * `availability`, `outagesPerEscape`, `belowMinimumShare` and `longRunDelay`. NaN and ∞ become null.
 */
export function strategyJson(s: StrategySummary, security?: StrategySummary): Record<string, unknown> {
  const attacked = security?.security;
  return {
    degradedCycleShare: s.degradedCycleShare,
    degradedRunShare: s.degradedRunShare,
    minLevel: s.minLevel,
    belowTarget: s.belowTarget,
    delay: s.delay,
    maxExposureWindowSeconds: s.maxExposureWindowSeconds,
    waitedSwitchShare: s.waitedSwitchShare,
    starvedRuns: s.starvedRuns,
    ...(attacked === undefined || security === undefined
      ? {}
      : {
          mttsf: attacked.mttsf,
          availability: attacked.availability,
          outagesPerEscape: attacked.outagesPerEscape,
          belowMinimumShare: attacked.belowMinimumShare,
          attacks: {
            attempts: attacked.attempts,
            lostAttempts: attacked.lostAttempts,
            escapes: attacked.escapes,
            defeatedByRotation: attacked.defeatedByRotation,
            escapesPerRun: attacked.escapesPerRun,
          },
          longRuns: {
            runs: attacked.runs,
            meanRunSeconds: attacked.meanRunSeconds,
            meanWindowSeconds: attacked.meanWindowSeconds,
            starvedRuns: security.starvedRuns,
            delay: security.delay,
            maxExposureWindowSeconds: security.maxExposureWindowSeconds,
          },
        }),
  };
}
