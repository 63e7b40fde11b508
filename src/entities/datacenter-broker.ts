/**
 * A broker acting for one user (CloudSim's DatacenterBroker): it discovers datacenters through the
 * information service, asks the first one to create all its VMs and retries the failed ones in the
 * next datacenters, then sends its cloudlets — a bound cloudlet to its VM, an unbound one round-robin
 * over the created VMs in acknowledgement order (the index persists across cloudlets) — and, when
 * every cloudlet has come back, destroys its VMs.
 *
 * Departures from CloudSim, for cases CloudSim leaves hanging or silent: cloudlets that can never run
 * (bound to a VM that no datacenter could create, or no VM created at all — also when the broker has
 * no VM) end in status CANCELED and are listed in `cloudletsNotRun`, so every cloudlet ends in exactly
 * one final state; `vmFailures` says why each failed VM could not be created; a VM without a cloudlet
 * scheduler and a duplicate VM or cloudlet id are configuration errors when submitted.
 */
import type { SimEvent } from '../core/index.js';
import { assertNever, ConfigError } from '../core/index.js';
import { CloudEntity } from './cloud-entity.js';
import type { CloudEventBus } from './cloud-event-bus.js';
import type { CloudInformationService } from './cloud-information-service.js';
import type { Cloudlet } from './cloudlet.js';
import {
  Datacenter,
  type DatacenterCharacteristics,
  type DatacenterMessage,
  type DatacenterReply,
  type VmFailureReason,
} from './datacenter.js';
import type { Vm } from './vm.js';

/** Messages a broker understands. */
export type BrokerMessage =
  | DatacenterReply
  | { type: 'characteristics-request' }
  | { type: 'end-of-simulation' };

/** One datacenter's refusal to create a VM (see {@link DatacenterBroker.vmFailures}). */
export interface VmFailure {
  readonly vm: Vm;
  readonly datacenter: Datacenter;
  readonly reason: VmFailureReason;
}

/** A user's broker entity. */
export class DatacenterBroker extends CloudEntity<BrokerMessage> {
  private readonly vmList: Vm[] = [];
  /** Ids in `vmList` and of the cloudlets submitted (duplicate checks in O(1)). */
  private readonly vmIds = new Set<number>();
  private readonly cloudletIds = new IdSet();
  private readonly failures: VmFailure[] = [];
  private readonly createdVms: Vm[] = [];
  private readonly createdById = new Map<number, Vm>();
  private waiting: Cloudlet[] = [];
  private readonly received: Cloudlet[] = [];
  private readonly notRun: Cloudlet[] = [];
  private readonly vmDatacenter = new Map<Vm, Datacenter>();
  private readonly characteristics = new Map<Datacenter, DatacenterCharacteristics>();
  private datacenters: Datacenter[] = [];
  private requestedDatacenters: Datacenter[] = [];
  private inFlight = 0;
  private vmsRequested = 0;
  private vmsAcks = 0;
  private vmIndex = 0;
  private finished = false;

  constructor(
    bus: CloudEventBus,
    name: string,
    private readonly informationService: CloudInformationService,
  ) {
    super(bus, name);
  }

  /** VMs submitted to this broker. */
  get vms(): readonly Vm[] {
    return this.vmList;
  }

  /** VMs currently created, in acknowledgement order. */
  get vmsCreated(): readonly Vm[] {
    return this.createdVms;
  }

  /** Cloudlets returned so far, in return order (the order of CloudSim's result table). */
  get cloudletsReceived(): readonly Cloudlet[] {
    return this.received;
  }

  /** VMs no datacenter could create (CloudSim reports them as failed; the run goes on without them). */
  get vmsFailed(): readonly Vm[] {
    return this.vmList.filter((vm) => !this.vmDatacenter.has(vm));
  }

  /**
   * Why each VM of {@link vmsFailed} could not be created: one entry per datacenter that refused it,
   * in the order asked (e.g. `{ vm, datacenter, reason: 'ram' }` for a VM larger than every host).
   */
  get vmFailures(): readonly VmFailure[] {
    return this.failures.filter((failure) => !this.vmDatacenter.has(failure.vm));
  }

  /** Cloudlets that could never run (status CANCELED). */
  get cloudletsNotRun(): readonly Cloudlet[] {
    return this.notRun;
  }

  /** True once every cloudlet has come back (or was given up) and the broker destroyed its VMs. */
  get isFinished(): boolean {
    return this.finished;
  }

