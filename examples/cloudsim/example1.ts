/**
 * CloudSimExample1, ported: see src/experiments/cloudsim/examples.ts (runExample1) for the scenario.
 * Usage: npx tsx examples/cloudsim/example1.ts [--json]
 */
import { exampleCommand } from '../../src/cli/cloudsim.js';
import { runCli } from '../../src/cli/errors.js';

await runCli(() => exampleCommand(1).parseAsync());
