/**
 * The cloudlet request model: client requests as `Cloudlet`s that a broker entity sends, through
 * CloudSim's event bus, to the SCIT VMs' `Vm`s in a `Datacenter`, where each VM's cloudlet scheduler
 * runs them with CloudSim's semantics (whole instructions, the update cadence, 0.01 s between events).
 *
 * The broker creates the SCIT VMs in the datacenter when the run starts (the datacenter's allocation
 * policy places them; acknowledged 0.01 s later, as in CloudSim), then generates each service's
 * Poisson arrivals as messages to itself. It follows the SCIT lifecycle only through the system's
 * read-only view: an Active VM takes new requests, a Grace VM takes none and drains, and when a VM
 * starts cleansing the broker asks the datacenter to fail its unfinished cloudlets
 * (`vm-fail-cloudlets`); they come back FAILED and are dropped or resubmitted. A VM is empty when it
 * becomes Active again. The controllers never hear from it.
 */
import { assertNever } from '../../core/errors.js';
import type { SimEvent } from '../../core/events.js';
import { CloudEntity } from '../cloud-entity.js';
import type { CloudEventBus } from '../cloud-event-bus.js';
import { Cloudlet } from '../cloudlet.js';
import type { Datacenter, DatacenterReply } from '../datacenter.js';
import type { Vm } from '../vm.js';
import type { CutOffCause, RequestDispatcher, RequestModel, RequestReport } from './request-dispatch.js';
import type { ArrivalProcess } from './request-workload.js';
import type { ScitSystemView } from './scit-system.js';

/** A client request as a cloudlet (one PE): what the broker needs to account for it when it returns. */
export class RequestCloudlet extends Cloudlet {
  constructor(
    id: number,
    lengthMi: number,
    vm: number,
    /** The request's id (arrival order in the run); a resubmission keeps it. */
    readonly requestId: number,
    readonly service: number,
    readonly arrivalSeconds: number,
    /** 1 for the first submission, 2 for the first resubmission … */
    readonly attempt: number,
  ) {
    super({ id, lengthMi, vmId: vm });
  }
}

interface ArrivalMessage {
  readonly type: 'arrival';
  readonly service: number;
}

/** Messages the request broker handles: the datacenter's replies and its own arrivals. */
export type RequestBrokerMessage = DatacenterReply | ArrivalMessage;

/** What a {@link ScitRequestBroker} works with. */
export interface ScitRequestBrokerOptions {
  readonly datacenter: Datacenter;
  /** The cloud VM of each SCIT VM (index = SCIT VM id = VM id), each with a cloudlet scheduler. */
  readonly vms: readonly Vm[];
  readonly system: ScitSystemView;
  readonly dispatcher: RequestDispatcher;
  /** The arrival processes of the services that have a load. */
  readonly arrivals: readonly ArrivalProcess[];
  /** No request arrives at or after this time. */
  readonly arrivalsEndSeconds: number;
  /** Keep the cloudlets in flight (for the records of requests unfinished at the end). */
  readonly record: boolean;
}

/** The broker entity of the cloudlet request model. */
export class ScitRequestBroker extends CloudEntity<RequestBrokerMessage> implements RequestModel {
  readonly engine = 'cloudlets';
  private readonly datacenter: Datacenter;
  private readonly vms: readonly Vm[];
  private readonly system: ScitSystemView;
  private readonly dispatcher: RequestDispatcher;
  private readonly arrivals: readonly ArrivalProcess[];
  /** Arrival process and message of each service that has a load (indexed by service). */
  private readonly processes: ArrivalProcess[] = [];
  private readonly arrivalMessages: ArrivalMessage[] = [];
  private readonly arrivalsEnd: number;
  /** Why each VM was last asked to fail its cloudlets (how a FAILED return is counted). */
  private readonly cutOffCause: CutOffCause[];
  private readonly inFlight: Set<RequestCloudlet> | undefined;
  private readonly unsubscribe: () => void;
  private acks = 0;
  private nextCloudletId = 0;