  /**
   * Hands VMs to the broker; it becomes their owner. A duplicate id, or a VM without a cloudlet
   * scheduler (no cloudlet could ever run on it), is a `ConfigError`, and then no VM is taken.
   */
  submitVmList(vms: readonly Vm[]): void {
    const ids = new Set(this.vmIds);
    for (const vm of vms) {
      if (ids.has(vm.id)) {
        throw new ConfigError(`${this.name}.vms[${vm.id}].id`, vm.id, 'duplicate VM id for this broker');
      }
      ids.add(vm.id);
      if (vm.cloudletScheduler === undefined) {
        throw new ConfigError(
          `${this.name}.vms[${vm.id}].cloudletScheduler`,
          undefined,
          `VM ${vm.id} has no cloudlet scheduler, so no cloudlet could run on it; give it one ` +
            '(new Vm({ …, cloudletScheduler }), e.g. container.get(CLOUDLET_SCHEDULER_FACTORY)())',
        );
      }
    }
    for (const vm of vms) {
      vm.userId = this.id;
      this.vmList.push(vm);
      this.vmIds.add(vm.id);
    }
  }

  /** Hands cloudlets to the broker; it becomes their owner. A duplicate id is a `ConfigError` (none taken). */
  submitCloudletList(cloudlets: readonly Cloudlet[]): void {
    const ids = this.cloudletIds;
    for (let i = 0; i < cloudlets.length; i++) {
      const id = cloudlets[i].id;
      if (ids.has(id)) {
        for (let j = 0; j < i; j++) ids.delete(cloudlets[j].id); // take none of this list
        throw new ConfigError(
          `${this.name}.cloudlets[${id}].id`,
          id,
          'duplicate cloudlet id for this broker',
        );
      }
      ids.add(id);
    }
    for (const cloudlet of cloudlets) {
      cloudlet.userId = this.id;
      cloudlet.status = 'READY';
    }
    // One copy of the list, not one grown by a million pushes (each growth left garbage behind).
    this.waiting = this.waiting.length === 0 ? cloudlets.slice() : this.waiting.concat(cloudlets);
  }

  /** Binds a submitted cloudlet to one of this broker's VMs. */
  bindCloudletToVm(cloudletId: number, vmId: number): void {
    const cloudlet = this.waiting.find((c) => c.id === cloudletId);
    if (cloudlet === undefined) {
      throw new ConfigError(`${this.name}.bind.cloudletId`, cloudletId, 'no such cloudlet submitted');
    }
    cloudlet.vmId = vmId;
  }

  /** Checks the broker's configuration; throws a ConfigError naming the field. */
  validate(): void {
    const vmIds = new Set(this.vmList.map((vm) => vm.id));
    for (const cloudlet of this.waiting) {
      if (cloudlet.vmId !== undefined && !vmIds.has(cloudlet.vmId)) {
        throw new ConfigError(
          `${this.name}.cloudlets[${cloudlet.id}].vmId`,
          cloudlet.vmId,
          `is bound to a VM this broker does not have (VM ids: ${[...vmIds].join(', ') || 'none'})`,
        );
      }
    }
  }

  override startEntity(): void {
    this.validate();
    this.sendToSelf(0, { type: 'characteristics-request' });
  }

  override handle(message: BrokerMessage, _event: SimEvent<BrokerMessage>): void {
    switch (message.type) {
      case 'characteristics-request':
        this.requestCharacteristics();
        break;
      case 'characteristics':
        this.characteristics.set(message.datacenter, message.characteristics);
        if (this.characteristics.size === this.datacenters.length) {
          this.requestedDatacenters = [];
          this.createVmsIn(this.datacenters[0]);
        }
        break;
      case 'vm-create-ack':
        if (!message.created)
          this.failures.push({ vm: message.vm, datacenter: message.datacenter, reason: message.reason });
        this.onVmCreateAck(message.datacenter, message.vm, message.created);
        break;
      case 'cloudlet-return':
        this.onCloudletReturn(message.cloudlet);
        break;
      case 'end-of-simulation':
        break;
      default:
        assertNever(message);
    }
  }

  private requestCharacteristics(): void {
    this.datacenters = this.informationService.registered.filter(
      (resource): resource is Datacenter => resource instanceof Datacenter,
    );
    this.characteristics.clear();
    if (this.datacenters.length === 0) {
      this.giveUp();
      return;
    }
    for (const datacenter of this.datacenters) {
      this.sendTo(datacenter, 0, { type: 'characteristics-request', from: this });
    }
  }

  private createVmsIn(datacenter: Datacenter): void {
    let requested = 0;
    for (const vm of this.vmList) {
      if (this.vmDatacenter.has(vm)) continue;
      this.sendTo(datacenter, 0, { type: 'vm-create', vm, from: this });
      requested++;
    }
    this.requestedDatacenters.push(datacenter);
    this.vmsRequested = requested;
    this.vmsAcks = 0;
    // No VM to create (the broker has none): nothing will be acknowledged, so go on now.
    if (requested === 0) this.afterAllAcks();
  }

  private onVmCreateAck(datacenter: Datacenter, vm: Vm, created: boolean): void {
    if (created) {
      this.vmDatacenter.set(vm, datacenter);
      this.createdVms.push(vm);
      this.createdById.set(vm.id, vm);
    }
    this.vmsAcks++;
    if (this.createdVms.length === this.vmList.length) {
      this.submitCloudlets();
      return;
    }
    if (this.vmsRequested === this.vmsAcks) this.afterAllAcks();
  }

