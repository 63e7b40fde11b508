/**
 * Security under attack (issue 11, requirement 7): the MTTSF of the paper preset (vm-escape, A = 300 s,
 * D = 30 s, R = 60 s) for both strategies over 1000 seeds — each run until the system's first security
 * failure — target ≤ 10 s; and the cost per simulated hour. Also the full preset summary (runs until
 * every service has failed, availability window), what `scitsim security` and `npm start` compute.
 */
import { resolveScitConfig } from '../src/entities/scit/config.js';
import { paperScitConfig } from '../src/entities/scit/paper-system.js';
import { PAPER_ATTACK, PAPER_STRATEGIES } from '../src/experiments/scit/paper-experiment.js';
import { resolveSecuritySettings } from '../src/experiments/scit/security-settings.js';
import { summarizeSeeds } from '../src/experiments/scit/seed-summary.js';
import { VmEscapeAttack } from '../src/policies/attacks/vm-escape.js';
import { createRunContainer, withRotation } from '../src/runs/container.js';
import type { BenchResult } from './run.js';

export async function run(opts: { quick: boolean }): Promise<BenchResult[]> {
  const seeds = opts.quick ? 200 : 1000;
  const config = resolveScitConfig(paperScitConfig());
  const base = createRunContainer();
  const strategies = PAPER_STRATEGIES.map((name) => withRotation(base, name));
  const settings = resolveSecuritySettings({}, new VmEscapeAttack(), PAPER_ATTACK, config, seeds);
  const measure = (stopWhen: 'system-failure' | 'every-service-failed', window: boolean) => {
    const started = performance.now();
    let simulatedSeconds = 0;
    const mttsf: number[] = [];
    for (const container of strategies) {
      const summary = summarizeSeeds(container, config, {
        seeds,
        horizonSeconds: settings.horizonSeconds,
        attack: PAPER_ATTACK,
        security: window ? { windowSeconds: settings.windowSeconds, stopWhen } : { stopWhen },
      });
      const security = summary.security;
      if (security === undefined) throw new Error('no security summary');
      simulatedSeconds += security.meanRunSeconds * security.runs;
      mttsf.push(security.mttsf.system.mean);
    }
    return { seconds: (performance.now() - started) / 1000, simulatedHours: simulatedSeconds / 3600, mttsf };
  };
  measure('system-failure', false); // warm-up (JIT)
  const system = measure('system-failure', false);
  const full = measure('every-service-failed', true);
  const microseconds = (m: { seconds: number; simulatedHours: number }) =>
    (1e6 * m.seconds) / m.simulatedHours;
  return [
    {
      name: `MTTSF of the preset, ${seeds} seeds × 2 strategies (target ≤ 10 s)`,
      value: system.seconds,
      unit: 's',
    },
    { name: '  cost per simulated hour', value: microseconds(system), unit: 'µs/h' },
    { name: '  simulated time', value: system.simulatedHours, unit: 'h' },
    { name: '  MTTSF conventional / redundancy-preserving', value: system.mttsf[0], unit: 's' },
    { name: '  (redundancy-preserving)', value: system.mttsf[1], unit: 's' },
    {
      name: `full preset summary (every service fails, window W), ${seeds} seeds × 2`,
      value: full.seconds,
      unit: 's',
    },
    { name: '  cost per simulated hour', value: microseconds(full), unit: 'µs/h' },
    { name: '  simulated time', value: full.simulatedHours, unit: 'h' },
  ];
}
