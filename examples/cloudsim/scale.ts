/**
 * CloudSim's scale scenario (cloudsim-examples.md) at a size of your choice, with CloudSim 7.0.1's
 * finish times: one datacenter of H hosts (8 PEs × 10000 MIPS), V VMs (2 PEs × 1000 MIPS), C cloudlets
 * with lengths from java.util.Random(42), cloudlet i on VM i mod V.
 *
 *   npx tsx examples/cloudsim/scale.ts [--hosts 10] [--vms 40] [--cloudlets 400]
 *
 * CloudSim 7.0.1's sums of finish times: 80949.607 at (10, 40, 400), 837096.659 at (100, 400, 4000),
 * 8284368.459 at (1000, 4000, 40000). `scitsim scale` is the same with a CSV option and timing.
 */
import { ConfigError, createRunContainer, runScale, runScript } from 'scitsim';

function size(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new ConfigError(flag, text, 'must be a whole number');
  return Number(text);
}

await runScript(
  import.meta.url,
  (values) => {
    const config = {
      hosts: size('--hosts', values.hosts),
      vms: size('--vms', values.vms),
      cloudlets: size('--cloudlets', values.cloudlets),
    };
    const result = runScale(createRunContainer(), config); // validates the sizes before building anything
    console.log(`scale (H, V, C) = (${config.hosts}, ${config.vms}, ${config.cloudlets})`);
    console.log(`finished: ${result.finishedCount}, did not run: ${result.notRun.length}`);
    console.log(`last finish: ${result.maxFinishTime} s, last event: ${result.endTime} s`);
    console.log(`sum of finish times: ${result.finishTimeSum.toFixed(3)}`);
  },
  {
    hosts: { type: 'string', default: '10' },
    vms: { type: 'string', default: '40' },
    cloudlets: { type: 'string', default: '400' },
  },
);
