/** Plain-text rendering of the experiment: aligned tables for a terminal. */
import { join } from 'node:path';
import type { MeanTimeEstimate } from '../../analysis/stats/survival.js';
import { counted } from '../../core/text.js';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import { REPORT_HTML } from '../../report/html-page.js';
import { alignedTable, type PrintedPart, printedText, table } from '../../report/printed.js';
import type { PaperExperimentResult } from './paper-experiment.js';
import type { SecuritySettings } from './security-settings.js';
import type { SecuritySummary } from './security-summary.js';
import type { StrategySummary } from './seed-summary.js';

export { alignedTable } from '../../report/printed.js';

const percent = (share: number) => `${(100 * share).toFixed(share > 0 && share < 0.001 ? 3 : 1)}%`;
const seconds = (value: number) => `${value.toFixed(1)} s`;

/** `value [low, high]` with one formatter, or `—` when there is no value (NaN). */
function withCi(value: number, ci: readonly [number, number], format: (x: number) => string): string {
  if (Number.isNaN(value)) return '—';
  if (ci[0] === ci[1]) return format(value);
  return `${format(value)} [${format(ci[0])}, ${format(ci[1])}]`;
}

/** A share and its interval as percentages, with enough digits that the interval shows (1 to 4). */
function percentWithCi(share: number, ci: readonly [number, number]): string {
  const half = (100 * (ci[1] - ci[0])) / 2;
  const digits = half > 0 ? Math.min(4, Math.max(1, Math.ceil(-Math.log10(half)) + 1)) : 1;
  return withCi(share, ci, (x) => `${(100 * x).toFixed(digits)}%`);
}

/**
 * Mean and p99 response times in milliseconds: `12.3 / 45.6 ms`; `12.3 / ≈45.6 ms` when the p99 came
 * from the bounded histogram (within 0.01%: see `Spread.p99RelativeError`).
 */
function responseCell(times: { mean: number; p99: number; p99RelativeError?: number }): string {
  const approximate = times.p99RelativeError === undefined ? '' : '≈';
  return `${(1000 * times.mean).toFixed(1)} / ${approximate}${(1000 * times.p99).toFixed(1)} ms`;
}

/** Length of each run: `30 cycles` or `3600 s`. */
function perRunText(result: PaperExperimentResult): string {
  return result.horizonSeconds === undefined ? `${result.cycles} cycles` : `${result.horizonSeconds} s`;
}

/** Words of `text` in lines of at most `width` characters. */
export function wrap(text: string, width = 96): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Seconds as a whole number (thousands as is: 137977 s). */
const wholeSeconds = (value: number) =>
  Number.isFinite(value) ? `${Math.round(value)} s` : value > 0 ? '∞' : '—';

/** A mean time to failure: `≥ x` when censored runs make it a lower bound. */
export function formatMeanTime(estimate: MeanTimeEstimate): string {
  const text = withCi(estimate.mean, estimate.ci95, wholeSeconds);
  return estimate.lowerBound ? `≥ ${text}` : text;
}

/** The paper's many-seed summary (redundancy and delays): one column per strategy. */
export function summaryTable(result: PaperExperimentResult): string {
  return alignedTable([['', ...Object.keys(result.summary)], ...summaryRowsOf(result)]);
}

function summaryRowsOf(result: PaperExperimentResult): string[][] {
  return rotationRows(result.summary, Object.keys(result.summary), result.services, result.targets);
}

