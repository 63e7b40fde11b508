/**
 * A researcher's own rotation strategy, bound with `rebind` and run through the spec checker.
 *
 *   npx tsx examples/scit/custom-strategy.ts [--runs 100] [--seed 42]
 *   npx scitsim check examples/scit/custom-strategy.ts     # the same check from the command line
 *   npx scitsim paper --strategy-file examples/scit/custom-strategy.ts   # beside the paper's strategies
 *
 * `SpreadFirstRotation` prefers a spare on a host where the expiring VM's service is not Active yet
 * (raising its redundancy level); otherwise any spare that keeps every target (like the paper's
 * strategy). The checker holds it to the redundancy, conservation, table and minimum properties.
 */
import {
  ConfigError,
  chooseSpareWhere,
  createRunContainer,
  type DistributionView,
  injectable,
  keepsTarget,
  type RandomStream,
  ROTATION_STRATEGY,
  type RotationStrategy,
  runScript,
  type SpareDecision,
  type SwitchRequest,
} from 'scitsim';
import { checkRotationInvariants, formatSpecReport, type SpecCheckReport } from 'scitsim/checks';

/** Prefers spares that spread the service onto a new host; otherwise keeps every target. */
@injectable()
export class SpreadFirstRotation implements RotationStrategy {
  readonly name = 'spread-first';

  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const { service, host } = request;
    const spreading = chooseSpareWhere(
      view,
      random,
      (to) => to !== host && view.activeCount(service, to) === 0,
    );
    if (spreading >= 0) return { kind: 'switch', spare: spreading };
    const keeping = chooseSpareWhere(view, random, (to) => keepsTarget(view, service, host, to));
    return keeping >= 0
      ? { kind: 'switch', spare: keeping }
      : { kind: 'wait', reason: 'no spare keeps the targets' };
  }
}

/** Binds the custom strategy in place of the default and runs the spec checker on it. */
export function checkSpreadFirst(options: { numRuns?: number; seed?: number } = {}): SpecCheckReport {
  const container = createRunContainer();
  container.rebind(ROTATION_STRATEGY).to(SpreadFirstRotation);
  return checkRotationInvariants(container, {
    numRuns: options.numRuns ?? 100,
    seed: options.seed,
    claims: { preservesRedundancy: true },
  });
}

/** An integer option, or a ConfigError naming it. */
function integer(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw new ConfigError(flag, text, 'must be an integer');
  return Number(text);
}

await runScript(
  import.meta.url,
  (values) => {
    const report = checkSpreadFirst({
      numRuns: integer('--runs', values.runs),
      seed: integer('--seed', values.seed),
    });
    console.log(formatSpecReport(report));
    if (!report.ok) process.exitCode = 1;
  },
  { runs: { type: 'string' }, seed: { type: 'string' } },
);
