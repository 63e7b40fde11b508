/**
 * A datacenter (CloudSim's Datacenter): a simulation entity that owns hosts, places VMs on them with
 * a {@link VmAllocationPolicy}, runs the cloudlets brokers send, and returns them when finished.
 * It reports, after each change, on its own typed signals: `vmCreated`, `vmFailed` (with the
 * reason), `vmDestroyed` and `cloudletReturned`; each payload carries the time and the subject.
 * Where each VM was placed stays readable after the run in `vmPlacements`.
 *
 * Update cadence, as CloudSim 7.0.1 (`shouldUpdateProcessing` and `nextUpdateTime` of
 * `cloudsim-rules.ts`, with the simulation's one minimum gap): cloudlet processing is brought up to
 * date only if the clock is below 0.111 s or at least the gap after the last update; the next update is
 * scheduled at max(earliest estimated finish, now + gap + 0.01). A submission first runs an update,
 * then schedules one more update after the scheduler's submission estimate. A `vm-fail-cloudlets`
 * request (ours, for VMs that are cut off) also updates first, then fails the VM's unfinished cloudlets.
 */
import type { SimEvent } from '../core/index.js';
import { assertNever, ConfigError, Signal } from '../core/index.js';
import { CloudEntity } from './cloud-entity.js';
import type { CloudEventBus } from './cloud-event-bus.js';
import type { CloudInformationService } from './cloud-information-service.js';
import { type Cloudlet, type CloudletPrices, CloudletTimes } from './cloudlet.js';
import type { CloudletScheduler, ProcessingBatch } from './cloudlet-scheduler.js';
import { nextUpdateTime, shouldUpdateProcessing } from './cloudsim-rules.js';
import type { Host, UnfitReason } from './host.js';
import { IndexSet } from './index-set.js';
import { MinTree } from './min-tree.js';
import type { Vm } from './vm.js';
import type { VmAllocationPolicy } from './vm-allocation-policy.js';

/** Static description of a datacenter and its prices. */
export interface DatacenterCharacteristics {
  readonly architecture: string;
  readonly os: string;
  readonly vmm: string;
  readonly timeZone: number;
  /** Price of one second of CPU. */
  readonly costPerSecond: number;
  /** Price per MB of RAM. */
  readonly costPerMem: number;
  /** Price per MB of storage. */
  readonly costPerStorage: number;
  /** Price per unit of bandwidth. */
  readonly costPerBw: number;
}

/** Defaults of CloudSim's examples 1–5 (x86, Linux, Xen, time zone 10, costs 3.0 / 0.05 / 0.001 / 0). */
export const EXAMPLE_CHARACTERISTICS: DatacenterCharacteristics = Object.freeze({
  architecture: 'x86',
  os: 'Linux',
  vmm: 'Xen',
  timeZone: 10,
  costPerSecond: 3.0,
  costPerMem: 0.05,
  costPerStorage: 0.001,
  costPerBw: 0.0,
});

/** Messages a datacenter understands. `from` is the entity to answer (a cloudlet returns to it). */
export type DatacenterMessage =
  | { type: 'characteristics-request'; from: CloudEntity<DatacenterReply> }
  | { type: 'vm-create'; vm: Vm; from: CloudEntity<DatacenterReply> }
  | { type: 'vm-destroy'; vm: Vm }
  | { type: 'cloudlet-submit'; cloudlet: Cloudlet; from: CloudEntity<DatacenterReply> }
  /** Fail every unfinished cloudlet of `vm` (it is cut off: SCIT cleansing, a compromised host). */
  | { type: 'vm-fail-cloudlets'; vm: Vm }
  | { type: 'update-processing' };

/**
 * Why a datacenter could not create a VM: the resource it lacks on the host the policy chose, or,
 * when the policy chose none, the resource most of its hosts lack (ties in the order PEs, RAM,
 * bandwidth, storage); `'declined'` when some host could have taken it but the policy chose none.
 */
export type VmFailureReason = UnfitReason | 'declined';

/** Messages a datacenter sends back to brokers. */
export type DatacenterReply =
  | { type: 'characteristics'; datacenter: Datacenter; characteristics: DatacenterCharacteristics }
  | { type: 'vm-create-ack'; datacenter: Datacenter; vm: Vm; created: true }
  | { type: 'vm-create-ack'; datacenter: Datacenter; vm: Vm; created: false; reason: VmFailureReason }
  | { type: 'cloudlet-return'; cloudlet: Cloudlet };

