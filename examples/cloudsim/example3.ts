/**
 * CloudSimExample3, ported: see src/experiments/cloudsim/examples.ts (runExample3) for the scenario.
 * Usage: npx tsx examples/cloudsim/example3.ts [--json]
 */
import { exampleMain } from '../../src/experiments/cloudsim/cli.js';

exampleMain(3);
