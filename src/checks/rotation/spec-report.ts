/**
 * A spec-check report as text: one line per property; for each failure the shrunk case as JSON, the
 * decisions up to the violation and the command line that replays it; then coverage and timings.
 */
import { defaultCaseDurationSeconds } from './case-run.js';
import type { ScitCase } from './spec-arbitrary.js';
import type { DecisionRecord, PropertyOutcome, SpecCheckReport } from './spec-checker.js';

/** How the check was invoked, to print a replay command line. */
export interface SpecInvocation {
  /** Everything before the replay options, e.g. `scitsim check my-strategy.ts --export Mine`. */
  command: string;
  /** Options that change what is checked (claims, --long), appended to the replay line. */
  flags: readonly string[];
  /**
   * The strategy as a scenario names it (a built-in name, or its module as an absolute path and the
   * export): with it, a counterexample is printed as a scenario file that `scitsim run` runs.
   */
  strategy?: string | { readonly file: string; readonly export?: string };
}

/**
 * A counterexample as a `scit` scenario document: the case's system and layout, one run of the case's
 * seed for the case's duration, the strategy, no attacks and no client requests. Its single run (seed
 * `seed`) is the case's run: `scitsim run` on it reproduces the failure.
 */
export function counterexampleScenario(
  scitCase: ScitCase,
  property: string,
  strategy: NonNullable<SpecInvocation['strategy']>,
): Record<string, unknown> {
  const what = scitCase.name === undefined ? 'a generated case' : `the fixed case "${scitCase.name}"`;
  return {
    kind: 'scit',
    name: `counterexample of ${property} (${what})`,
    ...scitCase.config,
    strategies: [strategy],
    attack: null,
    requests: { seeds: 0 },
    seed: scitCase.seed,
    firstSeed: scitCase.seed,
    seeds: 1,
    horizonSeconds: scitCase.durationSeconds ?? defaultCaseDurationSeconds(scitCase.config),
  };
}

/** JSON with objects indented and arrays of plain values on one line (a layout stays readable). */
export function compactJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value);
    const inner = `${indent}  `;
    return `[\n${value.map((v) => inner + compactJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    if (entries.every(([, v]) => v === null || typeof v !== 'object') && entries.length <= 6)
      return JSON.stringify(Object.fromEntries(entries)).replace(/,"/g, ', "').replace(/":/g, '": ');
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function seconds(value: number | undefined): string {
  return value === undefined ? '' : `${value.toFixed(2)} s`;
}

/** A time of a trace: seconds with two decimals, so that the columns line up. */
function at(secondsValue: number): string {
  return `${secondsValue.toFixed(2)}s`;
}

function describeDecision(d: DecisionRecord, serviceNames: readonly string[], width: number): string {
  const service = serviceNames[d.service] ?? `service ${d.service}`;
  const late = d.timeSeconds > d.expiredAtSeconds ? ` (expired ${at(d.expiredAtSeconds)})` : '';
  const what =
    d.outcome === 'switch'
      ? `spare ${d.spare} (host ${d.spareHost})`
      : d.outcome === 'wait'
        ? `wait: ${d.detail}`
        : d.outcome === 'invalid'
          ? `returned ${d.detail}`
          : `threw ${d.detail}`;
  const number = `#${d.number}`.padEnd(7);
  const levels = d.levelsAfter.map((level, s) => `${serviceNames[s] ?? `service ${s}`} ${level}`).join(', ');
  const decision = `VM ${d.vm} (${service}, host ${d.host})${late} -> ${what}`;
  return `${number} t=${at(d.timeSeconds).padStart(width)}  ${decision.padEnd(52)}  levels: ${levels}${d.risky ? '   [risky]' : ''}`;
}

function failureDetails(outcome: PropertyOutcome, invocation: SpecInvocation | undefined): string[] {
  const lines: string[] = [];
  const c = outcome.counterexample;
  const shrunk =
    c?.name !== undefined
      ? `the fixed case "${c.name}"`
      : outcome.shrinks === undefined
        ? 'a generated case'
        : `a generated case, shrunk ${outcome.shrinks} time(s)`;
  const strategy = invocation?.strategy;
  // A module that never loads or a constructor that never returns stops the check before any case.
  if (c === undefined) lines.push('', `Failure of ${outcome.property} (before any case):`);
  else if (strategy !== undefined)
    lines.push(
      '',
      `Counterexample of ${outcome.property} (${shrunk}), as a scenario file: save it and \`scitsim run FILE\` runs the failing case (its single run):`,
      compactJson(counterexampleScenario(c, outcome.property, strategy)),
    );
  else lines.push('', `Counterexample of ${outcome.property} (${shrunk}):`, compactJson(c));
  lines.push(`Violation: ${outcome.violation}`);
  if (outcome.needsEarlierCases)
    lines.push(
      'Note: replayed alone in a fresh process, this case did not fail; it failed here after the earlier ' +
        'cases of the check: the strategy keeps state between runs (module-level or static). ' +
        'Re-run the whole check with its seed to see it again.',
    );
  else if (outcome.reproducible === false)
    lines.push(
      `Note: replayed alone (${outcome.replayedIn === 'fresh-process' ? 'in a fresh process' : 'with a fresh instance'}), this case did not fail: the strategy is not deterministic.`,
    );
  const trace = outcome.trace ?? [];
  if (trace.length > 0) {
    const names = c?.config.services.map((s) => s.name) ?? [];
    lines.push(
      `Decisions up to the violation (last ${trace.length} of ${outcome.decisions ?? trace.length}):`,
    );
    const width = Math.max(...trace.map((d) => at(d.timeSeconds).length));
    for (const d of trace) lines.push(`  ${describeDecision(d, names, width)}`);
  }
  if (outcome.path === undefined && invocation !== undefined)
    lines.push(
      `Re-run: ${[invocation.command, ...invocation.flags, '--seed', String(outcome.seed)].join(' ')}`,
    );
  if (outcome.path !== undefined && outcome.needsEarlierCases && invocation !== undefined)
    lines.push(
      `Re-run: ${[invocation.command, ...invocation.flags, '--seed', String(outcome.seed)].join(' ')}`,
    );
  else if (outcome.path !== undefined)
    lines.push(
      invocation === undefined
        ? `Replay: { seed: ${outcome.seed}, path: "${outcome.path}" }`
        : `Replay: ${[invocation.command, ...invocation.flags, '--seed', String(outcome.seed), '--path', outcome.path].join(' ')}`,
    );
  return lines;
}