/** Payload of a datacenter's `vmCreated` and `vmDestroyed` signals. */
export interface VmPlacementEvent {
  readonly time: number;
  readonly datacenter: Datacenter;
  readonly vm: Vm;
  /** The host the VM was placed on (created) or has left (destroyed). */
  readonly host: Host;
}

/** Payload of a datacenter's `vmFailed` signal. */
export interface VmFailureEvent {
  readonly time: number;
  readonly datacenter: Datacenter;
  readonly vm: Vm;
  readonly reason: VmFailureReason;
}

/** Payload of a datacenter's `cloudletReturned` signal: the cloudlet is in a final state. */
export interface CloudletReturnEvent {
  readonly time: number;
  readonly datacenter: Datacenter;
  readonly cloudlet: Cloudlet;
}

/** Construction parameters of a datacenter. */
export interface DatacenterOptions {
  readonly name: string;
  readonly characteristics: DatacenterCharacteristics;
  readonly hosts: readonly Host[];
  readonly vmAllocationPolicy: VmAllocationPolicy;
  /** The information service to register with. */
  readonly informationService: CloudInformationService;
  /**
   * Walk every host at every update, literally as CloudSim does, instead of only the hosts changed
   * since an update at the same instant. Same results, slower; for cross-checking. Default false.
   */
  readonly exhaustiveUpdates?: boolean;
  /**
   * A batch the cloudlet schedulers of the VMs created here join between updates (one per
   * datacenter). An update then visits only the hosts with a changed VM, an unbatched scheduler or
   * a finishing cloudlet. Same results. Ignored with `exhaustiveUpdates`.
   */
  readonly processingBatch?: ProcessingBatch;
}

/** Resources in the order `Host.unfitReason` checks them (ties of {@link VmFailureReason}). */
const UNFIT_ORDER: readonly UnfitReason[] = ['pes', 'ram', 'bw', 'storage'];

/** The update message carries no data: one shared object instead of one per event. */
const UPDATE_PROCESSING: DatacenterMessage = Object.freeze({ type: 'update-processing' });

/** Checks the options before the entity is registered; returns the name. */
function validName(options: DatacenterOptions): string {
  if (options.hosts.length === 0) {
    throw new ConfigError(`datacenter "${options.name}".hosts`, [], 'a datacenter needs at least one host');
  }
  return options.name;
}

/** A datacenter entity. */
export class Datacenter extends CloudEntity<DatacenterMessage> {
  /** A VM was placed on one of the hosts. */
  readonly vmCreated = new Signal<VmPlacementEvent>();
  /** A VM could not be created here. */
  readonly vmFailed = new Signal<VmFailureEvent>();
  /** A VM was destroyed and its host's resources freed. */
  readonly vmDestroyed = new Signal<VmPlacementEvent>();
  /** A cloudlet, now in a final state, was sent back to its owner. */
  readonly cloudletReturned = new Signal<CloudletReturnEvent>();
  readonly characteristics: DatacenterCharacteristics;
  /** The two prices a cloudlet records, one object for all of them. */
  private readonly prices: CloudletPrices;
  readonly hosts: readonly Host[];
  readonly vmAllocationPolicy: VmAllocationPolicy;
  private readonly informationService: CloudInformationService;
  private readonly exhaustiveUpdates: boolean;
  /** Created VMs in creation order (a Set: destroying one is O(1)). */
  private readonly vmSet = new Set<Vm>();
  private readonly vmsByOwner = new Map<number, Map<number, Vm>>();
  /** Where the cloudlets of each user (by user id) return: the entity that submitted them. */
  private readonly cloudletOwners = new Map<number, CloudEntity<DatacenterReply>>();
  /** Host id of every VM created here, by VM uid; destroyed VMs keep their last host. */
  private readonly placements = new Map<string, number>();
  private lastProcessTime = 0;
  /** The arrival of the cloudlets submitted at its time (see {@link arrivalAt}). */
  private arrival: CloudletTimes | undefined;
  /** Index of each host in `hosts`. */
  private readonly hostIndex = new Map<Host, number>();
  /** Earliest estimated finish of each host at the last update (time `estimatesTime`). */
  private readonly hostEstimates: Float64Array;
  /** Minimum of `hostEstimates`, kept up to date in O(log hosts) per changed host. */
  private readonly earliestTree: MinTree;
  private estimatesTime = Number.NaN;
  /** Hosts whose VMs changed (submission, creation, destruction) since the last update. */
  private readonly dirtyHosts: IndexSet;
  /** Finished cloudlets not yet returned, in CloudSim's completion order. */
  private readonly toReturn: Cloudlet[] = [];
  private readonly batch: ProcessingBatch | undefined;
  /** Host index of each created VM's scheduler (to find the host of a scheduler the batch wakes). */
  private readonly schedulerHosts = new Map<CloudletScheduler, number>();
  /** Hosts with a scheduler outside the batch after their last walk: walked at every update. */
  private readonly looseHosts: IndexSet;
  /** Hosts to walk at the current batched update. */
  private readonly walkHosts: IndexSet;
  /** Hosts where a cloudlet finished at the current update. */
  private readonly finishedOn: IndexSet;
  private readonly wakeScheduler = (scheduler: CloudletScheduler): void => {
    const index = this.schedulerHosts.get(scheduler);
    if (index !== undefined) this.walkHosts.add(index);
  };

