/**
 * What the generated cases covered: histograms of hosts, services and decisions per case, and how
 * many decisions were risky (some live spare would have broken a target). Printed with every report,
 * so that "all properties hold" can be read against what was actually tried.
 */
import type { CaseStats } from './case-run.js';

export interface HistogramBin {
  label: string;
  count: number;
}

export interface SpecCoverage {
  /** Cases simulated (fixed and generated). */
  cases: number;
  hosts: HistogramBin[];
  services: HistogramBin[];
  decisionsPerCase: HistogramBin[];
  decisions: number;
  switches: number;
  waits: number;
  riskyDecisions: number;
  /** riskyDecisions / decisions (0 when there was none). */
  riskyShare: number;
  /** Cases with at least one risky decision. */
  casesWithRiskyDecision: number;
  /** Cases that ran beyond one simulated day. */
  casesBeyondOneDay: number;
  /** Cases stopped at the per-case decision cap. */
  truncatedCases: number;
  /** Cases with no offline VM (what `starvation-detection` runs on). */
  noOfflineCases: number;
  largest: { hosts: number; services: number; vms: number; decisions: number };
}

const HOST_BINS: [number, number][] = [
  [1, 1],
  [2, 3],
  [4, 7],
  [8, 12],
  [13, 20],
  [21, 32],
];
const SERVICE_BINS: [number, number][] = [
  [1, 1],
  [2, 2],
  [3, 4],
  [5, 6],
  [7, 8],
];
const DECISION_BINS: [number, number][] = [
  [0, 0],
  [1, 9],
  [10, 99],
  [100, 999],
  [1000, 9999],
  [10_000, Number.POSITIVE_INFINITY],
];

function label([low, high]: [number, number]): string {
  if (high === Number.POSITIVE_INFINITY) return `${low}+`;
  return low === high ? String(low) : `${low}-${high}`;
}

function histogram(bins: [number, number][], values: readonly number[]): HistogramBin[] {
  return bins.map((bin) => ({
    label: label(bin),
    count: values.filter((v) => v >= bin[0] && v <= bin[1]).length,
  }));
}

/** Collects the stats of simulated cases. */
export class CoverageCollector {
  private readonly stats: CaseStats[] = [];

  add(stats: CaseStats): void {
    this.stats.push(stats);
  }

  result(): SpecCoverage {
    const all = this.stats;
    const sum = (f: (s: CaseStats) => number) => all.reduce((n, s) => n + f(s), 0);
    const decisions = sum((s) => s.decisions);
    const risky = sum((s) => s.riskyDecisions);
    const max = (f: (s: CaseStats) => number) => all.reduce((m, s) => Math.max(m, f(s)), 0);
    return {
      cases: all.length,
      hosts: histogram(
        HOST_BINS,
        all.map((s) => s.hosts),
      ),
      services: histogram(
        SERVICE_BINS,
        all.map((s) => s.services),
      ),
      decisionsPerCase: histogram(
        DECISION_BINS,
        all.map((s) => s.decisions),
      ),
      decisions,
      switches: sum((s) => s.switches),
      waits: sum((s) => s.waits),
      riskyDecisions: risky,
      riskyShare: decisions === 0 ? 0 : risky / decisions,
      casesWithRiskyDecision: all.filter((s) => s.riskyDecisions > 0).length,
      casesBeyondOneDay: all.filter((s) => s.endTimeSeconds > 86_400).length,
      truncatedCases: all.filter((s) => s.truncated).length,
      noOfflineCases: all.filter((s) => s.noOfflineVm).length,
      largest: {
        hosts: max((s) => s.hosts),
        services: max((s) => s.services),
        vms: max((s) => s.vms),
        decisions: max((s) => s.decisions),
      },
    };
  }
}
