/**
 * A virtual machine: a plain object (not a simulation entity) with a MIPS capacity per virtual PE,
 * RAM, bandwidth and image size, placed on at most one host at a time.
 *
 * @example Build VMs and place them on hosts with a policy, outside any Datacenter
 * ```ts
 * import { Host, Vm, makePes, placeVm } from '../entities/index.js';
 * import { VmAllocationPolicySimple } from '../policies/allocation/index.js';
 * import { VmSchedulerTimeShared } from '../policies/scheduling/index.js';
 *
 * const hosts = [0, 1, 2].map(
 *   (id) => new Host({ id, pes: makePes(4, 1000), ramMb: 16384, bwMbps: 10000, storageMb: 1e6,
 *                      vmScheduler: (pes) => new VmSchedulerTimeShared(pes) }),
 * );
 * const policy = new VmAllocationPolicySimple();
 * const vm = new Vm({ id: 0, mips: 1000, pes: 1, ramMb: 512, bwMbps: 1000, sizeMb: 10000 });
 * const host = placeVm(policy, vm, hosts);   // the chosen host (VM created on it), or undefined
 * host?.destroyVm(vm);                        // frees its PEs, RAM, bandwidth and storage
 * ```
 */
import { ConfigError } from '../core/index.js';
import type { CloudletScheduler } from './cloudlet-scheduler.js';
import type { Host } from './host.js';

/** What a VM is made of. Sizes: RAM and image in MB, bandwidth in Mbps. */
export interface VmOptions {
  /** Id, unique per owner (two brokers may both have a VM 0). */
  id: number;
  /** Id of the owning user/broker entity; set by the broker when the VM is submitted. Default −1. */
  userId?: number;
  /** MIPS of each virtual PE (> 0). */
  mips: number;
  /** Number of virtual PEs (integer ≥ 1). Default 1. */
  pes?: number;
  ramMb: number;
  bwMbps: number;
  /** Image size in MB (taken from the host's storage). */
  sizeMb: number;
  /** Hypervisor name (informational). Default "Xen". */
  vmm?: string;
  /** How the VM runs cloudlets. A VM without one cannot run cloudlets (`DatacenterBroker` refuses it). */
  cloudletScheduler?: CloudletScheduler;
  /**
   * The service a SCIT VM is created for (it starts as an Active VM of it); omitted for a SCIT live
   * spare and for VMs outside SCIT. What a service-aware allocation policy reads.
   */
  service?: string;
}

/** A virtual machine. */
export class Vm {
  readonly id: number;
  /** Owning user/broker entity id (−1 until a broker takes the VM). */
  userId: number;
  readonly mips: number;
  readonly pes: number;
  readonly ramMb: number;
  readonly bwMbps: number;
  readonly sizeMb: number;
  readonly vmm: string;
  readonly cloudletScheduler: CloudletScheduler | undefined;
  /** The SCIT service the VM is created for, if any (see {@link VmOptions.service}). */
  readonly service: string | undefined;
  /** The host the VM runs on, if placed. Set by `Host.createVm` / `Host.destroyVm`. */
  host: Host | undefined = undefined;

  constructor(options: VmOptions) {
    const { id, mips, ramMb, bwMbps, sizeMb } = options;
    const pes = options.pes ?? 1;
    const where = `vm[${id}]`;
    if (!Number.isInteger(id)) throw new ConfigError(`${where}.id`, id, 'must be an integer');
    if (!(mips > 0) || !Number.isFinite(mips)) throw new ConfigError(`${where}.mips`, mips, 'must be > 0');
    if (!Number.isInteger(pes) || pes < 1)
      throw new ConfigError(`${where}.pes`, pes, 'must be an integer >= 1');
    for (const [field, value] of [
      ['ramMb', ramMb],
      ['bwMbps', bwMbps],
      ['sizeMb', sizeMb],
    ] as const) {
      if (!(value >= 0) || !Number.isFinite(value)) {
        throw new ConfigError(`${where}.${field}`, value, 'must be a finite number >= 0');
      }
    }
    this.id = id;
    this.userId = options.userId ?? -1;
    this.mips = mips;
    this.pes = pes;
    this.ramMb = ramMb;
    this.bwMbps = bwMbps;
    this.sizeMb = sizeMb;
    this.vmm = options.vmm ?? 'Xen';
    this.cloudletScheduler = options.cloudletScheduler;
    this.service = options.service;
  }

  /** Total MIPS over all virtual PEs. */
  get totalMips(): number {
    return this.mips * this.pes;
  }

  /** The MIPS the VM asks its host for, one entry per virtual PE. */
  requestedMips(): number[] {
    return new Array<number>(this.pes).fill(this.mips);
  }

  /** Unique id across owners: `"<userId>-<id>"`. */
  get uid(): string {
    return `${this.userId}-${this.id}`;
  }

  /**
   * Advances the VM's cloudlets to `now` with the MIPS its host gives it; returns the earliest estimated
   * finish (0 when nothing runs, as CloudSim).
   */
  updateProcessing(now: number, mipsShare: readonly number[]): number {
    return this.cloudletScheduler === undefined ? 0 : this.cloudletScheduler.updateProcessing(now, mipsShare);
  }

  toString(): string {
    return `Vm#${this.id}(user ${this.userId})`;
  }
}
