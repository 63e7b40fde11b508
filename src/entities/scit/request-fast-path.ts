/**
 * The fast request model: the cloudlet model ({@link ScitRequestBroker} with a `Datacenter` of
 * time-shared VMs) computed without entities, cloudlet objects or kernel events, with the same
 * per-request results (a property test compares them request by request on random systems).
 *
 * What it reproduces, step by step, with the formulas of `cloudsim-rules.ts`:
 * - the datacenter: its update cadence (`shouldUpdateProcessing`), the walk of every VM in host
 *   order at an update, the next update at `nextUpdateTime` of the earliest estimate, a submission
 *   that first updates and then schedules one more update after `submissionEstimate`, and a cut-off
 *   that first updates and then fails the VM's cloudlets;
 * - each VM's time-shared scheduler (one PE): the time-shared progress rule of `cloudsim-rules.ts`
 *   in its counter form (as `CloudletSchedulerTimeSharedFast`: one counter per VM and a heap of the
 *   finish keys of its cloudlets), with VM PEs and cloudlet PEs 1 — MIPS per cloudlet = VM MIPS /
 *   max(cloudlets, 1), whole-instruction progress, finished below 1 MI, estimates in whole MI, a
 *   submission estimated with the MIPS per cloudlet of the previous update, finishers in arrival order;
 * - CloudSim's event bus: events of one instant in waves, the datacenter's before the broker's, and
 *   zero-delay messages in the next wave;
 * - the broker: VMs acknowledged after the minimum gap, then the same arrivals, routing, rejections,
 *   drops and resubmissions (the shared {@link RequestDispatcher}).
 *
 * It runs lazily: its own queue is processed up to the kernel's time whenever something from outside
 * happens (a SCIT transition, a host compromise, the end of the run), so a request costs no kernel
 * event. Outside events at an instant come first, as in the cloudlet model, where they are kernel
 * events scheduled long before the bus's timer for that instant.
 */
import { grown, MinHeap } from '../../core/min-heap.js';
import type { Simulation } from '../../core/simulation.js';
import {
  advancedCount,
  estimatedFinishAt,
  finishedAt,
  finishKey,
  instructionsOf,
  nextUpdateTime,
  shouldUpdateProcessing,
  submissionEstimate,
  timeSharedMipsPerPe,
} from '../cloudsim-rules.js';
import type { CutOffCause, RequestDispatcher, RequestModel, RequestReport } from './request-dispatch.js';
import type { ArrivalProcess } from './request-workload.js';
import type { ScitSystemView } from './scit-system.js';

/** Event kinds (low bits of an event code; the rest is the payload). Datacenter kinds first. */
const DC_UPDATE = 0;
const DC_SUBMIT = 1;
const DC_FAIL = 2;
const BROKER_READY = 3;
const BROKER_ARRIVAL = 4;
const BROKER_RETURN = 5;
const KIND_BITS = 3;
const KIND_MASK = 7;

/** Request slot states. */
const RUNNING = 0;
const SUCCEEDED = 1;
const FAILED_CLEANSING = 2;
const FAILED_COMPROMISE = 3;

/** What a {@link FastRequestPath} works with. */
export interface FastRequestPathOptions {
  readonly sim: Simulation;
  readonly system: ScitSystemView;
  readonly dispatcher: RequestDispatcher;
  /** MIPS of each SCIT VM's one PE, by VM id (VMs are numbered host by host, as the datacenter walks them). */
  readonly vmMips: readonly number[];
  /** CloudSim's minimum time between events (the bus's and the datacenter's). */
  readonly minTimeBetweenEvents: number;
  readonly arrivals: readonly ArrivalProcess[];
  readonly arrivalsEndSeconds: number;
}

/** The fast request model of one run (time-shared VMs of one PE). */
export class FastRequestPath implements RequestModel {
  readonly engine = 'fast';
  private readonly sim: Simulation;
  private readonly system: ScitSystemView;
  private readonly dispatcher: RequestDispatcher;
  private readonly gap: number;
  private readonly processes: ArrivalProcess[] = [];
  private readonly arrivals: readonly ArrivalProcess[];
  private readonly arrivalsEnd: number;
  private readonly unsubscribe: () => void;

