/**
 * SCIT VMs as ordinary cloud VMs: builds the `Host`s and `Vm`s of a SCIT system and places every VM on a
 * host. With an explicit layout, placement follows it (host by host); without one, the allocation policy
 * decides the initial layout: each VM is created for its first role (`Vm.service`: the Active VMs of each
 * service in service order, r_s of service s, then the live spares) and placed by the given
 * `VmAllocationPolicy`, in that order; where each lands is its host, and the layout that results is
 * validated like a written one (a policy that stacks a service below its target is a `ConfigError` naming
 * the allocation). CloudSim's default policy (most free MIPS first) deals the VMs round-robin over equal
 * hosts: exactly the default layout of `resolveScitConfig`.
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

/** Host i has `hostSlots[i]` VM slots (one PE each): an allocation policy cannot place more VMs there. */
function makeHosts(hostSlots: readonly number[], hardware: ScitHardware): Host[] {
  return hostSlots.map(
    (slots, id) =>
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

function makeVm(id: number, hardware: ScitHardware, service?: string): Vm {
  return new Vm({
    id,
    mips: hardware.vmMips,
    ramMb: hardware.vmRamMb,
    bwMbps: 1000,
    sizeMb: 10_000,
    ...(service === undefined ? {} : { service }),
  });
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
  const hosts = makeHosts(resolved.hostSlots, hardware);
  const byHost: Vm[][] = hosts.map(() => []);
  const roles = initialRoles(resolved);
  roles.forEach((service, id) => {
    const vm = makeVm(id, hardware, service);
    const host = policy.allocateHostForVm(vm, hosts);
    if (host === undefined || !host.createVm(vm))
      throw new ConfigError(
        'allocation',
        policyName(policy),
        `could not place VM ${id} (${service ?? 'a live spare'}) on any of the ${hosts.length} hosts`,
      );
    byHost[host.id].push(vm);
  });
  const layout = byHost.map((list) => list.map((vm) => vm.service ?? 'spare'));
  let placed: ResolvedScitConfig;
  try {
    placed = resolveScitConfig({ ...config, layout });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(
      'allocation',
      policyName(policy),
      `placed the VMs as ${JSON.stringify(layout)}, not a valid initial layout: ${oneLine(error.message)}`,
    );
  }
  return { hosts, vms: byHost.flat(), config: placed };
}

/** The first role of each VM to place, in placement order: r_s Active VMs per service in service order, then spares. */
function initialRoles(config: ResolvedScitConfig): (string | undefined)[] {
  const roles: (string | undefined)[] = [];
  for (const service of config.services) for (let i = 0; i < service.required; i++) roles.push(service.name);
  const total = config.layout.reduce((sum, host) => sum + host.length, 0);
  while (roles.length < total) roles.push(undefined);
  return roles;
}

/** A multi-line configuration message on one line ("2 problems …:\n  a\n  b" → "a; b"). */
function oneLine(message: string): string {
  const lines = message.split('\n');
  return lines.length === 1
    ? message
    : lines
        .slice(1)
        .map((line) => line.trim())
        .join('; ');
}

/** A policy's class name, for messages. */
function policyName(policy: VmAllocationPolicy): string {
  return policy.constructor.name;
}

/**
 * The hosts and VMs of a validated configuration, placed as its layout says (host by host, slot by
 * slot): VM i of the result is SCIT VM i. Throws `ConfigError` if a host cannot hold its VMs.
 */
export function scitCloudOnLayout(config: ResolvedScitConfig, hardware: ScitHardware): ScitCloud {
  const hosts = makeHosts(config.hostSlots, hardware);
  const vms: Vm[] = [];
  config.layout.forEach((slots, h) => {
    for (const slot of slots) {
      const service = slot.state === 'active' ? config.services[slot.service].name : undefined;
      const vm = makeVm(vms.length, hardware, service);
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
        ...(vm.service === undefined ? {} : { service: vm.service }),
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
