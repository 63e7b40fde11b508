/**
 * The broker's side of client requests, shared by both request models (the cloudlet broker entity
 * and the fast path), so that they decide alike: which VMs of a service are Active (from the SCIT
 * system's transitions), where each request goes (the bound `RequestRouting`), what is rejected,
 * what a failed request becomes (dropped, or resubmitted), and the per-service counts.
 *
 * It never acts on VMs: the models ask it and apply its answers. Its only input from SCIT is the
 * read-only view's transitions, which the models pass on (after bringing themselves up to date).
 */
import type { RandomStream } from '../../core/random.js';
import type { RequestRouting } from './request-routing.js';
import type { RequestOutcome, RequestRecord, ServiceRequestStats } from './request-workload.js';
import { ResponseTimes } from './response-times.js';
import type { ScitSystemView } from './scit-system.js';
import type { ScitTransition } from './scit-vm.js';

/** Why a VM's unfinished requests fail. */
export type CutOffCause = 'cleansing' | 'compromise';

/** Options of a {@link RequestDispatcher}. */
export interface RequestDispatcherOptions {
  readonly system: ScitSystemView;
  readonly routing: RequestRouting;
  /** The routing's stream (`requests.routing.<name>`). */
  readonly random: RandomStream;
  /** Unfinished requests a VM holds at most. */
  readonly queueCapacity: number;
  readonly resubmitOnCleansing: boolean;
  /** Keep a {@link RequestRecord} per request. */
  readonly record: boolean;
}

/** Routing, rejection and accounting of requests; one per run. */
export class RequestDispatcher {
  /** Per service, in configuration order. */
  readonly stats: ServiceRequestStats[];
  /** Requests sent to each SCIT VM and not returned yet (what routings compare). */
  readonly load: Int32Array;
  /** Id the last {@link arrive} gave its request. */
  lastId = -1;
  private readonly active: number[][];
  private readonly records: RequestRecord[] | undefined;
  private readonly routing: RequestRouting;
  private readonly random: RandomStream;
  private readonly system: ScitSystemView;
  private readonly capacity: number;
  private readonly resubmit: boolean;
  private readonly loadOf = (vm: number): number => this.load[vm];
  private nextId = 0;

  constructor(options: RequestDispatcherOptions) {
    const { system } = options;
    this.system = system;
    this.routing = options.routing;
    this.random = options.random;
    this.capacity = options.queueCapacity;
    this.resubmit = options.resubmitOnCleansing;
    const services = system.config.services;
    this.active = services.map(() => []);
    for (let vm = 0; vm < system.vmCount; vm++)
      if (system.state(vm) === 'active') this.active[system.service(vm)].push(vm);
    this.load = new Int32Array(system.vmCount);
    this.stats = services.map(() => ({
      generated: 0,
      served: 0,
      dropped: 0,
      rejected: 0,
      droppedByCleansing: 0,
      droppedByCompromise: 0,
      resubmitted: 0,
      inFlight: 0,
      responseTimes: new ResponseTimes(),
    }));
    this.records = options.record ? [] : undefined;
  }

  /**
   * Follows one SCIT transition: a VM that becomes Active takes requests, one that leaves Active
   * (for Grace) takes no more. Returns the VM whose unfinished requests must fail now — one that
   * starts cleansing while holding requests — or −1.
   */
  transition(change: ScitTransition): number {
    const { vm, from, to } = change;
    if (to === 'active') insertSorted(this.active[this.system.service(vm)], vm);
    else if (from === 'active') remove(this.active[this.system.service(vm)], vm);
    return to === 'cleansing' && this.load[vm] > 0 ? vm : -1;
  }

  /**
   * A request of `service` arrives at `now`: counts it, gives it the next id ({@link lastId}) and
   * returns the VM it is sent to, or −1 when it is rejected (no Active VM, or the chosen one is full).
   */
  arrive(service: number, now: number, lengthMi: number): number {
    const id = this.nextId++;
    this.lastId = id;
    const stats = this.stats[service];
    stats.generated++;
    const vm = this.choose(service);
    if (vm < 0) {
      stats.rejected++;
      stats.dropped++;
      this.records?.push(record(id, service, now, lengthMi, -1, 'rejected', -1, 0));
      return -1;
    }
    this.send(service, vm);
    return vm;
  }

