/**
 * CloudSimExample6, ported: see src/experiments/cloudsim/examples.ts (runExample6) for the scenario.
 * Usage: npx tsx examples/cloudsim/example6.ts [--json]
 */
import { exampleCommand } from '../../src/cli/cloudsim.js';
import { runCli } from '../../src/cli/errors.js';

await runCli(() => exampleCommand(6).parseAsync());