/** Rows of the rotation metrics (levels below target, delays), each with its 95% CI over seeds. */
export function rotationRows(
  summary: Record<string, StrategySummary>,
  strategies: readonly string[],
  services: readonly string[],
  targets: Record<string, number>,
): string[][] {
  const column = (f: (s: StrategySummary) => string) => strategies.map((n) => f(summary[n]));
  const rows: string[][] = [];
  for (const service of services) {
    rows.push([
      `${service}: cycles below target (${targets[service]})`,
      ...column((s) =>
        withCi(s.belowTarget[service].cycleShare.mean, s.belowTarget[service].cycleShare.ci95, percent),
      ),
    ]);
    rows.push([
      `${service}: time below target`,
      ...column((s) =>
        withCi(s.belowTarget[service].timeShare.mean, s.belowTarget[service].timeShare.ci95, percent),
      ),
    ]);
    rows.push([`${service}: lowest level`, ...column((s) => String(s.minLevel[service]))]);
  }
  rows.push(['runs with any degradation', ...column((s) => percent(s.degradedRunShare))]);
  rows.push([
    'switches delayed (P)',
    ...column((s) => percentWithCi(s.delay.probability, s.delay.probabilityCi95)),
  ]);
  rows.push([
    'mean delay given a delay',
    ...column((s) => withCi(s.delay.meanGivenDelaySeconds, s.delay.meanGivenDelayCi95, seconds)),
  ]);
  rows.push(['longest delay', ...column((s) => seconds(s.delay.maxSeconds))]);
  rows.push([
    'longest delay per run (mean)',
    ...column((s) => withCi(s.delay.meanRunMaxSeconds, s.delay.meanRunMaxCi95, seconds)),
  ]);
  rows.push(['longest exposure window (E + max)', ...column((s) => seconds(s.maxExposureWindowSeconds))]);
  rows.push(['runs stopped by starvation', ...column((s) => String(s.starvedRuns))]);
  return rows;
}

/** The security summary (runs under attack): MTTSF, availability, outages per escape; 95% CIs. */
export function securityTable(
  security: Record<string, StrategySummary>,
  services: readonly string[],
): string {
  return alignedTable([['', ...Object.keys(security)], ...securityRows(security, services)]);
}

/** Rows of {@link securityTable} (no header), one column per strategy of `security`, in its key order. */
export function securityRows(
  security: Record<string, StrategySummary>,
  services: readonly string[],
): string[][] {
  const strategies = Object.keys(security);
  const rows: string[][] = [];
  const column = (f: (s: SecuritySummary, all: StrategySummary) => string) =>
    strategies.map((n) => {
      const attacked = security[n].security;
      return attacked === undefined ? '—' : f(attacked, security[n]);
    });
  rows.push(['MTTSF, system', ...column((s) => formatMeanTime(s.mttsf.system))]);
  for (const service of services)
    rows.push([`MTTSF, ${service}`, ...column((s) => formatMeanTime(s.mttsf.services[service]))]);
  rows.push([
    'censored runs (system / per service)',
    ...column(
      (s) => `${s.mttsf.system.censored} / ${services.map((n) => s.mttsf.services[n].censored).join(' + ')}`,
    ),
  ]);
  for (const service of services)
    rows.push([
      `availability, ${service}`,
      ...column((s) =>
        percentWithCi(s.availability.services[service].mean, s.availability.services[service].ci95),
      ),
    ]);
  rows.push([
    'outages per successful escape',
    ...column((s) =>
      withCi(s.outagesPerEscape.system.mean, s.outagesPerEscape.system.ci95, (x) => x.toFixed(4)),
    ),
  ]);
  for (const service of services)
    rows.push([
      `  of which ${service}`,
      ...column((s) =>
        withCi(s.outagesPerEscape.services[service].mean, s.outagesPerEscape.services[service].ci95, (x) =>
          x.toFixed(4),
        ),
      ),
    ]);
  rows.push([
    'successful escapes per run (window)',
    ...column((s) => withCi(s.escapesPerRun.mean, s.escapesPerRun.ci95, (x) => x.toFixed(1))),
  ]);
  rows.push([
    'switches delayed (P), long runs',
    ...column((_, all) => percentWithCi(all.delay.probability, all.delay.probabilityCi95)),
  ]);
  rows.push([
    'longest exposure window, long runs',
    ...column((_, all) => seconds(all.maxExposureWindowSeconds)),
  ]);
  return rows;
}

