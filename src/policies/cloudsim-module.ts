/**
 * Default bindings of the CloudSim policies (the CloudSim layer's one place that names them). Load after
 * `coreModule(...)`; override any one with `container.rebind(TOKEN).to(MyPolicy)`, or pass a name or a
 * class to `createRunContainer({ allocation })`.
 *
 * - {@link VM_ALLOCATION_POLICY} → VmAllocationPolicySimpleIndexed (CloudSim's VmAllocationPolicySimple:
 *   the same choices, in O(log hosts) each), transient: every `get` (one per datacenter) builds a new
 *   instance, so stateful policies (round robin) are never shared.
 * - {@link VM_SCHEDULER_FACTORY} → time-shared VM scheduler per host.
 * - {@link CLOUDLET_SCHEDULER_FACTORY} → time-shared cloudlet scheduler per VM (the O(1) variant; same
 *   numbers as the per-cloudlet one), and {@link PROCESSING_BATCH_FACTORY} → its per-datacenter batch.
 *
 * @example
 * ```ts
 * const container = createRunContainer();
 * container.rebind(VM_ALLOCATION_POLICY).to(VmAllocationPolicyFirstFit);
 * const policy = container.get(VM_ALLOCATION_POLICY); // a new VmAllocationPolicyFirstFit
 * ```
 */
import { ContainerModule, type Newable } from 'inversify';
import {
  CLOUDLET_SCHEDULER_FACTORY,
  type CloudletSchedulerFactory,
  PROCESSING_BATCH_FACTORY,
  type ProcessingBatchFactory,
  VM_ALLOCATION_POLICY,
  VM_SCHEDULER_FACTORY,
  type VmAllocationPolicy,
  type VmSchedulerFactory,
} from '../entities/index.js';
import {
  VmAllocationPolicyBestFit,
  VmAllocationPolicyFirstFit,
  VmAllocationPolicyRandom,
  VmAllocationPolicyRoundRobin,
  VmAllocationPolicyServiceAware,
  VmAllocationPolicySimple,
  VmAllocationPolicySimpleIndexed,
  VmAllocationPolicyWorstFit,
} from './allocation/index.js';
import { type NameOrClass, resolveClass, resolveNamed } from './registry.js';
import {
  CloudletProgressGroups,
  CloudletSchedulerSpaceShared,
  CloudletSchedulerTimeShared,
  CloudletSchedulerTimeSharedFast,
  VmSchedulerSpaceShared,
  VmSchedulerTimeShared,
} from './scheduling/index.js';

/** Built-in allocation policies by name. */
export const ALLOCATION_POLICIES = {
  simple: VmAllocationPolicySimpleIndexed,
  'simple-scan': VmAllocationPolicySimple,
  'first-fit': VmAllocationPolicyFirstFit,
  'best-fit': VmAllocationPolicyBestFit,
  'worst-fit': VmAllocationPolicyWorstFit,
  'round-robin': VmAllocationPolicyRoundRobin,
  random: VmAllocationPolicyRandom,
  'service-aware': VmAllocationPolicyServiceAware,
} as const satisfies Record<string, Newable<VmAllocationPolicy>>;

/** The allocation policy class for a built-in name or a class. */
export function allocationPolicyClass(
  policy: NameOrClass<VmAllocationPolicy>,
  field = 'allocation',
): Newable<VmAllocationPolicy> {
  return resolveClass<VmAllocationPolicy>(ALLOCATION_POLICIES, policy, field, 'allocation policy');
}

/** Built-in VM schedulers (how a host shares its PEs) by name. */
export const VM_SCHEDULERS: Readonly<Record<'time-shared' | 'space-shared', VmSchedulerFactory>> = {
  'time-shared': (pes) => new VmSchedulerTimeShared(pes),
  'space-shared': (pes) => new VmSchedulerSpaceShared(pes),
};

/**
 * Built-in cloudlet schedulers (how a VM runs its cloudlets) by name. `time-shared` is the O(1) variant;
 * `time-shared-general` visits every cloudlet (same numbers, for cross-checks).
 */
export const CLOUDLET_SCHEDULERS: Readonly<
  Record<'time-shared' | 'time-shared-general' | 'space-shared', CloudletSchedulerFactory>
> = {
  'time-shared': () => new CloudletSchedulerTimeSharedFast(),
  'time-shared-general': () => new CloudletSchedulerTimeShared(),
  'space-shared': () => new CloudletSchedulerSpaceShared(),
};

const progressGroups: ProcessingBatchFactory = () => new CloudletProgressGroups();

/** A built-in cloudlet scheduler's name, or a factory of your own. */
export type CloudletSchedulerChoice = keyof typeof CLOUDLET_SCHEDULERS | CloudletSchedulerFactory;

/** The factory for a built-in cloudlet scheduler name (or `choice` itself when it is a factory). */
export function cloudletSchedulerFactory(
  choice: CloudletSchedulerChoice,
  field = 'cloudletScheduler',
): CloudletSchedulerFactory {
  return resolveNamed<CloudletSchedulerFactory>(CLOUDLET_SCHEDULERS, choice, field, 'cloudlet scheduler');
}

/**
 * Binds CloudSim's default policies (see the module documentation); `cloudletScheduler` selects the
 * cloudlet scheduler every VM gets (default time-shared).
 */
export function cloudSimPoliciesModule(
  allocation: NameOrClass<VmAllocationPolicy> = 'simple',
  cloudletScheduler: CloudletSchedulerChoice = 'time-shared',
): ContainerModule {
  const allocationClass = allocationPolicyClass(allocation);
  const cloudlets = cloudletSchedulerFactory(cloudletScheduler);
  return new ContainerModule(({ bind }) => {
    bind(VM_ALLOCATION_POLICY).to(allocationClass).inTransientScope();
    bind(VM_SCHEDULER_FACTORY).toConstantValue(VM_SCHEDULERS['time-shared']);
    bind(CLOUDLET_SCHEDULER_FACTORY).toConstantValue(cloudlets);
    bind(PROCESSING_BATCH_FACTORY).toConstantValue(progressGroups);
  });
}