  /**
   * The datacenter's pending updates (times only: they are all alike). At an instant they come first:
   * each was sent before it, unlike the cut-offs, which are sent at their own time.
   */
  private readonly updates = new MinHeap<0>(64);
  /** Other pending events (cut-offs, the VMs' acknowledgement): (time, code), equal times in the order sent. */
  private readonly events = new MinHeap<number>(16);
  /**
   * The next arrival of each service (Infinity: none), kept out of the heap (one fewer heap entry per
   * request), and the earliest of them. At an instant they come after the heap's events (they are the
   * broker's, and the heap holds no other broker event at a time with an arrival).
   */
  private readonly nextArrival: Float64Array;
  private earliestArrival = Number.POSITIVE_INFINITY;
  /** Events of the instant being processed: this wave and the next (zero-delay sends), with their counts. */
  private wave = new Int32Array(64);
  private nextWave = new Int32Array(64);
  private nextWaveCount = 0;
  private ticking = false;
  private tickTime = 0;

  // The datacenter.
  private lastProcessTime = 0;
  /** Slots finished or failed at the current event, in the order they are returned. */
  private toReturn = new Int32Array(64);
  private toReturnCount = 0;

  // The VMs, by SCIT VM id.
  private readonly mips: Float64Array;
  /** Instructions each running cloudlet of the VM received since the VM started. */
  private readonly count: Float64Array;
  private readonly running: Int32Array;
  /** MIPS per cloudlet computed at the VM's last update, and that update's time. */
  private readonly mipsPerPe: Float64Array;
  private readonly mipsAsOf: Float64Array;
  /**
   * Per VM: slots keyed by the count at which they finish (equal counts in any order:
   * `addFinishing` sorts finishers into arrival order).
   */
  private readonly heaps: MinHeap<number>[];
  /** VMs with running cloudlets, in increasing id (the datacenter's walk order). */
  private readonly busyList: Int32Array;
  private busyCount = 0;
  private submissions = 0;

  // Requests on their way or on a VM, in reusable slots.
  private slotId = new Int32Array(64);
  private slotService = new Int32Array(64);
  private slotVm = new Int32Array(64);
  private slotAttempts = new Int32Array(64);
  private slotState = new Uint8Array(64);
  private slotInUse = new Uint8Array(64);
  private slotLength = new Float64Array(64);
  private slotArrival = new Float64Array(64);
  private slotOrder = new Float64Array(64);
  private readonly freeSlots: number[] = [];
  private slotCount = 0;
  /** Slots of one VM finishing (or failing) at once, sorted into arrival order. */
  private finishing = new Int32Array(16);

  constructor(options: FastRequestPathOptions) {
    const { sim, system, vmMips } = options;
    this.sim = sim;
    this.system = system;
    this.dispatcher = options.dispatcher;
    this.gap = options.minTimeBetweenEvents;
    this.arrivals = options.arrivals;
    for (const process of this.arrivals) this.processes[process.service] = process;
    this.arrivalsEnd = options.arrivalsEndSeconds;
    this.nextArrival = new Float64Array(system.config.services.length).fill(Number.POSITIVE_INFINITY);
    const n = system.vmCount;
    for (let vm = 1; vm < n; vm++)
      if (system.hostOf(vm) < system.hostOf(vm - 1))
        throw new Error('FastRequestPath: SCIT VMs must be numbered host by host');
    this.mips = Float64Array.from(vmMips);
    this.count = new Float64Array(n);
    this.running = new Int32Array(n);
    this.mipsPerPe = Float64Array.from(vmMips); // the datacenter updates each VM when it creates it
    this.mipsAsOf = new Float64Array(n);
    this.heaps = Array.from({ length: n }, () => new MinHeap<number>(16));
    this.busyList = new Int32Array(n);
    // The broker's VMs are acknowledged one minimum gap after it asks for them at time 0.
    this.events.push(sim.now + this.gap, BROKER_READY);
    this.unsubscribe = system.stateChanged.subscribe((change) => {
      this.advance(this.sim.now);
      const vm = this.dispatcher.transition(change);
      if (vm >= 0) this.cutOff(vm, FAILED_CLEANSING);
    }, sim.hooks.finished);
  }

  cutOffHost(host: number): void {
    this.advance(this.sim.now);
    const n = this.system.vmCount;
    for (let vm = 0; vm < n; vm++)
      if (this.system.hostOf(vm) === host && this.dispatcher.load[vm] > 0) this.cutOff(vm, FAILED_COMPROMISE);
  }

