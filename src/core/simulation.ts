/**
 * The simulation kernel: one object owns the clock, the future events (an `EventStore`), the
 * entities, the random streams and the hooks. Nothing is global, so simulations can run side by side.
 * Five verbs: `now`, `send`/`schedule`, `peek`, `step`, `run({ until })`. The state is `'running'`
 * only while `run()` or `step()` is on the stack (inside handlers); afterwards — also after a
 * handler threw — it is `'paused'` or `'finished'`.
 */
import type { Entity } from './entity.js';
import { fail } from './errors.js';
import { EventStore } from './event-store.js';
import type {
  AnyEntity,
  EventRecord,
  RunSummary,
  SimEvent,
  SimulationHooks,
  SimulationState,
  StopReason,
  TimerAction,
} from './events.js';
import { RandomStream } from './random.js';
import { Signal } from './signal.js';

export interface SimulationOptions {
  /** Master seed of every named random stream (default 0). Same seed ⇒ same run. */
  seed?: number | string;
}

/** Source id of an event whose source belongs to another simulation (see `enqueueSlot`). */
const FOREIGN_SOURCE = -2;

/** Why the event loop returned: a run's stop reason, or one step done. */
type LoopEnd = StopReason | 'stepped';

/** A discrete-event simulation. */
export class Simulation {
  readonly seed: number | string;
  readonly hooks: SimulationHooks = {
    eventProcessed: new Signal(),
    clockAdvanced: new Signal(),
    finished: new Signal(),
  };
  private readonly store = new EventStore();
  private readonly laneByDelay = new Map<number, DelayLane>();
  private readonly entityList: Entity<unknown>[] = [];
  private readonly streams = new Map<string, RandomStream>();
  private clock = 0;
  private status: SimulationState = 'created';
  private processed = 0;
  private stopRequested = false;

  constructor(options: SimulationOptions = {}) {
    const seed = options.seed ?? 0;
    if (typeof seed === 'number' && !Number.isFinite(seed))
      fail('invalid-argument', `SimulationOptions.seed must be finite (got ${seed})`);
    this.seed = seed;
  }

  /** Current simulated time in seconds. */
  get now(): number {
    return this.clock;
  }
  get state(): SimulationState {
    return this.status;
  }
  get eventsProcessed(): number {
    return this.processed;
  }
  /** Live (not cancelled) events waiting to fire. */
  get pending(): number {
    return this.store.pending;
  }
  /** Entities in creation order; `entities[e.id] === e`. */
  get entities(): readonly Entity<unknown>[] {
    return this.entityList;
  }

  /** The random stream called `name` (created on first use; same name ⇒ same object). */
  random(name: string): RandomStream {
    const stream = this.streams.get(name) ?? new RandomStream(name, this.seed);
    this.streams.set(name, stream);
    return stream;
  }

  /** Registers an entity and returns its id (called by the `Entity` constructor). @internal */
  register(entity: Entity<unknown>): number {
    if (this.status === 'finished')
      fail('finished', `cannot add "${entity.name}": the simulation has finished`);
    const id = this.entityList.push(entity) - 1;
    if (this.status !== 'created')
      this.enqueue(this.clock, undefined, undefined, undefined, () => entity.onStart());
    return id;
  }

  /** Delivers `message` to `target.handle` after `delay` seconds (≥ 0). */
  send<M>(target: Entity<M>, delay: number, message: M, source?: Entity<unknown>): SimEvent<M> {
    this.checkDelay(delay, 'send');
    this.checkTarget(target, 'send');
    return this.enqueue(this.clock + delay, source, target, message);
  }

  /** Runs `action` after `delay` seconds (≥ 0): a plain timer, ordered like any other event. */
  schedule(delay: number, action: TimerAction): SimEvent<undefined> {
    this.checkDelay(delay, 'schedule');
    return this.enqueue(this.clock + delay, undefined, undefined, undefined, action);
  }

  /** Runs `action` at absolute time `time` (≥ now). */
  scheduleAt(time: number, action: TimerAction): SimEvent<undefined> {
    if (!Number.isFinite(time))
      fail('invalid-delay', `scheduleAt: time must be a finite number (got ${time})`);
    if (time < this.clock)
      fail('past-time', `scheduleAt: time ${time} is in the past (now is ${this.clock})`);
    return this.enqueue(time, undefined, undefined, undefined, action);
  }

