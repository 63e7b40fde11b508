/**
 * CloudSimExample8, ported: see src/experiments/cloudsim/examples.ts (runExample8) for the scenario.
 * Usage: npx tsx examples/cloudsim/example8.ts [--json]
 */
import { exampleCommand } from '../../src/cli/cloudsim.js';
import { runCli } from '../../src/cli/errors.js';

await runCli(() => exampleCommand(8).parseAsync());
