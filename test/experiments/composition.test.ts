/**
 * One composition root, honoured by every run: per DI token and entry point, a recording policy is bound
 * in the container and the test asserts that the run used it.
 */
import { describe, expect, it } from 'vitest';
import { example1 } from '../../examples/cloudsim/example1.js';
import { example2 } from '../../examples/cloudsim/example2.js';
import { example3 } from '../../examples/cloudsim/example3.js';
import { example4 } from '../../examples/cloudsim/example4.js';
import { example5 } from '../../examples/cloudsim/example5.js';
import { example6 } from '../../examples/cloudsim/example6.js';
import { example7 } from '../../examples/cloudsim/example7.js';
import { example8 } from '../../examples/cloudsim/example8.js';
import { exactSummary } from '../../src/analysis/index.js';
import { checkRotationInvariants } from '../../src/checks/index.js';
import {
  ATTACK_MODEL,
  type AttackContext,
  CLOUDLET_SCHEDULER_FACTORY,
  type CloudletScheduler,
  type Container,
  ConventionalRotation,
  createRunContainer,
  type DistributionView,
  type Host,
  injectable,
  LeastLoadedRouting,
  PROCESSING_BATCH_FACTORY,
  paperScitConfig,
  type RandomStream,
  REQUEST_ROUTING,
  RedundancyPreservingRotation,
  ROTATION_STRATEGY,
  resolveScitConfig,
  runPaperExperiment,
  runScale,
  runScit,
  type SwitchRequest,
  summarizeSeeds,
  VM_ALLOCATION_POLICY,
  VM_SCHEDULER_FACTORY,
  VM_SCHEDULERS,
  type Vm,
  VmAllocationPolicySimple,
  VmEscapeAttack,
  type VmEscapeOptions,
  type VmEscapeParameters,
} from '../../src/index.js';

/** Recording versions of every policy kind; each records into `log` (one per test). */
function recorders(log: string[]) {
  @injectable()
  class RecordingAllocation extends VmAllocationPolicySimple {
    override allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined {
      log.push(`allocate vm ${vm.id}`);
      return super.allocateHostForVm(vm, hosts);
    }
  }
  @injectable()
  class RecordingRotation extends RedundancyPreservingRotation {
    override choose(request: SwitchRequest, view: DistributionView, random: RandomStream) {
      log.push(`choose for vm ${request.vm}`);
      return super.choose(request, view, random);
    }
    override qualifies(request: SwitchRequest, view: DistributionView, toHost: number): boolean {
      log.push('qualifies');
      return super.qualifies(request, view, toHost);
    }
  }
  @injectable()
  class RecordingAttack extends VmEscapeAttack {
    override start(context: AttackContext<VmEscapeOptions>) {
      log.push('attack started');
      return super.start(context);
    }
  }
  @injectable()
  class RecordingRouting extends LeastLoadedRouting {
    override route(candidates: readonly number[], load: (vm: number) => number): number {
      log.push('route');
      return super.route(candidates, load);
    }
  }
  return { RecordingAllocation, RecordingRotation, RecordingAttack, RecordingRouting };
}

/** A container whose every token records into `log`. */
function recordingContainer(
  log: string[],
  vmScheduler: keyof typeof VM_SCHEDULERS = 'time-shared',
): Container {
  const { RecordingAllocation, RecordingRotation, RecordingAttack, RecordingRouting } = recorders(log);
  const container = createRunContainer({
    allocation: RecordingAllocation,
    rotation: RecordingRotation,
    attack: RecordingAttack,
    routing: RecordingRouting,
  });
  const hostScheduler = VM_SCHEDULERS[vmScheduler];
  const cloudletScheduler = container.get(CLOUDLET_SCHEDULER_FACTORY);
  const batch = container.get(PROCESSING_BATCH_FACTORY);
  container.rebind(VM_SCHEDULER_FACTORY).toConstantValue((pes) => {
    log.push('vm scheduler');
    return hostScheduler(pes);
  });
  container.rebind(CLOUDLET_SCHEDULER_FACTORY).toConstantValue((): CloudletScheduler => {
    log.push('cloudlet scheduler');
    return cloudletScheduler();
  });
  container.rebind(PROCESSING_BATCH_FACTORY).toConstantValue(() => {
    log.push('processing batch');
    return batch();
  });
  return container;
}

const used = (log: readonly string[], entry: string) => log.some((line) => line.startsWith(entry));
const paper = resolveScitConfig(paperScitConfig());
const attack: VmEscapeParameters = { meanIntervalSeconds: 100, escapeSeconds: 10, recoverySeconds: 20 };

