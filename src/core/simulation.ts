/**
 * The simulation kernel: one object owns the clock, the future-event queue, the entities, the random
 * streams and the observation hooks. Nothing is global, so any number of simulations can run side by
 * side in one process (or in worker threads).
 *
 * Five verbs: `now`, `send`/`schedule`, `peek`, `step`, `run({ until })`.
 */
import type { Entity } from './entity.js';
import { SimulationError } from './errors.js';
import { MinHeap } from './min-heap.js';
import { RandomStream } from './random.js';
import { Signal } from './signal.js';

/** Options of a simulation. */
export interface SimulationOptions {
  /** Master seed of every named random stream (default 0). Same seed ⇒ same run. */
  seed?: number | string;
}

/** Lifecycle of a simulation. */
export type SimulationState = 'created' | 'running' | 'paused' | 'finished';

/** Why `run()` returned. */
export type StopReason = 'until' | 'empty' | 'terminated';

/** What `run()` reports. */
export interface RunSummary {
  /** Simulated time when the run stopped: the last event's time, or `until` when paused. */
  readonly endTime: number;
  /** Events processed since the simulation was created. */
  readonly eventsProcessed: number;
  readonly reason: StopReason;
}

/** A scheduled event, as seen by handlers and listeners. */
export interface SimEvent<M = unknown> {
  /** Simulated time at which it fires (seconds). */
  readonly time: number;
  /** Unique, increasing per simulation: the FIFO tie-break among equal times. */
  readonly seq: number;
  /** The entity that sent it, if any. */
  readonly source: Entity<unknown> | undefined;
  /** The entity it is delivered to; `undefined` for plain timers (`schedule`). */
  readonly target: Entity<M> | undefined;
  readonly message: M;
  /** True once cancelled; a cancelled event never fires. */
  readonly cancelled: boolean;
}

/** Payload of `hooks.clockAdvanced`. */
export interface ClockAdvance {
  readonly from: number;
  readonly to: number;
}

/** Payload of `hooks.stateChanged`: something observable changed state (a VM, a host, an entity). */
export interface StateChange {
  readonly time: number;
  /** Kind of subject, e.g. `'vm'`. */
  readonly subject: string;
  readonly id: number;
  readonly from: string;
  readonly to: string;
}

/** Typed observation hooks. Each fires after the change it reports. */
export interface SimulationHooks {
  readonly eventProcessed: Signal<SimEvent<unknown>>;
  readonly clockAdvanced: Signal<ClockAdvance>;
  readonly stateChanged: Signal<StateChange>;
  readonly finished: Signal<RunSummary>;
}

const FREE = 0;
const PENDING = 1;
const CANCELLED = 2;

/**
 * What `send`/`schedule` return and what handlers receive. The kernel does not keep a reference to it:
 * pending events live in struct-of-arrays slots (see `Simulation`), so an event handle that nobody
 * keeps costs one short-lived allocation and no cache miss later.
 */
class EventRecord<M> implements SimEvent<M> {
  cancelled = false;
  constructor(
    readonly time: number,
    readonly seq: number,
    readonly source: Entity<unknown> | undefined,
    readonly target: Entity<M> | undefined,
    readonly message: M,
    /** Slot index while pending; used by `cancel`. */
    readonly slot: number,
  ) {}
}

/** A lane's queued events (all but its head, which sits in the heap): a ring of slot ids and times. */
class LaneState {
  slots = new Int32Array(16);
  times = new Float64Array(16);
  head = 0;
  size = 0;
  /** Whether the lane's earliest event is in the heap. */
  headInHeap = false;
  constructor(readonly delay: number) {}

  append(slot: number, time: number): void {
    if (this.size === this.slots.length) this.grow();
    const at = (this.head + this.size) & (this.slots.length - 1);
    this.slots[at] = slot;
    this.times[at] = time;
    this.size++;
  }

  private grow(): void {
    const capacity = this.slots.length;
    const slots = new Int32Array(capacity * 2);
    const times = new Float64Array(capacity * 2);
    for (let i = 0; i < this.size; i++) {
      const from = (this.head + i) & (capacity - 1);
      slots[i] = this.slots[from];
      times[i] = this.times[from];
    }
    this.slots = slots;
    this.times = times;
    this.head = 0;
  }
}