/** The security summary with its heading: how the runs were made, then the table. */
export function securitySection(
  security: { settings: SecuritySettings; summary: Record<string, StrategySummary> },
  services: readonly string[],
  config: ResolvedScitConfig,
): PrintedPart[] {
  const { settings } = security;
  const stop =
    settings.stopWhen === 'every-service-failed'
      ? 'until every service has been down once'
      : settings.stopWhen === 'system-failure'
        ? 'until the first security failure'
        : 'to the horizon';
  const lines: PrintedPart[] = [
    ...wrap(
      `Security under attack: ${settings.seeds} seeds per strategy${
        settings.derivation.seeds === 'given' ? '' : ` (${settings.derivation.seeds})`
      }; each run lasts ${stop}, or the ` +
        `horizon H = ${settings.horizonSeconds} s (${settings.derivation.horizon}). Availability, outages ` +
        `and escapes: in the first W = ${settings.windowSeconds} s of each run (${settings.derivation.window}). ` +
        'MTTSF: mean time from t = 0 to the first instant a service is down ("≥": some runs censored at H; ' +
        'Kaplan–Meier restricted mean, a lower bound). [95% confidence intervals over seeds]:',
    ),
    '',
    table([['', ...Object.keys(security.summary)], ...securityRows(security.summary, services)]),
  ];
  const guaranteed = config.services.filter((s) => s.minimum > 1);
  if (guaranteed.length > 0) {
    const rows: string[][] = [['time below the minimum guarantee', ...Object.keys(security.summary)]];
    for (const service of guaranteed)
      rows.push([
        `${service.name} (fewer than ${service.minimum} Active VMs on healthy hosts)`,
        ...Object.values(security.summary).map((s) => {
          const e = s.security?.belowMinimumShare[service.name];
          return e === undefined ? '—' : percentWithCi(e.mean, e.ci95);
        }),
      ]);
    lines.push('', table(rows));
  }
  return lines;
}

/** The single-seed run: levels and requests per strategy. */
export function singleRunTable(result: PaperExperimentResult): string {
  return alignedTable(singleRunRows(result));
}

/** Rows of {@link singleRunTable}, the header first. */
function singleRunRows(result: PaperExperimentResult): string[][] {
  const strategies = Object.keys(result.single);
  const rows: string[][] = [['', ...strategies]];
  const get = (n: string) => result.single[n];
  rows.push(['clock cycles', ...strategies.map((n) => String(get(n).run.cycles))]);
  rows.push(['simulated time', ...strategies.map((n) => seconds(get(n).run.endTimeSeconds))]);
  result.services.forEach((service, s) => {
    rows.push([`${service}: lowest level`, ...strategies.map((n) => String(get(n).run.minLevels[s]))]);
    rows.push([
      `${service}: cycles below target`,
      ...strategies.map((n) => String(get(n).run.degradedCycles[s])),
    ]);
  });
  for (const service of result.services) {
    const req = (n: string) => get(n).requests[service];
    // A service with no workload has no request rows (a warning already said it receives none).
    if (strategies.every((n) => (req(n)?.generated ?? 0) === 0)) continue;
    rows.push([`${service} requests generated`, ...strategies.map((n) => String(req(n).generated))]);
    rows.push([
      `${service} served / dropped`,
      ...strategies.map((n) => `${req(n).served} / ${req(n).dropped}`),
    ]);
    rows.push([
      `${service} dropped at cleansing`,
      ...strategies.map((n) => String(req(n).droppedByCleansing)),
    ]);
    if (result.attack !== undefined)
      rows.push([
        `${service} dropped by a compromise`,
        ...strategies.map((n) => String(req(n).droppedByCompromise)),
      ]);
    rows.push([
      `${service} throughput (req/s)`,
      ...strategies.map((n) => req(n).throughputPerSecond.toFixed(2)),
    ]);
    rows.push([
      `${service} response mean / p99`,
      ...strategies.map((n) => responseCell(req(n).responseTimeSeconds)),
    ]);
  }
  return rows;
}

/** The request summary (many seeds with requests, rotation on): one column per strategy. */
export function requestSummaryTable(result: PaperExperimentResult): string {
  return alignedTable(requestSummaryRows(result));
}