describe('the composition root, honoured by every entry point', () => {
  describe('CloudSim examples 1-8', () => {
    const examples = [example1, example2, example3, example4, example5, example6, example7, example8];
    it.each(examples.map((run, i) => [i + 1, run] as const))(
      'example %i places VMs, shares PEs and runs cloudlets with the container’s policies',
      (n, run) => {
        const log: string[] = [];
        const brokers = run(recordingContainer(log, n === 4 || n === 5 ? 'space-shared' : 'time-shared'));
        expect(brokers.length).toBeGreaterThan(0);
        for (const entry of ['allocate vm', 'vm scheduler', 'cloudlet scheduler'])
          expect(used(log, entry)).toBe(true);
      },
    );
  });

  it('the scale scenario uses the allocation policy, both schedulers and the processing batch', () => {
    const log: string[] = [];
    const result = runScale(recordingContainer(log), { hosts: 2, vms: 4, cloudlets: 8 });
    expect(result.finishedCount).toBe(8);
    for (const entry of ['allocate vm', 'vm scheduler', 'cloudlet scheduler', 'processing batch'])
      expect(used(log, entry)).toBe(true);
  });

  it('runScit and summarizeSeeds use the rotation strategy, the attack model and the request routing', () => {
    const log: string[] = [];
    const container = recordingContainer(log);
    runScit(container, paper, {
      seed: 1,
      maxCycles: 10,
      attack,
      requests: { services: { Web: { ratePerSecond: 5, meanLengthMi: 10 } }, vmMips: 1000 },
      requestHorizonSeconds: 100,
    });
    for (const entry of ['choose for vm', 'attack started', 'route']) expect(used(log, entry)).toBe(true);
    log.length = 0;
    summarizeSeeds(container, paper, { seeds: 3, cycles: 5, attack });
    expect(log.filter((line) => line === 'attack started')).toHaveLength(3);
    expect(used(log, 'choose for vm')).toBe(true);
  });

  it('the paper experiment places the SCIT VMs with the container’s allocation policy and VM scheduler', async () => {
    const log: string[] = [];
    const { RecordingRotation } = recorders(log);
    const { layout: _layout, ...withoutLayout } = paperScitConfig();
    const result = await runPaperExperiment({
      container: recordingContainer(log),
      config: withoutLayout,
      seeds: 2,
      outDir: null,
      strategies: ['conventional', RecordingRotation],
    });
    expect(result.placement).toBe('RecordingAllocation');
    expect(log.filter((line) => line.startsWith('allocate vm'))).toHaveLength(12);
    for (const entry of ['vm scheduler', 'choose for vm', 'attack started', 'route'])
      expect(used(log, entry)).toBe(true);
    expect(Object.keys(result.summary)).toEqual(['conventional', 'redundancy-preserving']);
  });

  it('the exact Markov analysis follows the container’s rotation strategy', () => {
    const log: string[] = [];
    const exact = exactSummary(recordingContainer(log), paper, 3);
    expect(exact.degradedRunShare).toBe(0);
    expect(used(log, 'qualifies')).toBe(true);
  });

  it('the spec checker runs the strategy the container binds', () => {
    const log: string[] = [];
    const container = recordingContainer(log);
    const report = checkRotationInvariants(container, {
      numRuns: 3,
      seed: 1,
      properties: ['conservation'],
    });
    expect(report.ok).toBe(true);
    expect(used(log, 'choose for vm')).toBe(true);
  });

  it('gives every run fresh policy instances (policies live per run, not per container)', () => {
    const container = createRunContainer();
    expect(container.get(ROTATION_STRATEGY)).not.toBe(container.get(ROTATION_STRATEGY));
    expect(container.get(VM_ALLOCATION_POLICY)).not.toBe(container.get(VM_ALLOCATION_POLICY));
    expect(container.get(ATTACK_MODEL)).not.toBe(container.get(ATTACK_MODEL));
    expect(container.get(REQUEST_ROUTING)).not.toBe(container.get(REQUEST_ROUTING));
    // Two runs with the same seed agree although they ran one after the other in one process.
    const a = runScit(createRunContainer({ rotation: ConventionalRotation }), paper, {
      seed: 4,
      maxCycles: 30,
    });
    const b = runScit(createRunContainer({ rotation: ConventionalRotation }), paper, {
      seed: 4,
      maxCycles: 30,
    });
    expect(b).toEqual(a);
  });
});