  constructor(bus: CloudEventBus, options: DatacenterOptions) {
    super(bus, validName(options));
    this.characteristics = options.characteristics;
    const { costPerSecond, costPerBw } = options.characteristics;
    this.prices = Object.freeze({ costPerSecond, costPerBw });
    this.hosts = options.hosts;
    this.vmAllocationPolicy = options.vmAllocationPolicy;
    this.informationService = options.informationService;
    this.exhaustiveUpdates = options.exhaustiveUpdates === true;
    this.batch = this.exhaustiveUpdates ? undefined : options.processingBatch;
    this.hosts.forEach((host, index) => {
      host.datacenterId = this.id;
      this.hostIndex.set(host, index);
    });
    this.hostEstimates = new Float64Array(this.hosts.length).fill(Number.MAX_VALUE);
    this.earliestTree = new MinTree(this.hosts.length);
    // Sets of host indices, made once (they change at every update).
    this.dirtyHosts = new IndexSet(this.hosts.length);
    this.looseHosts = new IndexSet(this.hosts.length);
    this.walkHosts = new IndexSet(this.hosts.length);
    this.finishedOn = new IndexSet(this.hosts.length);
  }

  /** VMs created here and not yet destroyed, in creation order. */
  get vms(): readonly Vm[] {
    return [...this.vmSet];
  }

  /**
   * Where each VM created here was placed: host id by VM uid (`"<userId>-<id>"`), in creation order.
   * A destroyed VM keeps its last host, so the placements of a run can be read after it.
   */
  get vmPlacements(): ReadonlyMap<string, number> {
    return this.placements;
  }

  override startEntity(): void {
    this.sendTo(this.informationService, 0, { type: 'register-resource', resource: this });
  }

  override handle(message: DatacenterMessage, _event: SimEvent<DatacenterMessage>): void {
    switch (message.type) {
      case 'characteristics-request':
        this.sendTo(message.from, 0, {
          type: 'characteristics',
          datacenter: this,
          characteristics: this.characteristics,
        });
        break;
      case 'vm-create':
        this.createVm(message.vm, message.from);
        break;
      case 'vm-destroy':
        this.destroyVm(message.vm);
        break;
      case 'cloudlet-submit':
        this.cloudletOwners.set(message.cloudlet.userId, message.from);
        this.submitCloudlet(message.cloudlet);
        break;
      case 'vm-fail-cloudlets':
        this.failVmCloudlets(message.vm);
        break;
      case 'update-processing':
        this.updateCloudletProcessing();
        this.returnFinishedCloudlets();
        break;
      default:
        assertNever(message);
    }
  }

  private createVm(vm: Vm, from: CloudEntity<DatacenterReply>): void {
    const host = this.vmAllocationPolicy.allocateHostForVm(vm, this.hosts);
    const gap = this.bus.minTimeBetweenEvents;
    if (host === undefined || !host.createVm(vm)) {
      const reason = this.failureReason(vm, host);
      this.sendTo(from, gap, { type: 'vm-create-ack', datacenter: this, vm, created: false, reason });
      if (this.vmFailed.size > 0) this.vmFailed.emit({ time: this.sim.now, datacenter: this, vm, reason });
      return;
    }
    this.sendTo(from, gap, { type: 'vm-create-ack', datacenter: this, vm, created: true });
    this.placements.set(vm.uid, host.id);
    this.vmSet.add(vm);
    this.ownerVms(vm.userId).set(vm.id, vm);
    this.markDirty(host);
    const index = this.hostIndex.get(host);
    if (vm.cloudletScheduler !== undefined && index !== undefined) {
      this.schedulerHosts.set(vm.cloudletScheduler, index);
      this.batch?.admit(vm.cloudletScheduler);
    }
    vm.updateProcessing(this.sim.now, host.vmScheduler.allocatedMipsForVm(vm));
    if (this.vmCreated.size > 0) this.vmCreated.emit({ time: this.sim.now, datacenter: this, vm, host });
  }

