/**
 * CloudSimExample5, ported: see src/experiments/cloudsim/examples.ts (runExample5) for the scenario.
 * Usage: npx tsx examples/cloudsim/example5.ts [--json]
 */
import { exampleCommand } from '../../src/cli/cloudsim.js';
import { runCli } from '../../src/cli/errors.js';

await runCli(() => exampleCommand(5).parseAsync());
