/**
 * SCIT VMs as ordinary cloud VMs: builds the `Host`s and `Vm`s of a SCIT system and places every VM on a
 * host. With an explicit layout, placement follows it (host by host); without one, each VM is placed by
 * the given `VmAllocationPolicy` and the SCIT roles are then dealt over the resulting placement
 * (Active VMs round-robin over hosts, in service order; the rest live spares) and validated again.
 *
 * SCIT never moves a VM, so the placement is decided once per experiment; each run with client
 * requests then builds fresh hosts and VMs like the placed ones ({@link freshScitCloud}) and its
 * `Datacenter` places them where the plan says ({@link PlannedPlacement}).
 */
import { ConfigError } from '../../core/errors.js';
import type { CloudletSchedulerFactory } from '../cloudlet-scheduler.js';
import { Host } from '../host.js';
import { makePes, Pe } from '../pe.js';
import { Vm } from '../vm.js';
import type { VmAllocationPolicy } from '../vm-allocation-policy.js';
import type { VmSchedulerFactory } from '../vm-scheduler.js';
import { type ResolvedScitConfig, resolveScitConfig, type ScitConfig } from './config.js';

/** Hardware of the SCIT hosts and VMs (one PE per VM; a host has one PE per VM slot). */
export interface ScitHardware {
  vmMips: number;
  vmRamMb: number;
  hostRamMb?: number;
  vmScheduler: VmSchedulerFactory;
}

/** The placed cloud: hosts, VMs in SCIT VM-id order, and the configuration matching the placement. */
export interface ScitCloud {
  readonly hosts: readonly Host[];
  readonly vms: readonly Vm[];
  readonly config: ResolvedScitConfig;
}

function makeHosts(count: number, slots: number, hardware: ScitHardware): Host[] {
  return Array.from(
    { length: count },
    (_, id) =>
      new Host({
        id,
        pes: makePes(slots, hardware.vmMips),
        ramMb: hardware.hostRamMb ?? slots * hardware.vmRamMb,
        bwMbps: slots * 1000,
        storageMb: slots * 10_000,
        vmScheduler: hardware.vmScheduler,
      }),
  );
}

function makeVm(id: number, hardware: ScitHardware): Vm {
  return new Vm({ id, mips: hardware.vmMips, ramMb: hardware.vmRamMb, bwMbps: 1000, sizeMb: 10_000 });
}

/**
 * Validates `config`, builds its hosts and VMs and places them. VM i of the result is SCIT VM i.
 * Throws `ConfigError` if the policy cannot place a VM.
 */
export function placeScitCloud(
  config: ScitConfig,
  policy: VmAllocationPolicy,
  hardware: ScitHardware,
): ScitCloud {
  const resolved = resolveScitConfig(config);
  if (config.layout !== undefined) return scitCloudOnLayout(resolved, hardware);
  const hosts = makeHosts(resolved.hostCount, resolved.vmsPerHost, hardware);
  const byHost: Vm[][] = hosts.map(() => []);
  const total = resolved.hostCount * resolved.vmsPerHost;
  for (let id = 0; id < total; id++) {
    const vm = makeVm(id, hardware);
    const host = policy.allocateHostForVm(vm, hosts);
    if (host === undefined || !host.createVm(vm))
      throw new ConfigError(
        'vmsPerHost',
        resolved.vmsPerHost,
        `the allocation policy could not place VM ${id}`,
      );
    byHost[host.id].push(vm);
  }
  const layout = dealRoles(
    resolved,
    byHost.map((list) => list.length),
  );
  const placed = resolveScitConfig({ ...config, layout });
  const vms = byHost.flat();
  return { hosts, vms, config: placed };
}

/**
 * The hosts and VMs of a validated configuration, placed as its layout says (host by host, slot by
 * slot): VM i of the result is SCIT VM i. Throws `ConfigError` if a host cannot hold its VMs.
 */
