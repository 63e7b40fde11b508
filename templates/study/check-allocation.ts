/**
 * The allocation-policy contract on allocation.ts: every choice is a suitable host, a VM is refused
 * only when no host can take it, asking changes nothing, no host is overcommitted, and the same
 * scenario gives the same choices. The policy is built the way a run builds it: bound in a run
 * container and taken from it, with the container's simulation replaced by the checker's (seeded).
 *
 *   npx tsx check-allocation.ts [--runs 100] [--seed N]
 */
import { parseArgs } from 'node:util';
import { createRunContainer, SIMULATION, VM_ALLOCATION_POLICY } from 'scitsim';
import { checkAllocationPolicy, formatAllocationReport } from 'scitsim/checks';
import { FewestOfItsService } from './allocation.js';

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' } } });
const report = checkAllocationPolicy(
  (sim) => {
    const container = createRunContainer({ allocation: FewestOfItsService });
    container.rebind(SIMULATION).toConstantValue(sim);
    return container.get(VM_ALLOCATION_POLICY);
  },
  {
    numRuns: values.runs === undefined ? 100 : Number(values.runs),
    ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
  },
);
console.log(formatAllocationReport(report));
if (!report.ok) process.exitCode = 1;
