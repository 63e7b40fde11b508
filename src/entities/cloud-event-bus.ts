/**
 * CloudSim's event order on top of our kernel.
 *
 * The kernel delivers events strictly in (time, sequence) order. CloudSim 7.0.1 does something else
 * with events that share a time: its `runClockTick` first *dispatches* every queued event of the
 * earliest time into per-entity inboxes, then lets each entity, in id order, process its whole inbox.
 * Events sent with zero delay during that processing form the next "wave" at the same time. A pause
 * (`pauseSimulation(t)`) is checked between dispatching and processing, so the wave dispatched last
 * before `t` is processed only after the resume, with the clock at `t`; and when the first dispatch
 * after `t` empties CloudSim's queue, CloudSim sets its clock back to `t` and processes that wave at
 * `t` (example 7 relies on this).
 *
 * Reproducing CloudSim's numbers needs that order, so CloudSim-style entities exchange messages
 * through this bus instead of `sim.send`: the bus keeps its own (time, sequence) queue and asks the
 * kernel for one timer per distinct event time; when the timer fires it replays CloudSim's tick loop.
 * The kernel still owns the clock, so kernel timers and hooks work as usual.
 */
import type { Entity, SimEvent, Simulation } from '../core/index.js';
import { MinHeap, SimulationError } from '../core/index.js';
import type { CloudEntity } from './cloud-entity.js';
import type { CloudSimulation } from './cloud-simulation.js';

/** A message in the bus queue: a CloudSim event, or the CREATE marker of an entity born while running. */
class QueuedMessage<M> implements SimEvent<M> {
  readonly cancelled = false;
  constructor(
    readonly kind: 'message' | 'create',
    readonly time: number,
    readonly seq: number,
    readonly source: Entity<unknown> | undefined,
    readonly target: CloudEntity<M>,
    readonly message: M,
  ) {}
}

type Queued = QueuedMessage<unknown>;

/** Delivers messages between CloudSim-style entities in CloudSim's order. One per simulation. */
export class CloudEventBus {
  /** CloudSim's minimum time between events, from the {@link CloudSimulation} setting. */
  readonly minTimeBetweenEvents: number;
  private readonly queue = new MinHeap<Queued>(256);
  private inbox: Queued[] = [];
  private readonly timers = new Set<number>();
  private pauseTime: number | undefined;
  private delivered = 0;
  private ticking = false;

  /** Built by {@link CloudSimulation}, which owns and validates the minimum-gap setting. */
  constructor(
    readonly sim: Simulation,
    minTimeBetweenEvents: number,
  ) {
    this.minTimeBetweenEvents = minTimeBetweenEvents;
  }

  /** Messages delivered so far (CloudSim events processed). */
  get messagesDelivered(): number {
    return this.delivered;
  }

  /** Messages waiting in the bus queue. */
  get pending(): number {
    return this.queue.size + this.inbox.length;
  }

  /** Sends `message` to `target` after `delay` seconds (≥ 0); delivered in CloudSim's order. */
  send<M>(
    source: Entity<unknown> | undefined,
    target: CloudEntity<M>,
    delay: number,
    message: M,
  ): SimEvent<M> {
    this.sim.checkDelay(delay, 'send');
    return this.enqueue('message', this.sim.now + delay, source, target, message);
  }

  /**
   * Registers an entity created while the simulation runs or is paused: like CloudSim's CREATE event,
   * its `startEntity` runs when the bus next dispatches events at the current time.
   */
  announce(entity: CloudEntity<unknown>): void {
    this.enqueue('create', this.sim.now, undefined, entity, undefined);
  }

  /**
   * CloudSim's `pauseSimulation(time)`: after the first dispatch at or before `time` that leaves no
   * queued event before `time`, the dispatched wave is held back and processed at `time`. Use with
   * `sim.run({ until: time })`, then `sim.run()` to resume.
   */
  pauseAt(time: number): void {
    if (!(time >= this.sim.now)) {
      throw new SimulationError(
        'invalid-until',
        `pauseAt: time must be >= now (${this.sim.now}) (got ${time})`,
      );
    }
    this.pauseTime = time;
    this.sim.scheduleAt(time, () => this.probePause());
  }

  private enqueue<M>(
    kind: Queued['kind'],
    time: number,
    source: Entity<unknown> | undefined,
    target: CloudEntity<M>,
    message: M,
  ): QueuedMessage<M> {
    const seq = this.queue.reserveSequence();
    const item = new QueuedMessage(kind, time, seq, source, target, message);
    this.queue.pushWithSequence(time, seq, item);
    // Inside a tick the next timer is set once, for the queue's head, when the tick ends.
    if (!this.ticking) this.ensureTimer(time);
    return item;
  }

