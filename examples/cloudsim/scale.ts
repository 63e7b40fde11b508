/**
 * CloudSim's scale scenario (cloudsim-examples.md), with CloudSim 7.0.1's finish times.
 * Usage: npx tsx examples/cloudsim/scale.ts --hosts 10 --vms 40 --cloudlets 400 [--csv out.csv]
 */
import { scaleMain } from '../../src/experiments/cloudsim/cli.js';

scaleMain(() => performance.now());