  /** The FIFO lane for events with delay `delaySeconds` (same delay ⇒ same lane); see {@link DelayLane}. */
  lane(delaySeconds: number): DelayLane {
    this.checkDelay(delaySeconds, 'lane');
    let lane = this.laneByDelay.get(delaySeconds);
    if (lane === undefined) {
      lane = new DelayLane(this, this.store.addLane(), delaySeconds);
      this.laneByDelay.set(delaySeconds, lane);
    }
    return lane;
  }

  /** Cancels a pending event. Returns false if it already fired or was already cancelled. */
  cancel(event: SimEvent<unknown>): boolean {
    return 'slot' in event && this.store.cancel(event as EventRecord<unknown>);
  }
  /** Time of the next live event, or `Infinity` if none is pending. */
  peek(): number {
    return this.store.nextTime();
  }

  /**
   * Processes the next event, if any; returns whether there was one. Leaves the simulation `'paused'`,
   * even with no event left (a `run()` then finishes it), or `'finished'` if the event called
   * `terminate()`. Like `run()`, it fails on a finished simulation and inside a handler.
   */
  step(): boolean {
    const before = this.processed;
    if (this.loop(Number.POSITIVE_INFINITY, 1, 'step') === 'terminated') this.finish('terminated');
    return this.processed > before;
  }

  /**
   * Processes events in (time, sequence) order. With `until`, stops before the first event at time ≥
   * `until` (or when none is left), sets the clock to `until` and leaves the simulation `'paused'`;
   * `run()` again resumes (CloudSim's pause/resume). Without it, runs until no event is left or
   * `terminate()` is called; then the simulation is `'finished'` and every `onShutdown()` has run.
   * A handler's exception propagates and leaves the simulation `'paused'`.
   */
  run(options: { until?: number } = {}): RunSummary {
    const until = options.until;
    if (until !== undefined && (typeof until !== 'number' || !(until >= this.clock)))
      fail('invalid-until', `run: until must be a number >= now (${this.clock}) (got ${until})`);
    const end = this.loop(until ?? Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 'run');
    if (until === undefined || end === 'terminated') return this.finish(end === 'terminated' ? end : 'empty');
    this.advanceClock(until);
    return { endTime: this.clock, eventsProcessed: this.processed, reason: 'until' };
  }

  /** Stops the run after the current event (or at once, when called between runs). */
  terminate(): void {
    if (this.status === 'running') this.stopRequested = true;
    else if (this.status !== 'finished') this.finish('terminated');
  }

  /** Throws unless `delay` is a finite number ≥ 0. @internal */
  checkDelay(delay: number, verb: string): void {
    if (typeof delay !== 'number' || !(delay >= 0) || delay === Number.POSITIVE_INFINITY)
      fail('invalid-delay', `${verb}: delay must be a finite number >= 0 (got ${delay})`);
  }

  /** Throws unless `target` belongs to this simulation. @internal */
  checkTarget(target: Entity<unknown>, verb: string): void {
    if (target.sim !== this)
      fail(
        'foreign-entity',
        `${verb}: entity "${target.name}" (id ${target.id}) belongs to another simulation`,
      );
  }

  /** Schedules an event at `time`, through `lane`'s queue when given (`DelayLane` calls it). @internal */
  enqueue<M>(
    time: number,
    source: AnyEntity,
    target: Entity<M> | undefined,
    message: M,
    action?: TimerAction,
    lane?: DelayLane,
  ): EventRecord<M> {
    const slot = this.enqueueSlot(time, source, target, message, action, lane);
    return { time, seq: this.store.seqOf(slot), source, target, message, cancelled: false, slot };
  }

  /** Same as {@link enqueue} without the record (for events nobody cancels); returns the slot. @internal */
  enqueueSlot<M>(
    time: number,
    source: AnyEntity,
    target: Entity<M> | undefined,
    message: M,
    action?: TimerAction,
    lane?: DelayLane,
  ): number {
    if (this.status === 'finished') fail('finished', 'cannot schedule an event: the simulation has finished');
    const store = this.store;
    // Entities are stored by id (an index into `entities`); a source from another simulation, which
    // `send` does not refuse, is kept aside as it is.
    const foreign = source !== undefined && source.sim !== this;
    const slot = store.fill(
      source === undefined ? -1 : foreign ? FOREIGN_SOURCE : source.id,
      target === undefined ? -1 : target.id,
      target === undefined ? action : message,
    );
    if (foreign) store.foreignSources.set(slot, source);
    if (lane === undefined) store.push(time, slot);
    else store.pushOnLane(lane.index, time, slot);
    return slot;
  }

