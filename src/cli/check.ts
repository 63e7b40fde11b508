/**
 * `scitsim check FILE`: runs the rotation-strategy spec checker on a researcher's own strategy class,
 * bound in place of the default with `container.rebind(ROTATION_STRATEGY).to(TheirClass)`.
 */
import { Command } from '@commander-js/extra-typings';
import { ROTATION_STRATEGY } from '../entities/scit/rotation-strategy.js';
import { createRunContainer } from '../experiments/container.js';
import { loadStrategyClass } from '../experiments/plugins.js';
import { checkRotationInvariants, type SpecCheckReport } from '../policies/scit/spec-checker.js';
import { wholeNumber } from './args.js';

/** A report as aligned text: one line per property, with the replay seed and path of each failure. */
export function formatSpecReport(report: SpecCheckReport): string {
  const lines = [`Spec check of "${report.strategy}" (bound with container.rebind(ROTATION_STRATEGY)):`, ''];
  for (const outcome of report.outcomes) {
    const verdict = outcome.ok ? 'ok  ' : 'FAIL';
    lines.push(
      `  ${verdict} ${outcome.property.padEnd(22)} ${String(outcome.numRuns).padStart(4)} cases  seed ${outcome.seed}`,
    );
    if (!outcome.ok)
      lines.push(
        `       ${outcome.violation}`,
        `       replay: ${JSON.stringify({ seed: outcome.seed, path: outcome.path })}`,
      );
  }
  lines.push('', report.ok ? 'All properties hold.' : 'Some properties fail (see above).');
  return lines.join('\n');
}

/** The `check` command. */
export function checkCommand() {
  return new Command('check')
    .description("Run the rotation-strategy spec checker (fast-check) on your own strategy's module")
    .argument('<file>', 'a .ts or .js module exporting a RotationStrategy class (@injectable)')
    .option('--export <name>', 'which exported class to check (default: the only one)')
    .option('--runs <n>', 'generated configurations per property', wholeNumber('--runs', 1), 100)
    .option('--seed <n>', 'fast-check seed (replays a previous run)', wholeNumber('--seed'))
    .option(
      '--no-preserves-redundancy',
      'do not claim the redundancy invariant (e.g. a conventional-like strategy)',
    )
    .action(async (file, opts) => {
      const strategyClass = await loadStrategyClass(file, opts.export);
      const container = createRunContainer();
      container.rebind(ROTATION_STRATEGY).to(strategyClass);
      const report = checkRotationInvariants(() => container.get(ROTATION_STRATEGY), {
        numRuns: opts.runs,
        seed: opts.seed,
        claims: { preservesRedundancy: opts.preservesRedundancy },
      });
      console.log(formatSpecReport(report));
      if (!report.ok) process.exitCode = 1;
    });
}
