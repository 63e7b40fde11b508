/**
 * SCIT VMs as ordinary cloud VMs: builds the `Host`s and `Vm`s of a SCIT system and places every VM on a
 * host. With an explicit layout, placement follows it (host by host); without one, each VM is placed by
 * the given `VmAllocationPolicy` and the SCIT roles are then dealt over the resulting placement
 * (Active VMs round-robin over hosts, in service order; the rest live spares) and validated again.
 */
import { ConfigError } from '../../core/errors.js';
import { Host } from '../host.js';
import { makePes } from '../pe.js';
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
  const hosts = makeHosts(resolved.hostCount, resolved.vmsPerHost, hardware);
  if (config.layout !== undefined) {
    const vms: Vm[] = [];
    resolved.layout.forEach((slots, h) => {
      for (let i = 0; i < slots.length; i++) {
        const vm = makeVm(vms.length, hardware);
        if (!hosts[h].createVm(vm))
          throw new ConfigError(`layout[${h}]`, slots.length, 'host cannot hold its VMs');
        vms.push(vm);
      }
    });
    return { hosts, vms, config: resolved };
  }
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
