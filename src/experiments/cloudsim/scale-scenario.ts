/**
 * The scale scenario of cloudsim-examples.md, side by side with CloudSim 7.0.1: one datacenter with
 * H hosts (8 PEs × 10000 MIPS, 64 GB RAM), V VMs (2 PEs × 1000 MIPS), C cloudlets with lengths
 * `10000 + nextInt(90001)` from `java.util.Random(42)`, cloudlet i bound to VM i mod V.
 *
 * Policies come from the container: `VM_ALLOCATION_POLICY` (default: CloudSim's Simple, indexed),
 * `VM_SCHEDULER_FACTORY`, `CLOUDLET_SCHEDULER_FACTORY` (default: the O(1) time-shared scheduler; rebind
 * it to `CLOUDLET_SCHEDULERS['time-shared-general']` for the per-cloudlet one) and
 * `PROCESSING_BATCH_FACTORY`. The kernel is the container's `SIMULATION` (a container serves one run).
 */
import type { Container } from 'inversify';
import { ConfigError, SIMULATION, type Simulation } from '../../core/index.js';
import {
  CLOUDLET_SCHEDULER_FACTORY,
  Cloudlet,
  CloudSimulation,
  Datacenter,
  DatacenterBroker,
  EXAMPLE_CHARACTERISTICS,
  Host,
  makePes,
  PROCESSING_BATCH_FACTORY,
  VM_ALLOCATION_POLICY,
  VM_SCHEDULER_FACTORY,
  Vm,
} from '../../entities/index.js';
import { csvLine } from '../../report/csv.js';
import { checkCloudFits } from '../../runs/run-limits.js';
import { JavaRandom } from './java-random.js';

/** Size of the scale scenario. */
export interface ScaleConfig {
  hosts: number;
  vms: number;
  cloudlets: number;
  /** Seed of java.util.Random for the lengths. Default 42. */
  seed?: number;
  /** Called with the simulation before it runs (to attach hooks, e.g. for measurements). */
  observe?: (sim: Simulation) => void;
}

/** Result of one scale run. */
export interface ScaleResult {
  readonly config: Required<Omit<ScaleConfig, 'observe'>>;
  /** Time of the last event (s). */
  readonly endTime: number;
  readonly maxFinishTime: number;
  readonly finishedCount: number;
  /** Cloudlets that never ran (their VM could not be created), in id order. */
  readonly notRun: readonly Cloudlet[];
  /** Sum of finish times in cloudlet id order (s). */
  readonly finishTimeSum: number;
  /** CloudSim-style messages delivered. */
  readonly events: number;
  /** Cloudlets in id order. */
  readonly cloudlets: readonly Cloudlet[];
}

/** Validates a scale configuration; throws ConfigError naming the field. */
export function validateScaleConfig(config: ScaleConfig): Required<Omit<ScaleConfig, 'observe'>> {
  for (const field of ['hosts', 'vms', 'cloudlets'] as const) {
    const value = config[field];
    if (!Number.isInteger(value) || value < 1) throw new ConfigError(field, value, 'must be an integer >= 1');
  }
  checkCloudFits('scale', config.hosts, config.vms, config.cloudlets);
  const seed = config.seed ?? 42;
  if (!Number.isSafeInteger(seed)) throw new ConfigError('seed', seed, 'must be a safe integer');
  return { hosts: config.hosts, vms: config.vms, cloudlets: config.cloudlets, seed };
}

/** The cloudlet lengths of the scenario, in id order. */
export function scaleLengths(count: number, seed = 42): number[] {
  const random = new JavaRandom(seed);
  const lengths: number[] = [];
  for (let i = 0; i < count; i++) lengths.push(nextLength(random));
  return lengths;
}

/** The next cloudlet length of the scenario. */
function nextLength(random: JavaRandom): number {
  return 10000 + random.nextInt(90001);
}

/** Runs the scale scenario with the policies (and the simulation) of `container`. */
export function runScale(container: Container, input: ScaleConfig): ScaleResult {
  const config = validateScaleConfig(input);
  const cloud = new CloudSimulation({ sim: container.get(SIMULATION) });
  const vmScheduler = container.get(VM_SCHEDULER_FACTORY);
  const cloudletScheduler = container.get(CLOUDLET_SCHEDULER_FACTORY);
  const hosts: Host[] = [];
  for (let id = 0; id < config.hosts; id++) {
    hosts.push(
      new Host({
        id,
        pes: makePes(8, 10000),
        ramMb: 65536,
        bwMbps: 100000,
        storageMb: 1_000_000,
        vmScheduler,
      }),
    );
  }
  new Datacenter(cloud.bus, {
    name: 'Datacenter_0',
    characteristics: EXAMPLE_CHARACTERISTICS,
    hosts,
    vmAllocationPolicy: container.get(VM_ALLOCATION_POLICY),
    informationService: cloud.informationService,
    // Schedulers that can join it are advanced together between updates (same results, fewer visits).
    processingBatch: container.get(PROCESSING_BATCH_FACTORY)(),
  });
  const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
  const vms: Vm[] = [];
  for (let id = 0; id < config.vms; id++) {
    vms.push(
      new Vm({
        id,
        mips: 1000,
        pes: 2,
        ramMb: 1024,
        bwMbps: 1000,
        sizeMb: 10000,
        cloudletScheduler: cloudletScheduler(),
      }),
    );
  }
  const random = new JavaRandom(config.seed);
  const cloudlets: Cloudlet[] = [];
  for (let id = 0; id < config.cloudlets; id++) {
    const lengthMi = nextLength(random);
    cloudlets.push(new Cloudlet({ id, lengthMi, pes: 1, vmId: id % config.vms }));
  }
  broker.submitVmList(vms);
  broker.submitCloudletList(cloudlets);
  input.observe?.(cloud.sim);
  const summary = cloud.sim.run();
  let sum = 0;
  let max = 0;
  let finished = 0;
  for (const cloudlet of cloudlets) {
    if (cloudlet.status !== 'SUCCESS') continue;
    finished++;
    sum += cloudlet.finishTime;
    if (cloudlet.finishTime > max) max = cloudlet.finishTime;
  }
  return {
    config,
    endTime: summary.endTime,
    maxFinishTime: max,
    finishedCount: finished,
    notRun: [...broker.cloudletsNotRun].sort((a, b) => a.id - b.id),
    finishTimeSum: sum,
    events: cloud.bus.messagesDelivered,
    cloudlets,
  };
}

/** CSV of a scale run: `cloudletId,lengthMI,vmId,status,execStartTime,finishTime,actualCPUTime`, id order. */
export function scaleCsv(result: ScaleResult): string {
  const lines = ['cloudletId,lengthMI,vmId,status,execStartTime,finishTime,actualCPUTime'];
  for (const c of result.cloudlets) {
    lines.push(
      csvLine([c.id, c.lengthMi, c.vmId ?? -1, c.status, c.execStartTime, c.finishTime, c.actualCpuTime]),
    );
  }
  return `${lines.join('\n')}\n`;
}
