/**
 * CloudSimExample8, ported: see src/experiments/cloudsim/examples.ts (runExample8) for the scenario.
 * Usage: npx tsx examples/cloudsim/example8.ts [--json]
 */
import { exampleMain } from '../../src/experiments/cloudsim/cli.js';

exampleMain(8);
