/**
 * CloudSimExample3, ported: see src/experiments/cloudsim/examples.ts (runExample3) for the scenario.
 * Usage: npx tsx examples/cloudsim/example3.ts [--json]
 */
import { exampleCommand } from '../../src/cli/cloudsim.js';
import { runCli } from '../../src/cli/errors.js';

await runCli(() => exampleCommand(3).parseAsync());