  constructor(bus: CloudEventBus, name: string, options: ScitRequestBrokerOptions) {
    super(bus, name);
    this.datacenter = options.datacenter;
    this.vms = options.vms;
    this.system = options.system;
    this.dispatcher = options.dispatcher;
    this.arrivals = options.arrivals;
    for (const process of this.arrivals) {
      this.processes[process.service] = process;
      this.arrivalMessages[process.service] = Object.freeze({ type: 'arrival', service: process.service });
    }
    this.arrivalsEnd = options.arrivalsEndSeconds;
    this.cutOffCause = this.vms.map(() => 'cleansing');
    this.inFlight = options.record ? new Set() : undefined;
    this.unsubscribe = this.system.stateChanged.subscribe((change) => {
      const vm = this.dispatcher.transition(change);
      if (vm >= 0) this.cutOff(vm, 'cleansing');
    }, bus.sim.hooks.finished);
  }

  /** Asks the datacenter to create every SCIT VM (placed by its allocation policy). */
  override startEntity(): void {
    for (const vm of this.vms) {
      vm.userId = this.id;
      this.sendTo(this.datacenter, 0, { type: 'vm-create', vm, from: this });
    }
  }

  override handle(message: RequestBrokerMessage, _event: SimEvent<RequestBrokerMessage>): void {
    switch (message.type) {
      case 'vm-create-ack':
        if (!message.created)
          throw new Error(
            `${this.name}: the datacenter could not create SCIT VM ${message.vm.id} (${message.reason})`,
          );
        if (++this.acks === this.vms.length) this.startArrivals();
        break;
      case 'arrival':
        this.arrive(message.service);
        break;
      case 'cloudlet-return':
        this.returned(message.cloudlet as RequestCloudlet);
        break;
      case 'characteristics':
        break;
      default:
        assertNever(message);
    }
  }

  cutOffHost(host: number): void {
    for (let vm = 0; vm < this.vms.length; vm++)
      if (this.system.hostOf(vm) === host && this.dispatcher.load[vm] > 0) this.cutOff(vm, 'compromise');
  }

  finish(): RequestReport {
    this.unsubscribe();
    for (const c of this.inFlight ?? [])
      this.dispatcher.unfinished(
        c.requestId,
        c.service,
        c.vmId as number,
        c.arrivalSeconds,
        c.lengthMi,
        c.attempt,
      );
    return { engine: this.engine, ...this.dispatcher.finish() };
  }

  /** Every VM is up: the first arrival of each service, one gap after now. */
  private startArrivals(): void {
    for (const process of this.arrivals)
      this.sendToSelf(process.nextGapSeconds(), this.arrivalMessages[process.service]);
  }

  /** A request arrives: its length, where it goes, then when the next one comes. */
  private arrive(service: number): void {
    const now = this.sim.now;
    if (now >= this.arrivalsEnd) return;
    const process = this.processes[service];
    const length = process.nextLengthMi();
    const vm = this.dispatcher.arrive(service, now, length);
    if (vm >= 0)
      this.submit(
        new RequestCloudlet(this.nextCloudletId++, length, vm, this.dispatcher.lastId, service, now, 1),
      );
    this.sendToSelf(process.nextGapSeconds(), this.arrivalMessages[service]);
  }

  private submit(cloudlet: RequestCloudlet): void {
    cloudlet.userId = this.id;
    cloudlet.status = 'READY';
    this.inFlight?.add(cloudlet);
    this.sendTo(this.datacenter, 0, { type: 'cloudlet-submit', cloudlet, from: this });
  }

  private returned(c: RequestCloudlet): void {
    this.inFlight?.delete(c);
    const now = this.sim.now;
    const vm = c.vmId as number;
    if (c.status === 'SUCCESS') {
      this.dispatcher.served(c.requestId, c.service, vm, c.arrivalSeconds, c.lengthMi, c.attempt, now);
      return;
    }
    const cause = this.cutOffCause[vm];
    const next = this.dispatcher.failed(
      c.requestId,
      c.service,
      vm,
      c.arrivalSeconds,
      c.lengthMi,
      c.attempt,
      now,
      cause,
    );
    if (next >= 0)
      this.submit(
        new RequestCloudlet(
          this.nextCloudletId++,
          c.lengthMi,
          next,
          c.requestId,
          c.service,
          c.arrivalSeconds,
          c.attempt + 1,
        ),
      );
  }

  private cutOff(vm: number, cause: CutOffCause): void {
    this.cutOffCause[vm] = cause;
    this.sendTo(this.datacenter, 0, { type: 'vm-fail-cloudlets', vm: this.vms[vm] });
  }
}
