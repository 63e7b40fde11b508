/**
 * CloudSimExample4, ported: see src/experiments/cloudsim/examples.ts (runExample4) for the scenario.
 * Usage: npx tsx examples/cloudsim/example4.ts [--json]
 */
import { exampleCommand } from '../../src/cli/cloudsim.js';
import { runCli } from '../../src/cli/errors.js';

await runCli(() => exampleCommand(4).parseAsync());
