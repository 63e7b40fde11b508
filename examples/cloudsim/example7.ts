/**
 * CloudSimExample7, ported: see src/experiments/cloudsim/examples.ts (runExample7) for the scenario.
 * Usage: npx tsx examples/cloudsim/example7.ts [--json]
 */
import { exampleCommand } from '../../src/cli/cloudsim.js';
import { runCli } from '../../src/cli/errors.js';

await runCli(() => exampleCommand(7).parseAsync());
