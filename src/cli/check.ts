/**
 * `scitsim check FILE`: runs the rotation-strategy spec checker on a researcher's own strategy class,
 * bound in place of the default with `container.rebind(ROTATION_STRATEGY).to(TheirClass)`.
 */
import { Command } from '@commander-js/extra-typings';
import { ROTATION_STRATEGY } from '../entities/scit/rotation-strategy.js';
import { createRunContainer } from '../experiments/container.js';
import { loadStrategyClass } from '../experiments/plugins.js';
import { checkRotationInvariants } from '../policies/scit/spec-checker.js';
import { wholeNumber } from './args.js';
import { formatSpecReport } from './spec-report.js';

export { formatSpecReport } from './spec-report.js';

/** The `check` command. */
export function checkCommand() {
  return new Command('check')
    .description("Run the rotation-strategy spec checker (fast-check) on your own strategy's module")
    .argument('<file>', 'a .ts or .js module exporting a RotationStrategy class (@injectable)')
    .option('--export <name>', 'which exported class to check (default: the only one)')
    .option('--runs <n>', 'cases per property, the fixed cases first', wholeNumber('--runs', 1), 100)
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
        clock: () => performance.now(),
      });
      const command = [
        'scitsim check',
        file,
        ...(opts.export === undefined ? [] : ['--export', opts.export]),
      ];
      const flags = opts.preservesRedundancy ? [] : ['--no-preserves-redundancy'];
      console.log(formatSpecReport(report, { command: command.join(' '), flags }));
      if (!report.ok) process.exitCode = 1;
    });
}