/**
 * A FIFO lane for events that all have the same delay (e.g. every VM's exposure timer). Obtain one
 * with `Simulation.lane(delaySeconds)`.
 *
 * Events sent through a lane get their sequence number when sent, exactly like `send`, so the order
 * in which events fire is identical to sending them with `send(target, delaySeconds, message)`. The
 * difference is cost: since a lane's events fall due in the order they were sent, only the lane's
 * earliest event sits in the kernel's heap, so 100,000 pending timers of one delay cost one heap entry.
 */
export class DelayLane {
  /** @internal */
  constructor(
    private readonly sim: Simulation,
    private readonly index: number,
    readonly delaySeconds: number,
  ) {}

  /** Delivers `message` to `target` after this lane's delay; same as `sim.send(target, delay, message, source)`. */
  send<M>(target: Entity<M>, message: M, source?: Entity<unknown>): SimEvent<M> {
    this.sim.checkTarget(target, 'lane send');
    return this.sim.enqueueOnLane(this.index, source, target, message, undefined);
  }

  /** Runs `action` after this lane's delay; same as `sim.schedule(delay, action)`. */
  schedule(action: (sim: Simulation) => void): SimEvent<undefined> {
    return this.sim.enqueueOnLane(this.index, undefined, undefined, undefined, action);
  }
}

/** Purge cancelled events from the heap once they are this many and the majority. */
const PURGE_THRESHOLD = 4096;

/** A discrete-event simulation. */
export class Simulation {
  readonly seed: number | string;
  readonly hooks: SimulationHooks = {
    eventProcessed: new Signal(),
    clockAdvanced: new Signal(),
    stateChanged: new Signal(),
    finished: new Signal(),
  };

  /** Heap of slot ids ordered by (time, seq). */
  private readonly queue = new MinHeap<number>();
  // Pending events as struct-of-arrays, indexed by slot (free slots are reused via `freeSlots`).
  private slotState = new Uint8Array(1024);
  private slotSeq = new Float64Array(1024);
  /** Lane of each slot: 0 for none, else lane index + 1. */
  private slotLane = new Int32Array(1024);
  private readonly lanes: LaneState[] = [];
  private readonly laneByDelay = new Map<number, DelayLane>();
  /** Events queued in lanes behind their heads (not in the heap). */
  private laneQueued = 0;
  private readonly slotTarget: (Entity<unknown> | undefined)[] = [];
  private readonly slotSource: (Entity<unknown> | undefined)[] = [];
  private readonly slotMessage: unknown[] = [];
  private readonly slotAction: (((sim: Simulation) => void) | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private slotCount = 0;
  private readonly entityList: Entity<unknown>[] = [];
  private readonly streams = new Map<string, RandomStream>();
  private clock = 0;
  private status: SimulationState = 'created';
  private processed = 0;
  private cancelledInQueue = 0;
  /** Cancelled events that are in the heap and not in a lane (what a purge can drop). */
  private cancelledPlain = 0;
  private stopRequested = false;
  private running = false;

  constructor(options: SimulationOptions = {}) {
    const seed = options.seed ?? 0;
    if (typeof seed === 'number' && !Number.isFinite(seed)) {
      throw new SimulationError('invalid-argument', `SimulationOptions.seed must be finite (got ${seed})`);
    }
    this.seed = seed;
  }

  /** Current simulated time in seconds. */
  get now(): number {
    return this.clock;
  }

  get state(): SimulationState {
    return this.status;
  }

  /** Events processed so far. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Live (not cancelled) events waiting in the queue. */
  get pending(): number {
    return this.queue.size + this.laneQueued - this.cancelledInQueue;
  }

  /** Entities in creation order; `entities[e.id] === e`. */
  get entities(): readonly Entity<unknown>[] {
    return this.entityList;
  }

  /** The random stream called `name` (created on first use; same name ⇒ same object). */
  random(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = new RandomStream(name, this.seed);
      this.streams.set(name, stream);
    }
    return stream;
  }

  /**
   * Registers an entity and returns its id. Called by the `Entity` constructor; you do not call it.
   * @internal
   */
  register(entity: Entity<unknown>): number {
    if (this.status === 'finished') {
      throw new SimulationError(
        'finished',
        `cannot add entity "${entity.name}": the simulation has finished`,
      );
    }
    const id = this.entityList.length;
    this.entityList.push(entity);
    if (this.status !== 'created')
      this.enqueue(this.clock, undefined, undefined, undefined, () => entity.onStart());
    return id;
  }

