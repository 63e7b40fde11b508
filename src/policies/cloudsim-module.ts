/**
 * Default bindings of the CloudSim policies. Load after `coreModule(...)`; override any one with
 * `container.rebind(TOKEN).to(MyPolicy)`.
 *
 * - {@link VM_ALLOCATION_POLICY} → VmAllocationPolicySimple, transient: every `get` (one per
 *   datacenter) builds a new instance, so stateful policies (round robin) are not shared.
 * - {@link VM_SCHEDULER_FACTORY} → time-shared VM scheduler per host.
 * - {@link CLOUDLET_SCHEDULER_FACTORY} → time-shared cloudlet scheduler per VM (the O(1) variant; same
 *   numbers as the per-cloudlet one).
 *
 * @example
 * ```ts
 * const container = new Container();
 * container.load(coreModule({ seed: 1 }), cloudSimPoliciesModule());
 * container.rebind(VM_ALLOCATION_POLICY).to(VmAllocationPolicyFirstFit);
 * const policy = container.get(VM_ALLOCATION_POLICY); // a new VmAllocationPolicyFirstFit
 * ```
 */
import { ContainerModule } from 'inversify';
import {
  CLOUDLET_SCHEDULER_FACTORY,
  type CloudletSchedulerFactory,
  VM_ALLOCATION_POLICY,
  VM_SCHEDULER_FACTORY,
  type VmSchedulerFactory,
} from '../entities/index.js';
import { VmAllocationPolicySimple } from './allocation/index.js';
import { CloudletSchedulerTimeSharedFast, VmSchedulerTimeShared } from './scheduling/index.js';

const timeSharedVmScheduler: VmSchedulerFactory = (pes) => new VmSchedulerTimeShared(pes);
const timeSharedCloudletScheduler: CloudletSchedulerFactory = () => new CloudletSchedulerTimeSharedFast();

/** Binds CloudSim's default policies (see the module documentation). */
export function cloudSimPoliciesModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(VM_ALLOCATION_POLICY).to(VmAllocationPolicySimple).inTransientScope();
    bind(VM_SCHEDULER_FACTORY).toConstantValue(timeSharedVmScheduler);
    bind(CLOUDLET_SCHEDULER_FACTORY).toConstantValue(timeSharedCloudletScheduler);
  });
}
