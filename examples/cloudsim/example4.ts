/**
 * CloudSimExample4, ported: see src/experiments/cloudsim/examples.ts (runExample4) for the scenario.
 * Usage: npx tsx examples/cloudsim/example4.ts [--json]
 */
import { exampleMain } from '../../src/experiments/cloudsim/cli.js';

exampleMain(4);
