/**
 * The spec checker's default check (100 cases per property, the fixed cases first, every claimed
 * property) of each built-in strategy, in this thread: total seconds, the shared simulation of the
 * cases, the determinism re-runs, and seconds per property. Then the same through `scitsim check`'s
 * path (a worker thread with its watchdog; includes starting the worker and loading TypeScript).
 * Target: at most 20 s for the default check of a strategy as fast as the built-ins.
 */
import { checkStrategyModule } from '../src/checks/host/check-host.js';
import { BUILTIN_CLAIMS, checkRotationInvariants } from '../src/checks/rotation/spec-checker.js';
import { type RotationStrategyName, rotationStrategyClass } from '../src/policies/scit/module.js';
import type { BenchResult } from './run.js';

const STRATEGIES: RotationStrategyName[] = ['redundancy-preserving', 'conventional', 'reserve-aware'];

export async function run(opts: { quick: boolean }): Promise<BenchResult[]> {
  const numRuns = opts.quick ? 20 : 100;
  const results: BenchResult[] = [];
  for (const name of STRATEGIES) {
    const strategyClass = rotationStrategyClass(name);
    const report = checkRotationInvariants(strategyClass, {
      claims: BUILTIN_CLAIMS[name],
      numRuns,
      seed: 1,
      clock: () => performance.now(),
    });
    if (!report.ok) throw new Error(`spec check of ${name} failed: ${JSON.stringify(report.outcomes)}`);
    const t = report.timings;
    if (t === undefined) throw new Error('no timings');
    results.push(
      { name: `${name}: default check, ${numRuns} cases, total`, value: t.totalSeconds, unit: 's' },
      { name: `${name}: simulating the cases (shared)`, value: t.simulateSeconds, unit: 's' },
      { name: `${name}: decisions simulated`, value: report.coverage?.decisions ?? 0, unit: 'decisions' },
    );
    for (const outcome of report.outcomes)
      results.push({ name: `${name}: ${outcome.property}`, value: outcome.seconds ?? 0, unit: 's' });
  }
  const started = performance.now();
  const viaWorker = await checkStrategyModule(
    { builtin: 'redundancy-preserving' },
    {
      claims: BUILTIN_CLAIMS['redundancy-preserving'] as { preservesRedundancy: boolean; progress: boolean },
      numRuns,
      seed: 1,
    },
  );
  if (!viaWorker.ok) throw new Error('spec check of redundancy-preserving failed in the worker');
  results.push({
    name: `redundancy-preserving: default check in a worker (as scitsim check), ${numRuns} cases`,
    value: (performance.now() - started) / 1000,
    unit: 's',
  });
  return results;
}