  finish(): RequestReport {
    this.unsubscribe();
    this.advance(this.sim.now);
    for (let slot = 0; slot < this.slotCount; slot++)
      if (this.slotInUse[slot] === 1)
        this.dispatcher.unfinished(
          this.slotId[slot],
          this.slotService[slot],
          this.slotVm[slot],
          this.slotArrival[slot],
          this.slotLength[slot],
          this.slotAttempts[slot],
        );
    return { engine: this.engine, ...this.dispatcher.finish() };
  }

  /** The datacenter is asked (now, from outside the queue) to fail `vm`'s cloudlets. */
  private cutOff(vm: number, state: number): void {
    this.events.push(
      this.sim.now,
      (((vm << 1) | (state === FAILED_COMPROMISE ? 1 : 0)) << KIND_BITS) | DC_FAIL,
    );
  }

  /** Processes every queued event before `limit`, instant by instant, as CloudSim's bus ticks. */
  private advance(limit: number): void {
    const events = this.events;
    const updates = this.updates;
    for (;;) {
      // Updates that can no longer run (see `send`) go first, without an instant of their own.
      for (
        let key = updates.peekKey();
        !shouldUpdateProcessing(key, this.lastProcessTime, this.gap);
        key = updates.peekKey()
      )
        updates.pop();
      const now = Math.min(updates.peekKey(), events.peekKey(), this.earliestArrival);
      if (!(now < limit)) break;
      this.ticking = true;
      this.tickTime = now;
      // The updates come first at an instant, so whether each would run is known now: the first if
      // the gap has passed, the others only as an update right after one at `now` (from 0.111 s on,
      // none); those that would not run change nothing and are dropped here.
      let due = shouldUpdateProcessing(now, this.lastProcessTime, this.gap);
      while (updates.size > 0 && updates.peekKey() <= now) {
        updates.pop();
        if (due) this.pushWave(DC_UPDATE);
        due = shouldUpdateProcessing(now, now, this.gap);
      }
      while (events.size > 0 && events.peekKey() <= now) this.pushWave(events.pop() as number);
      if (this.earliestArrival <= now) this.dueArrivals(now);
      // Waves: each holds the zero-delay sends of the one before; the datacenter's events first.
      while (this.nextWaveCount > 0) {
        const wave = this.nextWave;
        const count = this.nextWaveCount;
        this.nextWave = this.wave;
        this.nextWaveCount = 0;
        this.wave = wave;
        for (let i = 0; i < count; i++) if ((wave[i] & KIND_MASK) <= DC_FAIL) this.handle(wave[i], now);
        for (let i = 0; i < count; i++) if ((wave[i] & KIND_MASK) > DC_FAIL) this.handle(wave[i], now);
      }
      this.ticking = false;
    }
  }

  /**
   * Sends an event for `time` (a zero-delay one joins the next wave of the current instant). An update
   * that cannot run when it comes is not queued at all: from 0.111 s on, one due before the gap since
   * the last update has passed changes nothing (the last update only moves later), and nothing else
   * depends on it. Such updates are about half of those sent (short requests' submission estimates).
   */
  private send(time: number, code: number): void {
    if (this.ticking && time <= this.tickTime) this.pushWave(code);
    else if (code === DC_UPDATE) {
      if (!shouldUpdateProcessing(time, this.lastProcessTime, this.gap)) return;
      this.updates.push(time, 0);
    } else this.events.push(time, code);
  }

  /** Schedules the next arrival of `service` at `time`. */
  private sendArrival(service: number, time: number): void {
    if (this.ticking && time <= this.tickTime) {
      this.pushWave((service << KIND_BITS) | BROKER_ARRIVAL);
      return;
    }
    this.nextArrival[service] = time;
    if (time < this.earliestArrival) this.earliestArrival = time;
  }

  /** Moves the arrivals due at `now` to the wave, in service order. */
  private dueArrivals(now: number): void {
    const next = this.nextArrival;
    let earliest = Number.POSITIVE_INFINITY;
    for (let service = 0; service < next.length; service++) {
      if (next[service] <= now) {
        next[service] = Number.POSITIVE_INFINITY;
        this.pushWave((service << KIND_BITS) | BROKER_ARRIVAL);
      } else if (next[service] < earliest) earliest = next[service];
    }
    this.earliestArrival = earliest;
  }

  private pushWave(code: number): void {
    if (this.nextWaveCount === this.nextWave.length) this.nextWave = doubled(this.nextWave);
    this.nextWave[this.nextWaveCount++] = code;
  }