  /** The event loop of `run` and `step`: events before `limit`, at most `maxEvents` of them. */
  private loop(limit: number, maxEvents: number, verb: string): LoopEnd {
    if (this.status === 'finished') fail('finished', `${verb}: the simulation has already finished`);
    if (this.status === 'running') fail('reentrant-run', `${verb}: called from inside an event handler`);
    // One exit (break, then the finally) on every path: a return inside this try, taken once per run,
    // cost an eager deoptimization of the optimized loop at the end of each run (2000 per paper summary).
    let end: LoopEnd = 'stepped';
    try {
      this.begin();
      for (let n = 0; n < maxEvents; n++) {
        if (this.stopRequested) break;
        const time = this.store.nextTime();
        if (time >= limit) {
          end = time === Number.POSITIVE_INFINITY ? 'empty' : 'until';
          break;
        }
        this.dispatch(time);
      }
    } finally {
      this.status = 'paused';
    }
    return this.stopRequested ? 'terminated' : end;
  }

  private dispatch(time: number): void {
    const store = this.store;
    const slot = store.take();
    const targetId = store.targetOf(slot);
    const sourceId = store.sourceOf(slot);
    const payload = store.payloads[slot];
    const seq = store.seqOf(slot);
    const source =
      sourceId >= 0
        ? this.entityList[sourceId]
        : sourceId === FOREIGN_SOURCE
          ? store.foreignSources.get(slot)
          : undefined;
    store.release(slot);
    if (time > this.clock) this.advanceClock(time);
    this.processed++;
    const hook = this.hooks.eventProcessed;
    // A timer's event record is built only for listeners; a message's is handed to its target.
    let event: EventRecord<unknown> | undefined;
    if (targetId >= 0) {
      const target = this.entityList[targetId];
      event = { time, seq, source, target, message: payload, cancelled: false, slot: -1 };
      target.handle(payload, event);
    } else (payload as TimerAction)(this);
    if (hook.size > 0)
      hook.emit(
        event ?? { time, seq, source, target: undefined, message: undefined, cancelled: false, slot: -1 },
      );
  }

  private advanceClock(to: number): void {
    const from = this.clock;
    if (to <= from) return;
    this.clock = to;
    const hook = this.hooks.clockAdvanced;
    if (hook.size > 0) hook.emit({ from, to });
  }

  /** Enters `'running'`; the first time, calls every entity's `onStart()` in id order. */
  private begin(): void {
    const first = this.status === 'created';
    this.status = 'running';
    this.stopRequested = false;
    if (first) for (const entity of this.entityList.slice()) entity.onStart();
  }

  private finish(reason: StopReason): RunSummary {
    this.status = 'finished';
    for (const entity of this.entityList) entity.onShutdown();
    const summary = { endTime: this.clock, eventsProcessed: this.processed, reason };
    this.hooks.finished.emit(summary);
    return summary;
  }
}

/**
 * A FIFO lane for events that all have one delay (e.g. every VM's exposure timer), from
 * `Simulation.lane(delaySeconds)`. Its events take their sequence numbers when sent, so they fire
 * in exactly the order `send`/`schedule` with that delay would give; as they fall due in the order
 * sent, only the lane's earliest event sits in the heap: O(1) per event instead of O(log n).
 */
export class DelayLane {
  /** @internal */
  constructor(
    private readonly sim: Simulation,
    readonly index: number,
    readonly delaySeconds: number,
  ) {}

  /** Same as `sim.send(target, delaySeconds, message, source)`. */
  send<M>(target: Entity<M>, message: M, source?: Entity<unknown>): SimEvent<M> {
    this.sim.checkTarget(target, 'lane send');
    return this.sim.enqueue(this.sim.now + this.delaySeconds, source, target, message, undefined, this);
  }

  /**
   * Same as {@link send}, for events that are never cancelled: it returns nothing, so no event record
   * is made (the handler still receives one). A SCIT controller's timers go this way.
   */
  post<M>(target: Entity<M>, message: M, source?: Entity<unknown>): void {
    this.sim.checkTarget(target, 'lane post');
    this.sim.enqueueSlot(this.sim.now + this.delaySeconds, source, target, message, undefined, this);
  }

  /** Same as `sim.schedule(delaySeconds, action)`. */
  schedule(action: TimerAction): SimEvent<undefined> {
    return this.sim.enqueue(this.sim.now + this.delaySeconds, undefined, undefined, undefined, action, this);
  }
}
