/**
 * SCIT VMs on the container's cloud: hosts built with the container's `VM_SCHEDULER_FACTORY`, VMs placed
 * by the layout when the configuration has one, otherwise by the container's `VM_ALLOCATION_POLICY`.
 */
import type { Container } from 'inversify';
import { placeScitCloud, type ScitCloud } from '../entities/scit/cloud-placement.js';
import type { ScitConfig } from '../entities/scit/config.js';
import { VM_ALLOCATION_POLICY } from '../entities/vm-allocation-policy.js';
import { VM_SCHEDULER_FACTORY } from '../entities/vm-scheduler.js';

/** VM hardware of a SCIT system (one PE per VM; a host has one PE per VM slot). */
export interface ScitVmHardware {
  /** MIPS of each VM's PE (and of each host PE). */
  vmMips: number;
  /** RAM of each VM in MB (default 1024). */
  vmRamMb?: number;
}

/** A placed SCIT cloud and how it was placed. */
export interface ScitPlacement extends ScitCloud {
  /** `layout` (the configuration's explicit layout) or the allocation policy's class name. */
  readonly placement: string;
}

/** Validates `config`, builds its hosts and VMs from the container's policies and places them. */
export function placeScit(container: Container, config: ScitConfig, hardware: ScitVmHardware): ScitPlacement {
  const policy = container.get(VM_ALLOCATION_POLICY);
  const cloud = placeScitCloud(config, policy, {
    vmMips: hardware.vmMips,
    vmRamMb: hardware.vmRamMb ?? 1024,
    vmScheduler: container.get(VM_SCHEDULER_FACTORY),
  });
  return { ...cloud, placement: config.layout === undefined ? policy.constructor.name : 'layout' };
}