  private handle(code: number, now: number): void {
    const payload = code >>> KIND_BITS;
    switch (code & KIND_MASK) {
      case DC_UPDATE:
        this.update(now);
        this.returnFinished(now);
        break;
      case DC_SUBMIT:
        this.submit(payload, now);
        break;
      case DC_FAIL:
        this.update(now);
        this.failAll(payload >>> 1, payload & 1 ? FAILED_COMPROMISE : FAILED_CLEANSING);
        this.returnFinished(now);
        break;
      case BROKER_READY:
        for (const process of this.arrivals)
          this.sendArrival(process.service, now + process.nextGapSeconds());
        break;
      case BROKER_ARRIVAL:
        this.arrive(payload, now);
        break;
      case BROKER_RETURN:
        this.returned(payload, now);
        break;
      default:
        throw new Error(`FastRequestPath: unknown event ${code}`);
    }
  }

  /** The broker: a request of `service` arrives (its length, where it goes, the next arrival). */
  private arrive(service: number, now: number): void {
    if (now >= this.arrivalsEnd) return;
    const process = this.processes[service];
    const length = process.nextLengthMi();
    const vm = this.dispatcher.arrive(service, now, length);
    if (vm >= 0) {
      const slot = this.takeSlot();
      this.slotId[slot] = this.dispatcher.lastId;
      this.slotService[slot] = service;
      this.slotVm[slot] = vm;
      this.slotAttempts[slot] = 1;
      this.slotLength[slot] = length;
      this.slotArrival[slot] = now;
      this.send(now, (slot << KIND_BITS) | DC_SUBMIT);
    }
    this.sendArrival(service, now + process.nextGapSeconds());
  }

  /** The broker: a request came back, finished or failed. */
  private returned(slot: number, now: number): void {
    const state = this.slotState[slot];
    const id = this.slotId[slot];
    const service = this.slotService[slot];
    const vm = this.slotVm[slot];
    const arrival = this.slotArrival[slot];
    const length = this.slotLength[slot];
    const attempts = this.slotAttempts[slot];
    if (state === SUCCEEDED) {
      this.dispatcher.served(id, service, vm, arrival, length, attempts, now);
      this.releaseSlot(slot);
      return;
    }
    const cause: CutOffCause = state === FAILED_COMPROMISE ? 'compromise' : 'cleansing';
    const next = this.dispatcher.failed(id, service, vm, arrival, length, attempts, now, cause);
    if (next < 0) {
      this.releaseSlot(slot);
      return;
    }
    this.slotVm[slot] = next;
    this.slotAttempts[slot] = attempts + 1;
    this.send(now, (slot << KIND_BITS) | DC_SUBMIT);
  }

  /** The datacenter: a cloudlet submitted to its VM (an update first, then one after the estimate). */
  private submit(slot: number, now: number): void {
    this.update(now);
    const vm = this.slotVm[slot];
    const length = this.slotLength[slot];
    // The MIPS per cloudlet of the last update: one that found the VM idle (and so did not walk it)
    // left it the idle VM's capacity.
    const mipsPerPe =
      this.mipsAsOf[vm] < this.lastProcessTime
        ? timeSharedMipsPerPe(this.mips[vm], 1, 0)
        : this.mipsPerPe[vm];
    const estimate = submissionEstimate(length, mipsPerPe);
    this.slotState[slot] = RUNNING;
    this.slotOrder[slot] = this.submissions++;
    this.heaps[vm].push(finishKey(this.count[vm], instructionsOf(length, 1)), slot);
    if (this.running[vm]++ === 0) this.markBusy(vm);
    if (estimate > 0 && Number.isFinite(estimate)) this.send(now + estimate, DC_UPDATE);
    this.returnFinished(now);
  }

  /** The datacenter's update: every VM with cloudlets, in host order; the next update scheduled. */
  private update(now: number): void {
    if (!shouldUpdateProcessing(now, this.lastProcessTime, this.gap)) return;
    const span = now - this.lastProcessTime;
    const busy = this.busyList;
    const busyCount = this.busyCount;
    let earliest = Number.MAX_VALUE;
    let kept = 0;
    for (let i = 0; i < busyCount; i++) {
      const vm = busy[i];
      const mipsPerPe = timeSharedMipsPerPe(this.mips[vm], 1, this.running[vm]);
      const count = advancedCount(this.count[vm], mipsPerPe, span, 1);
      this.count[vm] = count;
      this.mipsPerPe[vm] = mipsPerPe;
      this.mipsAsOf[vm] = now;
      const heap = this.heaps[vm];
      if (finishedAt(heap.peekKey(), count)) this.finishOn(vm, heap, count);
      if (this.running[vm] > 0) {
        busy[kept++] = vm;
        const estimate = estimatedFinishAt(now, heap.peekKey(), count, mipsPerPe, 1);
        if (estimate > 0 && estimate < earliest) earliest = estimate;
      }
    }
    this.busyCount = kept;
    const next = nextUpdateTime(earliest, now, this.gap);
    if (next !== Number.MAX_VALUE) this.send(now + (next - now), DC_UPDATE);
    this.lastProcessTime = now;
  }

