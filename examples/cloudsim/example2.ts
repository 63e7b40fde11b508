/**
 * CloudSimExample2, ported: see src/experiments/cloudsim/examples.ts (runExample2) for the scenario.
 * Usage: npx tsx examples/cloudsim/example2.ts [--json]
 */
import { exampleCommand } from '../../src/cli/cloudsim.js';
import { runCli } from '../../src/cli/errors.js';

await runCli(() => exampleCommand(2).parseAsync());
