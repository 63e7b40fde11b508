/**
 * Which host gets a VM (CloudSim's VmAllocationPolicy). Consumers (the Datacenter, the SCIT
 * controllers) depend on this interface only; concrete policies live in `src/policies/allocation` and
 * are chosen by binding {@link VM_ALLOCATION_POLICY}.
 */
import { token } from '../core/index.js';
import type { Host } from './host.js';
import type { Vm } from './vm.js';

/** Chooses a host for a VM. A decision, returned as a value: the caller applies it. */
export interface VmAllocationPolicy {
  /**
   * The host `vm` should be placed on, among `hosts`, or `undefined` if none can take it now. Must
   * return a host for which `host.isSuitableForVm(vm)` holds. Does not place the VM.
   */
  allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined;
  /** Bookkeeping hook: `vm` has left `host` (optional). */
  releaseHostForVm?(vm: Vm, host: Host): void;
}

/**
 * DI token of the allocation policy. Bind it in transient scope (the default in
 * `cloudSimPoliciesModule`) so that each datacenter gets its own instance.
 */
export const VM_ALLOCATION_POLICY = token<VmAllocationPolicy>('entities.VmAllocationPolicy');

/** Asks `policy` for a host and places `vm` there. Returns the host, or `undefined` if none was found. */
export function placeVm(policy: VmAllocationPolicy, vm: Vm, hosts: readonly Host[]): Host | undefined {
  const host = policy.allocateHostForVm(vm, hosts);
  if (host === undefined) return undefined;
  return host.createVm(vm) ? host : undefined;
}

/** Removes `vm` from its host (if placed) and tells `policy`. */
export function releaseVm(policy: VmAllocationPolicy, vm: Vm): void {
  const host = vm.host;
  if (host === undefined) return;
  host.destroyVm(vm);
  policy.releaseHostForVm?.(vm, host);
}