function coverageLines(report: SpecCheckReport): string[] {
  const c = report.coverage;
  if (c === undefined || c.cases === 0) return [];
  const bins = (h: { label: string; count: number }[]) => h.map((b) => `${b.label}:${b.count}`).join(' ');
  const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
  return [
    '',
    `Coverage (${c.cases} cases; largest ${c.largest.hosts} hosts, ${c.largest.services} services, ${c.largest.vms} VMs, ${c.largest.decisions} decisions):`,
    `  hosts               ${bins(c.hosts)}`,
    `  services            ${bins(c.services)}`,
    `  decisions per case  ${bins(c.decisionsPerCase)}`,
    `  ${c.decisions} decisions (${c.switches} switches, ${c.waits} waits); risky (some spare would break a target): ${c.riskyDecisions} = ${percent(c.riskyShare)}`,
    `  cases reaching a risky decision: ${c.casesWithRiskyDecision} of ${c.cases}; beyond one simulated day: ${c.casesBeyondOneDay}; ` +
      `with no offline VM: ${c.noOfflineCases}; stopped at the decision cap: ${c.truncatedCases}`,
  ];
}

/** A report as aligned text (what `scitsim check` prints). */
export function formatSpecReport(report: SpecCheckReport, invocation?: SpecInvocation): string {
  const claims = [
    report.claims.preservesRedundancy ? 'redundancy' : undefined,
    report.claims.progress
      ? `progress (${report.claims.preservesRedundancy ? 'target-keeping' : 'any live'} spare)`
      : undefined,
    report.claims.liveWhen === undefined ? undefined : `liveness when ${report.claims.liveWhen}`,
  ].filter((x) => x !== undefined);
  const hints: Record<string, string> = {
    redundancy: 'redundancy (--no-preserves-redundancy drops it)',
    progress: 'progress (--progress)',
    liveness: 'liveness (--live-when any-offline|every-host-offline)',
  };
  const lines = [
    `Spec check of "${report.strategy}" (bound with container.rebind(ROTATION_STRATEGY)):`,
    `claims: ${claims.join(', ') || 'none beyond the basics'}` +
      (report.notClaimed.length > 0
        ? `; not claimed: ${report.notClaimed.map((p) => hints[p] ?? p).join(', ')}`
        : ''),
    report.path === undefined
      ? `${report.numRuns} cases per property (the fixed cases first)${report.long ? ', each one to seven simulated days' : ''}, seed ${report.seed}`
      : `replaying seed ${report.seed}, path ${report.path}`,
    '',
  ];
  for (const outcome of report.outcomes) {
    const verdict = outcome.ok ? 'ok  ' : 'FAIL';
    lines.push(
      `  ${verdict} ${outcome.property.padEnd(22)} ${String(outcome.numRuns).padStart(4)} cases  seed ${outcome.seed}  ${seconds(outcome.seconds)}`.trimEnd(),
    );
    if (!outcome.ok) {
      lines.push(`       ${outcome.violation}`);
      if (outcome.path !== undefined)
        lines.push(`       replay: ${JSON.stringify({ seed: outcome.seed, path: outcome.path })}`);
    }
  }
  for (const outcome of report.outcomes) if (!outcome.ok) lines.push(...failureDetails(outcome, invocation));
  lines.push(...coverageLines(report));
  if (report.timings !== undefined) {
    const t = report.timings;
    lines.push(
      '',
      `Time: ${t.totalSeconds.toFixed(2)} s — simulating the cases ${t.simulateSeconds.toFixed(2)} s (shared by every property), ` +
        `determinism re-runs ${t.determinismSeconds.toFixed(2)} s; per property as listed above.`,
    );
  }
  for (const warning of report.warnings) lines.push(`Warning: ${warning}`);
  lines.push('', report.ok ? 'All properties hold.' : 'Some properties fail (see above).');
  return lines.join('\n');
}