export function scitCloudOnLayout(config: ResolvedScitConfig, hardware: ScitHardware): ScitCloud {
  const hosts = makeHosts(config.hostCount, config.vmsPerHost, hardware);
  const vms: Vm[] = [];
  config.layout.forEach((slots, h) => {
    for (let i = 0; i < slots.length; i++) {
      const vm = makeVm(vms.length, hardware);
      if (!hosts[h].createVm(vm))
        throw new ConfigError(`layout[${h}]`, slots.length, 'host cannot hold its VMs');
      vms.push(vm);
    }
  });
  return { hosts, vms, config };
}

/** Fresh hosts and VMs for one run, not placed yet, and the host each VM is planned on. */
export interface FreshScitCloud {
  /** Copies of the placed hosts, in host-id order, with new VM schedulers. */
  readonly hosts: readonly Host[];
  /** VM i is SCIT VM i (id i), a copy of the placed one with a new cloudlet scheduler. */
  readonly vms: readonly Vm[];
  /** Host id of each VM, by SCIT VM id: non-decreasing (VMs are numbered host by host). */
  readonly hostOfVm: readonly number[];
}

/**
 * Copies of a placed SCIT cloud (`placed[i]` is SCIT VM i, on its host) for one run: new hosts with
 * the same PEs, RAM, bandwidth and storage and a VM scheduler from `vmScheduler`, new VMs with the same
 * specification and a cloudlet scheduler from `cloudletScheduler`. Nothing is placed: the run's
 * datacenter places them with a {@link PlannedPlacement} of `hostOfVm`.
 */
export function freshScitCloud(
  placed: readonly Vm[],
  vmScheduler: VmSchedulerFactory,
  cloudletScheduler: CloudletSchedulerFactory,
): FreshScitCloud {
  const placedHosts = new Map<number, Host>();
  const hostOfVm = placed.map((vm, i) => {
    const host = vm.host;
    if (host === undefined) throw new ConfigError(`cloudVms[${i}]`, vm.id, 'is not placed on a host');
    placedHosts.set(host.id, host);
    if (i > 0 && host.id < (placed[i - 1].host as Host).id)
      throw new ConfigError(
        `cloudVms[${i}]`,
        host.id,
        'SCIT VMs must be numbered host by host (host ids non-decreasing)',
      );
    return host.id;
  });
  const hosts = [...placedHosts.values()]
    .sort((a, b) => a.id - b.id)
    .map(
      (host) =>
        new Host({
          id: host.id,
          pes: host.pes.map((pe) => new Pe(pe.id, pe.mips)),
          ramMb: host.ramMb,
          bwMbps: host.bwMbps,
          storageMb: host.storageMb,
          vmScheduler,
        }),
    );
  const vms = placed.map(
    (vm, id) =>
      new Vm({
        id,
        mips: vm.mips,
        pes: vm.pes,
        ramMb: vm.ramMb,
        bwMbps: vm.bwMbps,
        sizeMb: vm.sizeMb,
        vmm: vm.vmm,
        cloudletScheduler: cloudletScheduler(),
      }),
  );
  return { hosts, vms, hostOfVm };
}

/**
 * An allocation policy that follows a plan: VM i goes to the host with id `hostOfVm[i]` (if it can
 * take it). How a run's datacenter reproduces a placement decided once per experiment — by the
 * container's allocation policy or by the layout — since a policy that draws random numbers would
 * otherwise place the VMs differently in every run.
 */
export class PlannedPlacement implements VmAllocationPolicy {
  constructor(private readonly hostOfVm: readonly number[]) {}

  allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined {
    const id = this.hostOfVm[vm.id];
    const host = hosts.find((candidate) => candidate.id === id);
    return host?.isSuitableForVm(vm) ? host : undefined;
  }
}

/** Active roles round-robin over hosts with room, in service order; the rest spares. */
function dealRoles(config: ResolvedScitConfig, capacity: number[]): string[][] {
  const layout: string[][] = capacity.map(() => []);
  let h = 0;
  for (const service of config.services) {
    for (let i = 0; i < service.required; i++) {
      while (layout[h].length >= capacity[h]) h = (h + 1) % layout.length;
      layout[h].push(service.name);
      h = (h + 1) % layout.length;
    }
  }
  layout.forEach((slots, host) => {
    while (slots.length < capacity[host]) slots.push('spare');
  });
  return layout;
}