/** Rows of {@link requestSummaryTable}, the header first. */
function requestSummaryRows(result: PaperExperimentResult): string[][] {
  const summary = result.requestSummary ?? {};
  const strategies = Object.keys(summary);
  const rows: string[][] = [['', ...strategies]];
  const services = result.services.filter((service) => summary[strategies[0]]?.[service] !== undefined);
  for (const service of services) {
    const get = (n: string) => summary[n][service];
    rows.push([
      `${service} response mean / p99`,
      ...strategies.map((n) => responseCell(get(n).responseTimeSeconds)),
    ]);
    rows.push([
      `${service} dropped at cleansing`,
      ...strategies.map((n) => percent(get(n).droppedByCleansingShare)),
    ]);
    rows.push([
      `${service} dropped at cleansing per run`,
      ...strategies.map((n) => (get(n).droppedByCleansing / get(n).runs).toFixed(2)),
    ]);
    if (result.attack !== undefined)
      rows.push([
        `${service} dropped by a compromise per run`,
        ...strategies.map((n) => (get(n).droppedByCompromise / get(n).runs).toFixed(2)),
      ]);
    rows.push([
      `${service} throughput (req/s)`,
      ...strategies.map((n) => get(n).throughputPerSecond.toFixed(2)),
    ]);
  }
  return rows;
}

/** The lines of the request summary's section in {@link paperReport} (none without a request summary). */
export function requestSummaryLines(result: PaperExperimentResult): PrintedPart[] {
  if (result.requestSummary === undefined) return [];
  return [
    `Client requests over seeds ${requestSeedRange(result)} × ${perRunText(result)}, rotation on (the summary's seeds run`,
    'again with requests; response times over every served request of every run):',
    '',
    table(requestSummaryRows(result)),
  ];
}

/** Clock cycles (1…N) after which `service` was below target in the single run, as ranges ("8–11, 24"). */
export function degradedCycleRanges(
  result: PaperExperimentResult,
  strategy: string,
  service: string,
): string {
  const s = result.services.indexOf(service);
  const target = result.targets[service];
  const cycles = (result.single[strategy]?.run.timeline ?? [])
    .filter((row) => row.cycle > 0 && row.levels[s] < target)
    .map((row) => row.cycle);
  const ranges: string[] = [];
  for (let i = 0; i < cycles.length; ) {
    let j = i;
    while (j + 1 < cycles.length && cycles[j + 1] === cycles[j] + 1) j++;
    ranges.push(i === j ? String(cycles[i]) : `${cycles[i]}–${cycles[j]}`);
    i = j + 1;
  }
  return ranges.length === 0 ? 'never' : `cycles ${ranges.join(', ')}`;
}

/** One line per strategy and service: when the single run's level was below target. */
export function figureNotes(result: PaperExperimentResult): string[] {
  return Object.keys(result.single).flatMap((strategy) =>
    result.services.map((service, s) => {
      const low = result.single[strategy].run.minLevels[s];
      return `  ${strategy.padEnd(22)} ${service.padEnd(4)} below target ${result.targets[service]}: ${degradedCycleRanges(result, strategy, service)} (lowest ${low})`;
    }),
  );
}

/** Options of {@link paperReport}. */
export interface PaperReportOptions {
  /** Where the files went (for the `summary.json` line). */
  outDir: string;
  /** Wall-clock seconds of the whole experiment, for the timing line (omitted: no timing line). */
  totalSeconds?: number;
  /** Whether to list the files written (default true; `report.html` lists them as links instead). */
  listFiles?: boolean;
}

/** `E = 180 s`, or E per service where some service has its own (`E = 60 s (Web), 180 s (DNS)`). */
export function exposureText(config: ResolvedScitConfig): string {
  return config.services.every((s) => s.exposureSeconds === config.exposureSeconds)
    ? `E = ${config.exposureSeconds} s`
    : `E = ${config.services.map((s) => `${s.exposureSeconds} s (${s.name})`).join(', ')}`;
}

