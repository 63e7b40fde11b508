/**
 * CloudSimExample7, ported: see src/experiments/cloudsim/examples.ts (runExample7) for the scenario.
 * Usage: npx tsx examples/cloudsim/example7.ts [--json]
 */
import { exampleMain } from '../../src/experiments/cloudsim/cli.js';

exampleMain(7);