  /** Moves `vm`'s cloudlets with less than 1 MI left to the returns, in their arrival order. */
  private finishOn(vm: number, heap: MinHeap<number>, count: number): void {
    let done = 0;
    while (heap.size > 0 && finishedAt(heap.peekKey(), count))
      done = this.addFinishing(done, heap.pop() as number);
    this.returnInOrder(done, SUCCEEDED);
    this.running[vm] -= done;
  }

  /** Fails every cloudlet of `vm`, in arrival order. */
  private failAll(vm: number, state: number): void {
    if (this.running[vm] === 0) return;
    let done = 0;
    this.heaps[vm].retain((slot) => {
      done = this.addFinishing(done, slot);
      return false;
    });
    this.returnInOrder(done, state);
    this.running[vm] = 0;
    const busy = this.busyList;
    let kept = 0;
    for (let i = 0; i < this.busyCount; i++) if (busy[i] !== vm) busy[kept++] = busy[i];
    this.busyCount = kept;
  }

  /** Inserts `slot` among the first `count` finishing slots, in arrival order; returns the new count. */
  private addFinishing(count: number, slot: number): number {
    if (count === this.finishing.length) this.finishing = doubled(this.finishing);
    const finishing = this.finishing;
    const order = this.slotOrder[slot];
    let i = count;
    while (i > 0 && this.slotOrder[finishing[i - 1]] > order) {
      finishing[i] = finishing[i - 1];
      i--;
    }
    finishing[i] = slot;
    return count + 1;
  }

  /** Queues the first `count` finishing slots for return, with state `state`. */
  private returnInOrder(count: number, state: number): void {
    for (let i = 0; i < count; i++) {
      const slot = this.finishing[i];
      this.slotState[slot] = state;
      if (this.toReturnCount === this.toReturn.length) this.toReturn = doubled(this.toReturn);
      this.toReturn[this.toReturnCount++] = slot;
    }
  }

  /** Sends the finished and failed cloudlets back to the broker (next wave), in order. */
  private returnFinished(now: number): void {
    const toReturn = this.toReturn;
    const count = this.toReturnCount;
    for (let i = 0; i < count; i++) this.send(now, (toReturn[i] << KIND_BITS) | BROKER_RETURN);
    this.toReturnCount = 0;
  }

  /** Adds `vm` (now running a cloudlet) to the walk, in id order. */
  private markBusy(vm: number): void {
    const list = this.busyList;
    let i = this.busyCount++;
    while (i > 0 && list[i - 1] > vm) {
      list[i] = list[i - 1];
      i--;
    }
    list[i] = vm;
  }

  private takeSlot(): number {
    const slot = this.freeSlots.length > 0 ? (this.freeSlots.pop() as number) : this.slotCount++;
    if (slot >= this.slotId.length) this.growSlots();
    this.slotInUse[slot] = 1;
    return slot;
  }

  private releaseSlot(slot: number): void {
    this.slotInUse[slot] = 0;
    this.freeSlots.push(slot);
  }

  private growSlots(): void {
    const size = this.slotId.length * 2;
    this.slotId = grown(this.slotId, new Int32Array(size));
    this.slotService = grown(this.slotService, new Int32Array(size));
    this.slotVm = grown(this.slotVm, new Int32Array(size));
    this.slotAttempts = grown(this.slotAttempts, new Int32Array(size));
    this.slotState = grown(this.slotState, new Uint8Array(size));
    this.slotInUse = grown(this.slotInUse, new Uint8Array(size));
    this.slotLength = grown(this.slotLength, new Float64Array(size));
    this.slotArrival = grown(this.slotArrival, new Float64Array(size));
    this.slotOrder = grown(this.slotOrder, new Float64Array(size));
  }
}

/** A copy of `array` twice as long. */
function doubled(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  return grown(array, new Int32Array(array.length * 2));
}