  /** A request came back finished at `now` from `vm`. */
  served(
    id: number,
    service: number,
    vm: number,
    arrival: number,
    lengthMi: number,
    attempts: number,
    now: number,
  ): void {
    this.back(service, vm);
    const stats = this.stats[service];
    stats.served++;
    stats.responseTimes.add(now - arrival);
    this.records?.push(record(id, service, arrival, lengthMi, vm, 'served', now, attempts));
  }

  /**
   * A request came back failed at `now` from `vm`, cut off by `cause`. Returns the VM it is sent to
   * again (cleansing with `resubmitOnCleansing`, and a VM to take it), or −1: it is dropped.
   */
  failed(
    id: number,
    service: number,
    vm: number,
    arrival: number,
    lengthMi: number,
    attempts: number,
    now: number,
    cause: CutOffCause,
  ): number {
    this.back(service, vm);
    const stats = this.stats[service];
    if (cause === 'cleansing' && this.resubmit) {
      const next = this.choose(service);
      if (next >= 0) {
        stats.resubmitted++;
        this.send(service, next);
        return next;
      }
    }
    stats.dropped++;
    if (cause === 'cleansing') stats.droppedByCleansing++;
    else stats.droppedByCompromise++;
    const outcome = cause === 'cleansing' ? 'dropped-cleansing' : 'dropped-compromise';
    this.records?.push(record(id, service, arrival, lengthMi, vm, outcome, now, attempts));
    return -1;
  }

  /** A request still on `vm` when the run ended (only needed for records: counts come from {@link finish}). */
  unfinished(
    id: number,
    service: number,
    vm: number,
    arrival: number,
    lengthMi: number,
    attempts: number,
  ): void {
    this.records?.push(record(id, service, arrival, lengthMi, vm, 'in-flight', -1, attempts));
  }

  /** The counts per service (`inFlight`: the requests still on VMs); the records in id order. */
  finish(): { stats: ServiceRequestStats[]; records: RequestRecord[] | undefined } {
    this.records?.sort((a, b) => a.id - b.id);
    return { stats: this.stats, records: this.records };
  }

  /** The routing's choice among the Active VMs of `service`, or −1 (none, or the chosen one is full). */
  private choose(service: number): number {
    const candidates = this.active[service];
    const vm = this.routing.route(candidates, this.loadOf, this.random, service);
    if (vm < 0) return -1;
    if (!candidates.includes(vm))
      throw new Error(
        `request routing "${this.routing.name}" chose VM ${vm}, which is not an Active VM of ` +
          `service "${this.system.config.services[service].name}" (Active: ${candidates.join(', ')})`,
      );
    return this.load[vm] >= this.capacity ? -1 : vm;
  }

  private send(service: number, vm: number): void {
    this.load[vm]++;
    this.stats[service].inFlight++;
  }

  private back(service: number, vm: number): void {
    this.load[vm]--;
    this.stats[service].inFlight--;
  }
}

function record(
  id: number,
  service: number,
  arrivalSeconds: number,
  lengthMi: number,
  vm: number,
  outcome: RequestOutcome,
  endSeconds: number,
  attempts: number,
): RequestRecord {
  return { id, service, arrivalSeconds, lengthMi, vm, outcome, endSeconds, attempts };
}

function insertSorted(list: number[], vm: number): void {
  let i = list.length;
  list.push(vm);
  while (i > 0 && list[i - 1] > vm) {
    list[i] = list[i - 1];
    i--;
  }
  list[i] = vm;
}

function remove(list: number[], vm: number): void {
  const at = list.indexOf(vm);
  if (at >= 0) list.splice(at, 1);
}

/** Which request model ran. */
export type RequestEngine = 'cloudlets' | 'fast';

/** What a request model reports at the end of a run. */
export interface RequestReport {
  readonly engine: RequestEngine;
  readonly stats: ServiceRequestStats[];
  /** One per request, in arrival order (when the run asked for them). */
  readonly records: RequestRecord[] | undefined;
}

/** A request model running in one simulation (see `RequestEngineChoice`). */
export interface RequestModel {
  readonly engine: RequestEngine;
  /** An attack compromised `host` now: every VM on it fails its unfinished requests. */
  cutOffHost(host: number): void;
  /** Stops the model at the simulation's current time and reports (call once, after the run). */
  finish(): RequestReport;
}
