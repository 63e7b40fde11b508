/** Analytic model (b) against the simulation, for rotating-chain.test.ts and its long version. */

import { averagedRotatingMttsf } from '../../../../src/analysis/ctmc/rotating-chain.js';
import { resolveScitConfig } from '../../../../src/entities/scit/config.js';
import { paperScitConfig } from '../../../../src/entities/scit/paper-system.js';
import { summarizeSeeds } from '../../../../src/experiments/scit/seed-summary.js';
import { VmEscapeAttack, type VmEscapeOptions } from '../../../../src/policies/attacks/vm-escape.js';
import { createRunContainer, withRotation } from '../../../../src/runs/container.js';

export interface Cell {
  readonly exposureSeconds: number;
  readonly escape: 'fixed' | 'exponential';
  readonly strategy: string;
}

/** The grid of cells compared: where the chain is exact (exponential R; fixed or exponential D). */
export const GRID: readonly Cell[] = [
  { exposureSeconds: 180, escape: 'fixed', strategy: 'conventional' },
  { exposureSeconds: 180, escape: 'fixed', strategy: 'redundancy-preserving' },
  { exposureSeconds: 60, escape: 'fixed', strategy: 'conventional' },
  { exposureSeconds: 90, escape: 'exponential', strategy: 'redundancy-preserving' },
];

/** Four comparisons, family-wise 95% (Bonferroni: z = 2.50 per comparison). */
export const Z_FAMILY = 2.498;

/**
 * The system MTTSF of the paper's system with exposure E = `cell.exposureSeconds`, attacks every 300 s
 * on average, escapes of D = 30 s: model (b) averaged over 20 schedules and `seeds` simulated runs (none
 * censored); their absolute difference and the standard error of that difference.
 */
export function analyticVsSimulated(
  cell: Cell,
  seeds: number,
): { difference: number; standardError: number } {
  const config = resolveScitConfig({ ...paperScitConfig(), exposureSeconds: cell.exposureSeconds });
  const container = withRotation(createRunContainer(), cell.strategy);
  const options: VmEscapeOptions = {
    meanIntervalSeconds: 300,
    escapeSeconds: 30,
    escapeDistribution: cell.escape,
    recoverySeconds: 60,
    recoveryDistribution: 'exponential',
  };
  const analytic = averagedRotatingMttsf(container, config, new VmEscapeAttack().rates(options, config), 20, {
    escape: options,
  });
  const simulated = summarizeSeeds(container, config, {
    seeds,
    horizonSeconds: 1e7,
    attack: options,
    security: { stopWhen: 'system-failure' },
  }).security?.mttsf.system;
  if (simulated === undefined) throw new Error('no security summary');
  if (simulated.censored !== 0) throw new Error(`${simulated.censored} runs censored`);
  const simulatedSe = (simulated.ci95[1] - simulated.ci95[0]) / 2 / 1.96;
  return {
    difference: Math.abs(analytic.mttsf - simulated.mean),
    standardError: Math.hypot(simulatedSe, analytic.standardError),
  };
}