  private destroyVm(vm: Vm): void {
    const host = vm.host;
    if (host !== undefined) {
      if (vm.cloudletScheduler !== undefined) {
        this.batch?.dismiss(vm.cloudletScheduler);
        this.schedulerHosts.delete(vm.cloudletScheduler);
      }
      this.markDirty(host);
      host.destroyVm(vm);
      this.vmAllocationPolicy.releaseHostForVm?.(vm, host);
    }
    this.vmSet.delete(vm);
    if (this.vmsByOwner.get(vm.userId)?.get(vm.id) === vm) this.vmsByOwner.get(vm.userId)?.delete(vm.id);
    if (host !== undefined && this.vmDestroyed.size > 0)
      this.vmDestroyed.emit({ time: this.sim.now, datacenter: this, vm, host });
  }

  private submitCloudlet(cloudlet: Cloudlet): void {
    this.updateCloudletProcessing();
    const now = this.sim.now;
    cloudlet.arrive(this.arrivalAt(now));
    const vm = this.findVm(cloudlet.userId, cloudlet.vmId);
    if (vm?.cloudletScheduler === undefined) {
      // Not reachable through DatacenterBroker (it validates bindings); fail the cloudlet, do not hang.
      cloudlet.status = 'FAILED';
      cloudlet.finishTime = now;
      this.returnToOwner(cloudlet);
      return;
    }
    if (vm.host !== undefined) this.markDirty(vm.host);
    const estimate = vm.cloudletScheduler.submit(cloudlet, now, 0);
    if (estimate > 0 && Number.isFinite(estimate)) this.sendToSelfRepeat(estimate, UPDATE_PROCESSING);
    for (const rejected of vm.cloudletScheduler.takeFinished()) this.toReturn.push(rejected);
    this.returnFinishedCloudlets();
  }

  /**
   * Cuts a VM off: like a submission, first brings processing up to date (with the update cadence),
   * so that what finishes by now finishes with success; then fails the rest (`failAll` of its
   * scheduler) and returns them all, the finished ones first. A VM not created here is ignored.
   */
  private failVmCloudlets(vm: Vm): void {
    this.updateCloudletProcessing();
    const scheduler = vm.cloudletScheduler;
    if (vm.host !== undefined && scheduler !== undefined && this.vmSet.has(vm)) {
      this.markDirty(vm.host);
      scheduler.failAll(this.sim.now, this.toReturn);
    }
    this.returnFinishedCloudlets();
  }

