/**
 * CloudSimExample1, ported: see src/experiments/cloudsim/examples.ts (runExample1) for the scenario.
 * Usage: npx tsx examples/cloudsim/example1.ts [--json]
 */
import { exampleMain } from '../../src/experiments/cloudsim/cli.js';

exampleMain(1);