  /** Delivers `message` to `target.handle` after `delay` seconds (≥ 0). */
  send<M>(target: Entity<M>, delay: number, message: M, source?: Entity<unknown>): SimEvent<M> {
    this.checkDelay(delay, 'send');
    this.checkTarget(target, 'send');
    return this.enqueue(this.clock + delay, source, target, message, undefined);
  }

  /** Runs `action` after `delay` seconds (≥ 0). A plain timer, ordered like any other event. */
  schedule(delay: number, action: (sim: Simulation) => void): SimEvent<undefined> {
    this.checkDelay(delay, 'schedule');
    return this.enqueue(this.clock + delay, undefined, undefined, undefined, action);
  }

  /** Runs `action` at absolute time `time` (≥ now). */
  scheduleAt(time: number, action: (sim: Simulation) => void): SimEvent<undefined> {
    if (typeof time !== 'number' || Number.isNaN(time) || !Number.isFinite(time)) {
      throw new SimulationError('invalid-delay', `scheduleAt: time must be a finite number (got ${time})`);
    }
    if (time < this.clock) {
      throw new SimulationError(
        'past-time',
        `scheduleAt: time ${time} is in the past (now is ${this.clock})`,
      );
    }
    return this.enqueue(time, undefined, undefined, undefined, action);
  }

  /**
   * The FIFO lane for events with delay `delaySeconds` (same delay ⇒ same lane). Sending through it is
   * equivalent to `send` with that delay, in cost O(1) instead of O(log n) for the heap.
   */
  lane(delaySeconds: number): DelayLane {
    this.checkDelay(delaySeconds, 'lane');
    let lane = this.laneByDelay.get(delaySeconds);
    if (lane === undefined) {
      lane = new DelayLane(this, this.lanes.length, delaySeconds);
      this.lanes.push(new LaneState(delaySeconds));
      this.laneByDelay.set(delaySeconds, lane);
    }
    return lane;
  }

  /**
   * Schedules an event on lane `index` at now + the lane's delay. Called by `DelayLane`.
   * @internal
   */
  enqueueOnLane<M>(
    index: number,
    source: Entity<unknown> | undefined,
    target: Entity<M> | undefined,
    message: M,
    action: ((sim: Simulation) => void) | undefined,
  ): EventRecord<M> {
    this.checkNotFinished();
    const lane = this.lanes[index];
    const time = this.clock + lane.delay;
    const slot = this.fillSlot(source, target, message, action);
    const seq = this.queue.reserveSequence();
    this.slotSeq[slot] = seq;
    this.slotLane[slot] = index + 1;
    if (lane.headInHeap) {
      lane.append(slot, time);
      this.laneQueued++;
    } else {
      lane.headInHeap = true;
      this.queue.pushWithSequence(time, seq, slot);
    }
    return new EventRecord(time, seq, source, target, message, slot);
  }

  /** Cancels a pending event. Returns false if it already fired or was already cancelled. */
  cancel(event: SimEvent<unknown>): boolean {
    const record = event as EventRecord<unknown>;
    const slot = record.slot;
    if (record.cancelled || this.slotState[slot] !== PENDING || this.slotSeq[slot] !== record.seq)
      return false;
    record.cancelled = true;
    this.slotState[slot] = CANCELLED;
    this.slotMessage[slot] = undefined;
    this.slotAction[slot] = undefined;
    this.cancelledInQueue++;
    if (this.slotLane[slot] === 0) {
      this.cancelledPlain++;
      if (this.cancelledPlain > PURGE_THRESHOLD && this.cancelledPlain * 2 > this.queue.size) this.purge();
    }
    return true;
  }

  /** Time of the next live event, or `Infinity` if none is pending. */
  peek(): number {
    return this.skipCancelled();
  }

  /** Processes the next event. Returns false if none was pending. */
  step(): boolean {
    this.checkRunnable('step');
    this.begin();
    if (this.skipCancelled() === Number.POSITIVE_INFINITY) return false;
    const time = this.queue.peekKey();
    this.dispatch(time, this.popSlot());
    return true;
  }

