/**
 * CloudSim's scale scenario (cloudsim-examples.md), with CloudSim 7.0.1's finish times.
 * Usage: npx tsx examples/cloudsim/scale.ts --hosts 10 --vms 40 --cloudlets 400 [--csv out.csv]
 */
import { scaleCommand } from '../../src/cli/cloudsim.js';
import { runCli } from '../../src/cli/errors.js';

await runCli(() => scaleCommand(() => performance.now()).parseAsync());
