/**
 * CloudSimExample2, ported: see src/experiments/cloudsim/examples.ts (runExample2) for the scenario.
 * Usage: npx tsx examples/cloudsim/example2.ts [--json]
 */
import { exampleMain } from '../../src/experiments/cloudsim/cli.js';

exampleMain(2);