  private ensureTimer(time: number): void {
    if (this.timers.has(time)) return;
    this.timers.add(time);
    this.sim.scheduleAt(time, () => {
      this.timers.delete(time);
      this.tick();
    });
  }

  /** CloudSim's run loop for the current kernel time. */
  private tick(): void {
    this.ticking = true;
    try {
      this.runTick();
    } finally {
      this.ticking = false;
    }
  }

  private runTick(): void {
    const now = this.sim.now;
    if (this.inbox.length > 0) this.processInbox();
    const queue = this.queue;
    while (queue.size > 0 && queue.peekKey() <= now) {
      this.dispatch(now);
      if (this.shouldPause(now)) return;
      this.processInbox();
    }
    if (queue.size === 0) return;
    if (this.pausesAfterLastWave(now)) return;
    this.ensureTimer(queue.peekKey());
  }

  /** Moves every queued message of time `now` to the inbox (CREATE markers start their entity now). */
  private dispatch(now: number): void {
    for (let item = this.popUpTo(now); item !== undefined; item = this.popUpTo(now)) {
      if (item.kind === 'create') item.target.startEntity();
      else this.inbox.push(item);
    }
  }

  /**
   * CloudSim's pause test after a dispatch at `now`: pause if `now ≤ pauseTime ≤` the next queued
   * time, or if nothing is queued any more and `pauseTime ≤ now`. The dispatched wave is then
   * processed at `pauseTime` (or now, if `pauseTime` is already past: the kernel clock cannot go back).
   */
  private shouldPause(now: number): boolean {
    const pauseTime = this.pauseTime;
    if (pauseTime === undefined) return false;
    const queue = this.queue;
    const pause = queue.size > 0 ? now <= pauseTime && pauseTime <= queue.peekKey() : pauseTime <= now;
    if (!pause) return false;
    this.pauseTime = undefined;
    this.ensureTimer(Math.max(pauseTime, now));
    return true;
  }

  /**
   * The other way CloudSim pauses: when the next dispatch lies beyond `pauseTime` and empties the
   * queue, CloudSim dispatches it and then sets its clock back to `pauseTime`, so that wave is
   * processed at `pauseTime`. Our clock cannot go back, so we dispatch that wave now and process it
   * at `pauseTime`.
   */
  private pausesAfterLastWave(now: number): boolean {
    const pauseTime = this.pauseTime;
    const queue = this.queue;
    if (pauseTime === undefined || pauseTime < now) return false;
    // Entities announced during the pause (CREATE at the pause time) come after the held wave.
    const announced: Queued[] = [];
    for (let item = queue.peek(); item?.kind === 'create' && item.time <= pauseTime; item = queue.peek()) {
      queue.pop();
      announced.push(item);
    }
    let held = false;
    if (queue.size > 0 && queue.peekKey() > pauseTime) {
      const head = queue.peekKey();
      const wave: Queued[] = [];
      for (let item = this.popUpTo(head); item !== undefined; item = this.popUpTo(head)) wave.push(item);
      if (queue.size === 0) {
        held = true;
        for (const item of wave) {
          if (item.kind === 'create') item.target.startEntity();
          else this.inbox.push(item);
        }
      } else {
        for (const item of wave) queue.push(item.time, item);
      }
    }
    for (const item of announced) queue.push(item.time, item);
    if (!held) return false;
    this.pauseTime = undefined;
    this.ensureTimer(pauseTime);
    return true;
  }

  /** Runs at the pause time, in case no tick happened between the last dispatch and it. */
  private probePause(): void {
    if (this.pauseTime !== undefined && this.pausesAfterLastWave(this.sim.now)) this.tick();
  }

  /** Each entity, in id order, handles its messages in arrival order. */
  private processInbox(): void {
    const wave = this.inbox;
    this.inbox = [];
    if (wave.length > 1) wave.sort(byTargetId);
    for (const item of wave) {
      this.delivered++;
      item.target.handle(item.message, item);
    }
  }

  /** Removes and returns the queue's head if its time is at most `time`. */
  private popUpTo(time: number): Queued | undefined {
    return this.queue.peekKey() <= time ? this.queue.pop() : undefined;
  }
}

function byTargetId(a: Queued, b: Queued): number {
  return a.target.id - b.target.id;
}
