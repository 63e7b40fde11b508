/**
 * CloudSimExample5, ported: see src/experiments/cloudsim/examples.ts (runExample5) for the scenario.
 * Usage: npx tsx examples/cloudsim/example5.ts [--json]
 */
import { exampleMain } from '../../src/experiments/cloudsim/cli.js';

exampleMain(5);