  /** See {@link VmFailureReason}. */
  private failureReason(vm: Vm, chosen: Host | undefined): VmFailureReason {
    if (chosen !== undefined) return chosen.unfitReason(vm) ?? 'declined';
    const counts = new Map<UnfitReason, number>();
    for (const host of this.hosts) {
      const reason = host.unfitReason(vm);
      if (reason === undefined) return 'declined';
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
    let most: VmFailureReason = 'declined';
    let mostCount = 0;
    for (const reason of UNFIT_ORDER) {
      const count = counts.get(reason) ?? 0;
      if (count > mostCount) [most, mostCount] = [reason, count];
    }
    return most;
  }

  /** Where and when a cloudlet arriving now arrives: one record for all the cloudlets of one time. */
  private arrivalAt(now: number): CloudletTimes {
    let arrival = this.arrival;
    if (arrival === undefined || !Object.is(arrival.submissionTime, now)) {
      arrival = CloudletTimes.arrival(this.id, this.prices, now);
      this.arrival = arrival;
    }
    return arrival;
  }

  private findVm(userId: number, vmId: number | undefined): Vm | undefined {
    return vmId === undefined ? undefined : this.vmsByOwner.get(userId)?.get(vmId);
  }

  private ownerVms(userId: number): Map<number, Vm> {
    let vms = this.vmsByOwner.get(userId);
    if (vms === undefined) {
      vms = new Map();
      this.vmsByOwner.set(userId, vms);
    }
    return vms;
  }

  private markDirty(host: Host): void {
    const index = this.hostIndex.get(host);
    if (index !== undefined) this.dirtyHosts.add(index);
  }

  /**
   * CloudSim's updateCloudletProcessing, with its cadence rule and minimum interval.
   *
   * CloudSim walks every host and VM each time. When this update happens at the same time as the
   * previous one, a VM that nobody touched since and where nothing finished gains nothing (zero
   * elapsed time) and keeps its capacity and estimate, so only the other hosts (marked dirty) are
   * walked again; the result is the same (checked by a property test against `exhaustiveUpdates`).
   */
  private updateCloudletProcessing(): void {
    const now = this.sim.now;
    const gap = this.bus.minTimeBetweenEvents;
    if (!shouldUpdateProcessing(now, this.lastProcessTime, gap)) return;
    // Hosts where a cloudlet finished must be walked again at the same instant: their VMs' capacity
    // per PE (computed before the finish) changes when recomputed.
    const finishedOn = this.finishedOn;
    finishedOn.clear();
    const batch = this.batch;
    if (batch !== undefined) {
      this.batchedWalk(now, batch, finishedOn);
    } else {
      this.plainWalk(now, finishedOn);
    }
    const dirty = this.dirtyHosts;
    dirty.clear();
    for (let k = 0; k < finishedOn.size; k++) dirty.add(finishedOn.at(k));
    let earliest = this.earliestTree.min;
    if (batch !== undefined) {
      const batched = batch.earliestEstimate(now);
      if (batched < earliest) earliest = batched;
    }
    earliest = nextUpdateTime(earliest, now, gap);
    if (earliest !== Number.MAX_VALUE) this.sendToSelfRepeat(earliest - now, UPDATE_PROCESSING);
    this.lastProcessTime = now;
  }

  /** Walks every host (or the dirty ones at the same instant); see updateCloudletProcessing. */
  private plainWalk(now: number, finishedOn: IndexSet): void {
    const estimates = this.hostEstimates;
    const tree = this.earliestTree;
    const toReturn = this.toReturn;
    const walk = (index: number): void => {
      const before = toReturn.length;
      estimates[index] = this.hosts[index].updateVmsProcessing(now, toReturn);
      if (toReturn.length > before) finishedOn.add(index);
    };
    if (now === this.estimatesTime && !this.exhaustiveUpdates) {
      const dirty = this.dirtyHosts;
      dirty.sort();
      for (let k = 0; k < dirty.size; k++) {
        const index = dirty.at(k);
        walk(index);
        tree.set(index, estimates[index]);
      }
    } else {
      for (let i = 0; i < this.hosts.length; i++) walk(i);
      tree.setAll(estimates);
      this.estimatesTime = now;
    }
  }

  /**
   * The walk with a processing batch. Schedulers in the batch are advanced by it; a host is walked
   * when it is dirty, has a scheduler outside the batch, or has one the batch woke (a cloudlet
   * finishes). Host estimates then cover only the schedulers outside the batch; the batch reports
   * the others. Hosts are walked in index order, so finished cloudlets keep CloudSim's order.
   */
  private batchedWalk(now: number, batch: ProcessingBatch, finishedOn: IndexSet): void {
    const walkHosts = this.walkHosts;
    const dirty = this.dirtyHosts;
    for (let k = 0; k < dirty.size; k++) walkHosts.add(dirty.at(k));
    if (now !== this.estimatesTime) {
      const loose = this.looseHosts;
      for (let k = 0; k < loose.size; k++) walkHosts.add(loose.at(k));
      batch.advance(now, this.wakeScheduler);
      this.estimatesTime = now;
    }
    walkHosts.sort();
    const estimates = this.hostEstimates;
    const tree = this.earliestTree;
    const toReturn = this.toReturn;
    // Walking changes neither the hosts to walk nor their order (only `looseHosts` and `finishedOn`).
    for (let k = 0; k < walkHosts.size; k++) {
      const index = walkHosts.at(k);
      const host = this.hosts[index];
      const before = toReturn.length;
      // The batch is at `now`: schedulers settled in it need no call.
      const estimate = host.updateVmsProcessing(now, toReturn, true);
      if (toReturn.length > before) finishedOn.add(index);
      if (estimates[index] !== estimate) {
        estimates[index] = estimate;
        tree.set(index, estimate);
      }
      if (host.unbatchedSchedulers > 0) this.looseHosts.add(index);
      else this.looseHosts.delete(index);
    }
    walkHosts.clear();
  }

  /** CloudSim's checkCloudletCompletion: sends finished cloudlets back, in completion order. */
  private returnFinishedCloudlets(): void {
    if (this.toReturn.length === 0) return;
    for (const cloudlet of this.toReturn) this.returnToOwner(cloudlet);
    this.toReturn.length = 0;
  }

  private returnToOwner(cloudlet: Cloudlet): void {
    const owner = this.cloudletOwners.get(cloudlet.userId);
    if (owner !== undefined) this.sendTo(owner, 0, { type: 'cloudlet-return', cloudlet });
    if (this.cloudletReturned.size > 0)
      this.cloudletReturned.emit({ time: this.sim.now, datacenter: this, cloudlet });
  }
}
