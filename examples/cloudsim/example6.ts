/**
 * CloudSimExample6, ported: see src/experiments/cloudsim/examples.ts (runExample6) for the scenario.
 * Usage: npx tsx examples/cloudsim/example6.ts [--json]
 */
import { exampleMain } from '../../src/experiments/cloudsim/cli.js';

exampleMain(6);
