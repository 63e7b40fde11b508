/**
 * A researcher's own rotation strategy, bound with `rebind` and run through the spec checker.
 *
 *   npx tsx examples/custom-strategy.ts [--runs 100] [--seed 42]
 *
 * `SpreadFirstRotation` prefers a spare on a host where the expiring VM's service is not Active yet
 * (raising its redundancy level); otherwise any spare that keeps every target (like the paper's
 * strategy). The checker holds it to the redundancy, conservation, table and minimum properties.
 */
import { pathToFileURL } from 'node:url';
import { injectable } from 'inversify';
import { formatSpecReport } from '../src/cli/check.js';
import type { RandomStream } from '../src/core/random.js';
import type { DistributionView } from '../src/entities/scit/distribution-table.js';
import {
  ROTATION_STRATEGY,
  type RotationStrategy,
  type SpareDecision,
  type SwitchRequest,
} from '../src/entities/scit/rotation-strategy.js';
import { createRunContainer } from '../src/experiments/container.js';
import {
  checkRotationInvariants,
  chooseSpareWhere,
  keepsTarget,
  type SpecCheckReport,
} from '../src/policies/scit/index.js';

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
  return checkRotationInvariants(() => container.get(ROTATION_STRATEGY), {
    numRuns: options.numRuns ?? 100,
    seed: options.seed,
    claims: { preservesRedundancy: true },
  });
}

function main(): void {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? Number(args[at + 1]) : undefined;
  };
  const report = checkSpreadFirst({ numRuns: value('--runs'), seed: value('--seed') });
  console.log(formatSpecReport(report));
  if (!report.ok) process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
