/** Plain-text rendering of the experiment: aligned tables for a terminal. */
import { join } from 'node:path';
import { type PaperExperimentResult, requestSeedRange } from './paper-experiment.js';

/** Renders rows as an aligned table; the first row is the header. Numbers align right. */
export function alignedTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const numeric = (text: string) => /^[-+]?[\d.,%]+( \/ [\d.]+)?( s| ms)?$/.test(text);
  const render = (row: readonly string[]) =>
    row
      .map((cell, c) => (c > 0 && numeric(cell) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [render(rows[0]), rule, ...rows.slice(1).map(render)].join('\n');
}

const percent = (share: number) => `${(100 * share).toFixed(share > 0 && share < 0.001 ? 3 : 1)}%`;
const seconds = (value: number) => `${value.toFixed(1)} s`;

/** The many-seed summary: one column per strategy. */
export function summaryTable(result: PaperExperimentResult): string {
  const strategies = Object.keys(result.summary);
  const column = (f: (name: string) => string) => strategies.map(f);
  const rows: string[][] = [['', ...strategies]];
  for (const service of result.services) {
    rows.push([
      `${service}: cycles below target (${result.targets[service]})`,
      ...column((n) => percent(result.summary[n].degradedCycleShare[service])),
    ]);
    rows.push([`${service}: lowest level`, ...column((n) => String(result.summary[n].minLevel[service]))]);
  }
  rows.push(['runs with any degradation', ...column((n) => percent(result.summary[n].degradedRunShare))]);
  rows.push(['switches that had to wait', ...column((n) => percent(result.summary[n].waitedSwitchShare))]);
  for (const key of ['mean', 'p99', 'max'] as const)
    rows.push([
      `extra exposure ${key}`,
      ...column((n) => seconds(result.summary[n].extraExposureSeconds[key])),
    ]);
  rows.push(['runs stopped by starvation', ...column((n) => String(result.summary[n].starvedRuns))]);
  rows.push(['minimum-guarantee violations', ...column((n) => String(result.summary[n].minimumViolations))]);
  if (result.attack !== undefined) {
    for (const service of result.services) {
      rows.push([
        `${service} down under VM escape (time)`,
        ...column((n) => percent(result.summary[n].attack?.downShare[service] ?? 0)),
      ]);
      rows.push([
        `runs with a ${service} outage`,
        ...column((n) => percent(result.summary[n].attack?.runsWithOutageShare[service] ?? 0)),
      ]);
      rows.push([
        `${service} outages from a single escape`,
        ...column((n) => String(result.summary[n].attack?.singleEscapeOutages[service] ?? 0)),
      ]);
    }
  }
  return alignedTable(rows);
}

/** The single-seed run: levels and requests per strategy. */
export function singleRunTable(result: PaperExperimentResult): string {
  const strategies = Object.keys(result.single);
  const rows: string[][] = [['', ...strategies]];
  const get = (n: string) => result.single[n];
  rows.push(['clock cycles', ...strategies.map((n) => String(get(n).run.cycles))]);
  rows.push(['simulated time', ...strategies.map((n) => seconds(get(n).run.endTimeSeconds))]);
  for (const service of result.services) {
    const s = result.services.indexOf(service);
    rows.push([`${service}: lowest level`, ...strategies.map((n) => String(get(n).run.minLevels[s]))]);
    rows.push([
      `${service}: cycles below target`,
      ...strategies.map((n) => String(get(n).run.degradedCycles[s])),
    ]);
  }
  for (const service of result.services) {
    const req = (n: string) => get(n).requests[service];
    if (req(strategies[0]) === undefined) continue;
    rows.push([`${service} requests generated`, ...strategies.map((n) => String(req(n).generated))]);
    rows.push([
      `${service} served / dropped`,
      ...strategies.map((n) => `${req(n).served} / ${req(n).dropped}`),
    ]);
    rows.push([
      `${service} dropped at cleansing`,
      ...strategies.map((n) => String(req(n).droppedByCleansing)),
    ]);
    rows.push([
      `${service} throughput (req/s)`,
      ...strategies.map((n) => req(n).throughputPerSecond.toFixed(2)),
    ]);
    rows.push([
      `${service} response mean / p99`,
      ...strategies.map(
        (n) =>
          `${(1000 * req(n).responseTimeSeconds.mean).toFixed(1)} / ${(1000 * req(n).responseTimeSeconds.p99).toFixed(1)} ms`,
      ),
    ]);
  }
  return alignedTable(rows);
}

/** The request summary (many seeds with requests, rotation on): one column per strategy. */
export function requestSummaryTable(result: PaperExperimentResult): string {
  const summary = result.requestSummary ?? {};
  const strategies = Object.keys(summary);
  const rows: string[][] = [['', ...strategies]];
  const services = result.services.filter((service) => summary[strategies[0]]?.[service] !== undefined);
  const ms = (seconds: number) => (1000 * seconds).toFixed(1);
  for (const service of services) {
    const get = (n: string) => summary[n][service];
    rows.push([
      `${service} response mean / p99`,
      ...strategies.map(
        (n) => `${ms(get(n).responseTimeSeconds.mean)} / ${ms(get(n).responseTimeSeconds.p99)} ms`,
      ),
    ]);
    rows.push([
      `${service} dropped at cleansing`,
      ...strategies.map((n) => percent(get(n).droppedByCleansingShare)),
    ]);
    rows.push([
      `${service} dropped at cleansing per run`,
      ...strategies.map((n) => (get(n).droppedByCleansing / get(n).runs).toFixed(2)),
    ]);
    rows.push([
      `${service} throughput (req/s)`,
      ...strategies.map((n) => get(n).throughputPerSecond.toFixed(2)),
    ]);
  }
  return alignedTable(rows);
}

/** The lines of the request summary's section in {@link paperReport} (none without a request summary). */
export function requestSummaryLines(result: PaperExperimentResult): string[] {
  if (result.requestSummary === undefined) return [];
  const perRun =
    result.horizonSeconds === undefined ? `${result.cycles} cycles` : `${result.horizonSeconds} s`;
  return [
    `Client requests over seeds ${requestSeedRange(result)} × ${perRun}, rotation on (the summary's seeds run`,
    'again with requests; response times over every served request of every run):',
    '',
    requestSummaryTable(result),
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
    result.services.map((service) => {
      const s = result.services.indexOf(service);
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
}

/** The system in two lines: hosts, VMs, services online with minimums, times and targets. */
export function systemLines(result: PaperExperimentResult): string[] {
  const { config } = result;
  const online = config.services.map((s) => `${s.required} ${s.name}`).join(' + ');
  const minimum = config.services.map((s) => s.minimum).join(' + ');
  const targets = Object.entries(result.targets)
    .map(([service, level]) => `${service} ≥ ${level} hosts`)
    .join(', ');
  return [
    `SCIT with service redundancy — ${result.systemName}: ${config.hostCount} hosts × ${config.vmsPerHost} VMs, ${online} online`,
    `(minimum ${minimum}), E = ${config.exposureSeconds} s, C = ${config.cleansingSeconds} s, G = ${config.graceSeconds}; targets: ${targets}.`,
  ];
}

/** What `npm start` / `scitsim paper` print: the system, both tables, the figures' notes and the files. */
export function paperReport(result: PaperExperimentResult, options: PaperReportOptions): string {
  const out: string[] = [...systemLines(result), ''];
  for (const warning of result.starvationWarnings)
    out.push(`Warning (${warning.appliesTo} strategies): ${warning.message}`, '');
  for (const warning of result.warnings) out.push(`Warning: ${warning}`, '');
  const length =
    result.horizonSeconds === undefined ? `${result.cycles} clock cycles` : `${result.horizonSeconds} s`;
  const perRun =
    result.horizonSeconds === undefined ? `${result.cycles} cycles` : `${result.horizonSeconds} s`;
  out.push(`Single run, seed ${result.seed}, ${length}, with client requests:`, '');
  out.push(singleRunTable(result), '');
  out.push(`Summary over ${result.seeds} seeds × ${perRun} (requests off: they do not affect rotation):`, '');
  out.push(summaryTable(result));
  if (result.attackDescription !== undefined) out.push('', result.attackDescription);
  if (result.requestSummary !== undefined) out.push('', ...requestSummaryLines(result));
  out.push(
    '',
    `Figures 10/11 (seed ${result.seed}): x = clock cycle, y = redundancy level, i.e. hosts with an`,
    'Active VM of the service; one line per service. In this run:',
    ...figureNotes(result),
  );
  const files = Object.values(result.single).flatMap((entry) => entry.files);
  if (files.length > 0) {
    out.push('', 'Files written:', ...files.map((file) => `  ${file}`));
    out.push(`  ${join(options.outDir, 'summary.json')}  (the many-seed summary, as printed by --json)`);
  }
  if (result.systemName === "the paper's system")
    out.push('', 'Exact values of the summary (Markov chain, ~8 s): npx tsx examples/paper/exact.ts');
  if (options.totalSeconds !== undefined)
    out.push(
      '',
      `Summary computed in ${((result.summaryMillis ?? 0) / 1000).toFixed(2)} s; whole experiment ${options.totalSeconds.toFixed(2)} s.`,
    );
  return out.join('\n');
}