  /**
   * Processes events in (time, sequence) order.
   *
   * With `until`, stops before the first event at time ≥ `until` (or when the queue empties), sets the
   * clock to `until` and leaves the simulation `'paused'`; call `run()` again to resume (CloudSim's
   * pause/resume). Without it, runs until no event is left or `terminate()` is called; then the
   * simulation is `'finished'` and every entity's `onShutdown()` has run.
   */
  run(options: { until?: number } = {}): RunSummary {
    this.checkRunnable('run');
    const until = options.until;
    if (until !== undefined && (typeof until !== 'number' || Number.isNaN(until) || until < this.clock)) {
      throw new SimulationError(
        'invalid-until',
        `run: until must be a number >= now (${this.clock}) (got ${until})`,
      );
    }
    if (this.running) throw new SimulationError('reentrant-run', 'run: called from inside an event handler');
    this.begin();
    const limit = until ?? Number.POSITIVE_INFINITY;
    const queue = this.queue;
    let reason: StopReason = 'empty';
    this.running = true;
    this.stopRequested = false;
    try {
      for (;;) {
        if (this.stopRequested) {
          reason = 'terminated';
          break;
        }
        if (queue.size === 0) {
          if (until !== undefined) reason = 'until';
          break;
        }
        if (queue.peekKey() >= limit) {
          reason = 'until';
          break;
        }
        const time = queue.peekKey();
        const slot = this.popSlot();
        if (this.slotState[slot] === CANCELLED) {
          this.discardCancelled(slot);
          continue;
        }
        this.dispatch(time, slot);
      }
    } finally {
      this.running = false;
    }
    if (reason === 'until') {
      this.advanceClock(limit);
      this.status = 'paused';
      return this.summary(reason);
    }
    return this.finish(reason);
  }

  /** Stops the run after the current event (or at once, when called between runs). */
  terminate(): void {
    if (this.status === 'finished') return;
    if (this.running) this.stopRequested = true;
    else this.finish('terminated');
  }

  /** Reports a state change of some observable subject through `hooks.stateChanged`. */
  notifyStateChange(subject: string, id: number, from: string, to: string): void {
    const signal = this.hooks.stateChanged;
    if (signal.size > 0) signal.emit({ time: this.clock, subject, id, from, to });
  }

  private enqueue<M>(
    time: number,
    source: Entity<unknown> | undefined,
    target: Entity<M> | undefined,
    message: M,
    action: ((sim: Simulation) => void) | undefined,
  ): EventRecord<M> {
    this.checkNotFinished();
    const slot = this.fillSlot(source, target, message, action);
    const seq = this.queue.push(time, slot);
    this.slotSeq[slot] = seq;
    return new EventRecord(time, seq, source, target, message, slot);
  }

  /** Takes a free slot and stores an event's payload in it (its sequence number is set by the caller). */
  private fillSlot<M>(
    source: Entity<unknown> | undefined,
    target: Entity<M> | undefined,
    message: M,
    action: ((sim: Simulation) => void) | undefined,
  ): number {
    const slot = this.acquireSlot();
    this.slotState[slot] = PENDING;
    this.slotTarget[slot] = target as Entity<unknown> | undefined;
    this.slotSource[slot] = source;
    this.slotMessage[slot] = message;
    this.slotAction[slot] = action;
    return slot;
  }

  /** Pops the heap's first slot; if it heads a lane, moves the lane's next event into the heap. */
  private popSlot(): number {
    const slot = this.queue.pop() as number;
    const laneId = this.slotLane[slot];
    if (laneId !== 0) this.advanceLane(this.lanes[laneId - 1]);
    return slot;
  }

  /** Frees a cancelled slot that has just left the heap. */
  private discardCancelled(slot: number): void {
    if (this.slotLane[slot] === 0) this.cancelledPlain--;
    this.releaseSlot(slot);
    this.cancelledInQueue--;
  }

  private advanceLane(lane: LaneState): void {
    if (lane.size === 0) {
      lane.headInHeap = false;
      return;
    }
    const slot = lane.slots[lane.head];
    const time = lane.times[lane.head];
    lane.head = (lane.head + 1) & (lane.slots.length - 1);
    lane.size--;
    this.laneQueued--;
    this.queue.pushWithSequence(time, this.slotSeq[slot], slot);
  }

