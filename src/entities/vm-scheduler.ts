/**
 * How a host shares its PEs among its VMs (CloudSim's VmScheduler). Implementations live in
 * `src/policies/scheduling` (time-shared, space-shared); a host is given a factory so that each host
 * gets its own scheduler over its own PEs.
 */
import { token } from '../core/index.js';
import type { Pe } from './pe.js';
import type { Vm } from './vm.js';

/** Shares the PEs of one host among the VMs placed on it. */
export interface VmScheduler {
  /** The host's PEs. */
  readonly pes: readonly Pe[];
  /** MIPS of the host not allocated to any VM. */
  readonly availableMips: number;
  /** MIPS of one PE (CloudSim's "PE capacity": the most a single virtual PE can get). */
  readonly peCapacity: number;
  /** True if `vm` could get `mipsShare` (one entry per virtual PE) now. Does not change anything. */
  canAllocate(vm: Vm, mipsShare: readonly number[]): boolean;
  /** Allocates `mipsShare` to `vm` (replacing what it held). False, and no change, if impossible. */
  allocatePesForVm(vm: Vm, mipsShare: readonly number[]): boolean;
  /** Frees everything `vm` holds. */
  deallocatePesForVm(vm: Vm): void;
  /** MIPS given to each virtual PE of `vm` (empty if it holds nothing). */
  allocatedMipsForVm(vm: Vm): readonly number[];
}

/** Builds the VM scheduler of one host over that host's PEs. */
export type VmSchedulerFactory = (pes: readonly Pe[]) => VmScheduler;

/** DI token of the default VM scheduler factory (bound to time-shared by `cloudSimPoliciesModule`). */
export const VM_SCHEDULER_FACTORY = token<VmSchedulerFactory>('entities.VmSchedulerFactory');