  /** Every VM requested from the last datacenter is acknowledged: retry elsewhere, submit, or give up. */
  private afterAllAcks(): void {
    const next = this.datacenters.find((dc) => !this.requestedDatacenters.includes(dc));
    if (next !== undefined) {
      this.createVmsIn(next);
    } else if (this.createdVms.length > 0) {
      this.submitCloudlets();
    } else {
      this.giveUp();
    }
  }

  /**
   * Sends every waiting cloudlet whose VM exists. Consecutive cloudlets for one datacenter go as one
   * run of messages (`sendEachTo`): the same messages in the same order, each made when delivered.
   * The cloudlets sent are gathered at the front of the waiting list itself, which then becomes the
   * list of sent cloudlets (a million cloudlets: no second array of a million grown by pushes).
   */
  private submitCloudlets(): void {
    const sent = this.waiting;
    let sentCount = 0;
    const postponed: Cloudlet[] = [];
    let runStart = 0;
    let runDatacenter: Datacenter | undefined;
    for (let i = 0; i < sent.length; i++) {
      const cloudlet = sent[i];
      let vm: Vm | undefined;
      if (cloudlet.vmId === undefined) {
        vm = this.createdVms[this.vmIndex];
      } else {
        vm = this.createdById.get(cloudlet.vmId);
        if (vm === undefined) {
          postponed.push(cloudlet); // its VM was not created
          continue;
        }
      }
      const datacenter = this.vmDatacenter.get(vm) as Datacenter;
      if (datacenter !== runDatacenter) {
        if (runDatacenter !== undefined) this.submitRun(runDatacenter, sent, runStart, sentCount);
        runDatacenter = datacenter;
        runStart = sentCount;
      }
      cloudlet.vmId = vm.id;
      this.inFlight++;
      this.vmIndex = (this.vmIndex + 1) % this.createdVms.length;
      sent[sentCount++] = cloudlet; // i >= sentCount: nothing not yet read is overwritten
    }
    if (runDatacenter !== undefined) this.submitRun(runDatacenter, sent, runStart, sentCount);
    sent.length = sentCount;
    this.waiting = postponed;
    if (this.inFlight === 0) this.giveUp();
  }

  /** Submits `sent[start…end)` to `datacenter` (one message each, made when delivered). */
  private submitRun(datacenter: Datacenter, sent: readonly Cloudlet[], start: number, end: number): void {
    this.sendEachTo(
      datacenter,
      0,
      end - start,
      (index): DatacenterMessage => ({
        type: 'cloudlet-submit',
        cloudlet: sent[start + index],
        from: this,
      }),
    );
  }

  private onCloudletReturn(cloudlet: Cloudlet): void {
    this.received.push(cloudlet);
    this.inFlight--;
    if (this.inFlight > 0) return;
    if (this.waiting.length === 0) {
      this.destroyVms();
      this.sendToSelf(0, { type: 'end-of-simulation' });
      this.finished = true;
    } else {
      this.giveUp();
    }
  }

  /** Cloudlets left waiting can never run: cancel them, destroy the VMs, finish. */
  private giveUp(): void {
    for (const cloudlet of this.waiting) {
      cloudlet.status = 'CANCELED';
      this.notRun.push(cloudlet);
    }
    this.waiting.length = 0;
    this.destroyVms();
    this.sendToSelf(0, { type: 'end-of-simulation' });
    this.finished = true;
  }

  private destroyVms(): void {
    for (const vm of this.createdVms) {
      const datacenter = this.vmDatacenter.get(vm);
      if (datacenter !== undefined) this.sendTo(datacenter, 0, { type: 'vm-destroy', vm });
    }
    this.createdVms.length = 0;
    this.createdById.clear();
  }
}

/**
 * A set of integer ids: one bit each for ids in [0, 2^26) (a million cloudlet ids in 128 KB instead
 * of a ~25 MB `Set`), a `Set` for the others.
 */
class IdSet {
  private bits = new Uint32Array(0);
  private readonly others = new Set<number>();

  has(id: number): boolean {
    if (!IdSet.dense(id)) return this.others.has(id);
    const word = id >>> 5;
    return word < this.bits.length && (this.bits[word] & (1 << (id & 31))) !== 0;
  }

  add(id: number): void {
    if (!IdSet.dense(id)) {
      this.others.add(id);
      return;
    }
    const word = id >>> 5;
    if (word >= this.bits.length) {
      const bits = new Uint32Array(Math.max(word + 1, this.bits.length * 2));
      bits.set(this.bits);
      this.bits = bits;
    }
    this.bits[word] |= 1 << (id & 31);
  }

  delete(id: number): void {
    if (!IdSet.dense(id)) {
      this.others.delete(id);
      return;
    }
    const word = id >>> 5;
    if (word < this.bits.length) this.bits[word] &= ~(1 << (id & 31));
  }

  private static dense(id: number): boolean {
    return id >= 0 && id < 2 ** 26 && Number.isInteger(id);
  }
}