/** The system in two lines: hosts, VMs, services online with minimums, times and targets. */
export function systemLines(result: PaperExperimentResult): string[] {
  const { config } = result;
  const online = config.services.map((s) => `${s.required} ${s.name}`).join(' + ');
  const minimum = config.services.map((s) => s.minimum).join(' + ');
  const targets = Object.entries(result.targets)
    .map(([service, level]) => `${service} ≥ ${counted(level, 'host')}`)
    .join(', ');
  const hosts =
    config.vmsPerHost === undefined
      ? `${config.hostCount} hosts of ${config.hostSlots.join(', ')} VMs`
      : `${config.hostCount} hosts × ${config.vmsPerHost} VMs`;
  const exposure = exposureText(config);
  return [
    `SCIT with service redundancy — ${result.systemName}: ${hosts}, ${online} online`,
    `(minimum ${minimum} VMs), ${exposure}, C = ${config.cleansingSeconds} s, G = ${config.graceSeconds} s; targets: ${targets}.`,
  ];
}

/** What `npm start` / `scitsim paper` print: the system, both tables, the figures' notes and the files. */
export function paperReport(result: PaperExperimentResult, options: PaperReportOptions): string {
  return printedText(paperReportParts(result, options));
}

/** {@link paperReport} as lines and tables (what `report.html` shows). */
export function paperReportParts(result: PaperExperimentResult, options: PaperReportOptions): PrintedPart[] {
  const out: PrintedPart[] = [...systemLines(result), ''];
  const warnings = [
    ...result.starvationWarnings.map((w) => `Warning (${w.appliesTo} strategies): ${w.message}`),
    ...result.warnings.map((warning) => `Warning: ${warning}`),
  ];
  if (warnings.length > 0) out.push(...warnings, '');
  const length =
    result.horizonSeconds === undefined ? `${result.cycles} clock cycles` : `${result.horizonSeconds} s`;
  const withRequests = Object.values(result.single).some((single) =>
    Object.values(single.requests).some((requests) => requests.generated > 0),
  );
  out.push(`Single run, seed ${result.seed}, ${length}${withRequests ? ', with client requests' : ''}:`, '');
  out.push(table(singleRunRows(result)), '');
  out.push(
    `Summary over ${counted(result.seeds, 'seed')} × ${perRunText(result)} (requests off: they do not affect rotation);`,
    '[95% confidence intervals over seeds]:',
    '',
  );
  out.push(table([['', ...Object.keys(result.summary)], ...summaryRowsOf(result)]));
  if (result.attackDescription !== undefined) out.push('', result.attackDescription);
  if (result.security !== undefined)
    out.push('', ...securitySection(result.security, result.services, result.config));
  const anyRequests = Object.values(result.requestSummary ?? {}).some((services) =>
    Object.values(services).some((service) => service.generated > 0),
  );
  if (anyRequests) out.push('', ...requestSummaryLines(result));
  out.push(
    '',
    `Figures 10/11 (seed ${result.seed}): x = clock cycle, y = redundancy level, i.e. hosts with an`,
    'Active VM of the service; one line per service. In this run:',
    ...figureNotes(result),
  );
  const files = Object.values(result.single).flatMap((entry) => entry.files);
  if (files.length > 0 && options.listFiles !== false) {
    out.push('', 'Files written:', ...files.map((file) => `  ${file}`));
    out.push(`  ${join(options.outDir, 'summary.json')}  (the many-seed summary, as printed by --json)`);
    out.push(
      `  ${join(options.outDir, REPORT_HTML)}  (all of the above with interactive figures, for a browser)`,
    );
  }
  if (result.systemName === "the paper's system")
    out.push(
      '',
      'Exact values of the summary (Markov chain, ~8 s): npx tsx examples/paper/exact.ts',
      '(where scitsim is installed: npx tsx node_modules/scitsim/examples/paper/exact.ts)',
    );
  if (options.totalSeconds !== undefined)
    out.push(
      '',
      `Summary computed in ${((result.summaryMillis ?? 0) / 1000).toFixed(2)} s; whole experiment ${options.totalSeconds.toFixed(2)} s.`,
    );
  return out;
}

/** The seeds of the request summary, e.g. `1…20`. */
export function requestSeedRange(result: PaperExperimentResult): string {
  const runs = result.requestSeeds ?? 0;
  const from = result.requestFirstSeed ?? 1;
  return runs <= 1 ? String(from) : `${from}…${from + runs - 1}`;
}