  private acquireSlot(): number {
    const free = this.freeSlots.pop();
    if (free !== undefined) return free;
    const slot = this.slotCount++;
    if (slot === this.slotState.length) {
      const state = new Uint8Array(slot * 2);
      state.set(this.slotState);
      this.slotState = state;
      const seqs = new Float64Array(slot * 2);
      seqs.set(this.slotSeq);
      this.slotSeq = seqs;
      const lanes = new Int32Array(slot * 2);
      lanes.set(this.slotLane);
      this.slotLane = lanes;
    }
    this.slotTarget.push(undefined);
    this.slotSource.push(undefined);
    this.slotMessage.push(undefined);
    this.slotAction.push(undefined);
    return slot;
  }

  private releaseSlot(slot: number): void {
    this.slotState[slot] = FREE;
    this.slotLane[slot] = 0;
    this.slotMessage[slot] = undefined;
    this.slotAction[slot] = undefined;
    this.freeSlots.push(slot);
  }

  private dispatch(time: number, slot: number): void {
    const target = this.slotTarget[slot];
    const source = this.slotSource[slot];
    const message = this.slotMessage[slot];
    const action = this.slotAction[slot];
    const seq = this.slotSeq[slot];
    this.releaseSlot(slot);
    if (time > this.clock) this.advanceClock(time);
    this.processed++;
    if (action !== undefined) {
      action(this);
      const hook = this.hooks.eventProcessed;
      if (hook.size > 0) hook.emit(new EventRecord(time, seq, source, target, message, -1));
      return;
    }
    const event = new EventRecord(time, seq, source, target, message, -1);
    (target as Entity<unknown>).handle(message, event);
    const hook = this.hooks.eventProcessed;
    if (hook.size > 0) hook.emit(event);
  }

  private advanceClock(to: number): void {
    const from = this.clock;
    if (to <= from) return;
    this.clock = to;
    const hook = this.hooks.clockAdvanced;
    if (hook.size > 0) hook.emit({ from, to });
  }

  /** Drops cancelled events from the top of the heap; returns the next live time (Infinity if none). */
  private skipCancelled(): number {
    const queue = this.queue;
    while (queue.size > 0) {
      const slot = queue.peek() as number;
      if (this.slotState[slot] !== CANCELLED) return queue.peekKey();
      this.popSlot();
      this.discardCancelled(slot);
    }
    return Number.POSITIVE_INFINITY;
  }

  private purge(): void {
    const state = this.slotState;
    const laneOf = this.slotLane;
    // Lane heads stay in the heap whatever their state: a lane's next event enters only when its head leaves.
    this.queue.retain((slot) => state[slot] === PENDING || laneOf[slot] !== 0);
    let released = 0;
    for (let slot = 0; slot < this.slotCount; slot++) {
      if (state[slot] === CANCELLED && laneOf[slot] === 0) {
        this.releaseSlot(slot);
        released++;
      }
    }
    this.cancelledInQueue -= released;
    this.cancelledPlain = 0;
  }

  private begin(): void {
    if (this.status !== 'created') {
      this.status = 'running';
      return;
    }
    this.status = 'running';
    const initial = this.entityList.slice();
    for (const entity of initial) entity.onStart();
  }

  private finish(reason: StopReason): RunSummary {
    this.status = 'finished';
    for (const entity of this.entityList) entity.onShutdown();
    const summary = this.summary(reason);
    this.hooks.finished.emit(summary);
    return summary;
  }

  private summary(reason: StopReason): RunSummary {
    return { endTime: this.clock, eventsProcessed: this.processed, reason };
  }

  private checkDelay(delay: number, verb: string): void {
    if (typeof delay !== 'number' || Number.isNaN(delay) || delay < 0 || delay === Number.POSITIVE_INFINITY) {
      throw new SimulationError(
        'invalid-delay',
        `${verb}: delay must be a finite number >= 0 (got ${delay})`,
      );
    }
  }

  /**
   * Throws unless `target` belongs to this simulation.
   * @internal
   */
  checkTarget(target: Entity<unknown>, verb: string): void {
    if (target.sim !== this) {
      throw new SimulationError(
        'foreign-entity',
        `${verb}: target entity "${target.name}" (id ${target.id}) belongs to another simulation`,
      );
    }
  }

  private checkNotFinished(): void {
    if (this.status === 'finished') {
      throw new SimulationError('finished', 'cannot schedule an event: the simulation has finished');
    }
  }

  private checkRunnable(verb: string): void {
    if (this.status === 'finished') {
      throw new SimulationError('finished', `${verb}: the simulation has already finished`);
    }
  }
}
