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
import { SimulationError } from '../core/index.js';
import { grown } from '../core/min-heap.js';
import type { CloudEntity } from './cloud-entity.js';
import type { CloudSimulation } from './cloud-simulation.js';
import { SlotQueue } from './slot-queue.js';

/** What a handler receives with a message (made when it is delivered, or returned by `send`). */
class BusEvent<M> implements SimEvent<M> {
  readonly cancelled = false;
  constructor(
    readonly time: number,
    readonly seq: number,
    readonly source: Entity<unknown> | undefined,
    readonly target: CloudEntity<M>,
    readonly message: M,
  ) {}
}

/**
 * Kinds of queued entries: one message, the CREATE marker of an entity born while running, a run of
 * messages made when delivered (`postEach`).
 */
const MESSAGE = 0;
const CREATE = 1;
const RUN = 2;

/**
 * Most distinct (source, target, message) triples `postRepeat` keeps as templates; beyond them it
 * queues like `post`. A datacenter uses one (its "update processing" to itself).
 */
const MAX_TEMPLATES = 64;

/**
 * The queue's value for an entry of template `t` (slots are ≥ 0, −1 means none), and back: the map
 * is its own inverse.
 */
function templateEntry(t: number): number {
  return -2 - t;
}

/** `count` messages from one source to one target at one time, made one by one when delivered. */
interface MessageRun {
  readonly count: number;
  readonly messageAt: (index: number) => unknown;
}

/**
 * Delivers messages between CloudSim-style entities in CloudSim's order. One per simulation.
 *
 * The queue holds small integers (slots); each queued message's time, sequence number, source and
 * target (as entity ids) and message sit in arrays indexed by slot, reused once delivered. A queued
 * message thus costs no object of its own (a run of a million cloudlet submissions was ~170 MB of
 * message objects) and ~61 bytes, and the {@link SimEvent} a handler receives is made when it is
 * delivered. A message of {@link postRepeat} costs only its queue entry (20 bytes: time, sequence,
 * template): it gets a slot when it is dispatched.
 */
export class CloudEventBus {
  /** CloudSim's minimum time between events, from the {@link CloudSimulation} setting. */
  readonly minTimeBetweenEvents: number;
  /** Slots by (time, sequence); a re-queued slot gets a new heap sequence, keeps its own `seqs`. */
  private readonly queue = new SlotQueue(256);
  /** Slots dispatched at the current time and not yet processed. */
  private inbox: number[] = [];
  private kinds = new Uint8Array(256);
  private times = new Float64Array(256);
  private seqs = new Float64Array(256);
  /** Messages in each slot: 1, or the length of a run. */
  private counts = new Int32Array(256);
  /** The (source id, target id, message) of each template of {@link postRepeat}. */
  private readonly templateSources: number[] = [];
  private readonly templateTargets: number[] = [];
  private readonly templateMessages: unknown[] = [];
  /** Entity ids (`sim.entities[id]`) of each slot's source (−1 = none) and target. */
  private sourceIds = new Int32Array(256);
  private targetIds = new Int32Array(256);
  private messages: unknown[] = [];
  /** Slots delivered and free again, a stack of `freeCount`. */
  private freeSlots = new Int32Array(256);
  private freeCount = 0;
  private slotCount = 0;
  /** Messages queued or in the inbox (a run counts each of its messages). */
  private waiting = 0;
  /**
   * Times of the kernel timers set and not yet fired: one in `soleTimer` (NaN = none), any others in
   * `timers`. Usually one is outstanding (the queue's head, set when a tick ends): with a Set alone,
   * adding and deleting it at every tick rebuilt the Set's table each time (~16 MB at 10^5 cloudlets
   * that outlived young collections).
   */
  private soleTimer = Number.NaN;
  private readonly timers = new Set<number>();
  private pauseTime: number | undefined;
  private delivered = 0;
  private ticking = false;
  private readonly byTargetId = (a: number, b: number): number => this.targetIds[a] - this.targetIds[b];

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
    return this.waiting;
  }

  /** Sends `message` to `target` after `delay` seconds (≥ 0); delivered in CloudSim's order. */
  send<M>(
    source: Entity<unknown> | undefined,
    target: CloudEntity<M>,
    delay: number,
    message: M,
  ): SimEvent<M> {
    this.sim.checkDelay(delay, 'send');
    const time = this.sim.now + delay;
    const slot = this.enqueue(MESSAGE, time, 1, source, target, message);
    return new BusEvent(time, this.seqs[slot], source, target, message);
  }

  /** {@link send} without the returned event (what entities use: nothing is allocated). */
  post<M>(source: Entity<unknown> | undefined, target: CloudEntity<M>, delay: number, message: M): void {
    this.sim.checkDelay(delay, 'send');
    this.enqueue(MESSAGE, this.sim.now + delay, 1, source, target, message);
  }

  /**
   * {@link post} for one message object sent again and again from the same source to the same
   * target (a datacenter's "update processing" to itself, a million times in a run of a million
   * cloudlets). Delivered, ordered and counted exactly as {@link post}; while it waits it is only a
   * queue entry (time, sequence number and the triple's template), with no slot: it takes one when it
   * is dispatched. The message object must not change while messages of it wait.
   */
  postRepeat<M>(
    source: Entity<unknown> | undefined,
    target: CloudEntity<M>,
    delay: number,
    message: M,
  ): void {
    this.sim.checkDelay(delay, 'send');
    const time = this.sim.now + delay;
    const sourceId = source === undefined ? -1 : this.idOf(source);
    const targetId = this.idOf(target);
    const t = this.templateOf(sourceId, targetId, message);
    if (t < 0) {
      this.enqueueIds(MESSAGE, time, 1, sourceId, targetId, message);
      return;
    }
    const queue = this.queue;
    queue.pushWithSequence(time, queue.reserveSequence(), templateEntry(t));
    this.waiting++;
    if (!this.ticking) this.ensureTimer(time);
  }

  /** The template of (source id, target id, message), made on first use; −1 when there are too many. */
  private templateOf(sourceId: number, targetId: number, message: unknown): number {
    const messages = this.templateMessages;
    for (let t = 0; t < messages.length; t++) {
      if (
        messages[t] === message &&
        this.templateTargets[t] === targetId &&
        this.templateSources[t] === sourceId
      )
        return t;
    }
    if (messages.length === MAX_TEMPLATES) return -1;
    this.templateSources.push(sourceId);
    this.templateTargets.push(targetId);
    messages.push(message);
    return messages.length - 1;
  }

  /**
   * Sends `count` messages from `source` to `target` after `delay` seconds, as `count` calls of
   * {@link post} in a row would (same order, same sequence numbers, each delivered and counted on
   * its own), but message `i` is made by `messageAt(i)` only when it is delivered: a broker submits
   * a million cloudlets without a million message objects waiting in the queue.
   */
  postEach<M>(
    source: Entity<unknown> | undefined,
    target: CloudEntity<M>,
    delay: number,
    count: number,
    messageAt: (index: number) => M,
  ): void {
    this.sim.checkDelay(delay, 'send');
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new SimulationError('invalid-argument', `postEach: count must be an integer >= 0 (got ${count})`);
    }
    if (count === 0) return;
    const run: MessageRun = { count, messageAt };
    this.enqueue(RUN, this.sim.now + delay, count, source, target, run);
  }

  /**
   * Registers an entity created while the simulation runs or is paused: like CloudSim's CREATE event,
   * its `startEntity` runs when the bus next dispatches events at the current time.
   */
  announce(entity: CloudEntity<unknown>): void {
    this.enqueue(CREATE, this.sim.now, 1, undefined, entity, undefined);
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

  /** Queues an entry of `count` messages (sequence numbers reserved for each); returns its slot. */
  private enqueue(
    kind: number,
    time: number,
    count: number,
    source: Entity<unknown> | undefined,
    target: CloudEntity<never>,
    message: unknown,
  ): number {
    const sourceId = source === undefined ? -1 : this.idOf(source);
    return this.enqueueIds(kind, time, count, sourceId, this.idOf(target), message);
  }

  /** {@link enqueue} with the source's and target's entity ids, checked. */
  private enqueueIds(
    kind: number,
    time: number,
    count: number,
    sourceId: number,
    targetId: number,
    message: unknown,
  ): number {
    const queue = this.queue;
    const seq = queue.reserveSequence();
    for (let i = 1; i < count; i++) queue.reserveSequence();
    const slot = this.filledSlot(kind, count, time, seq, sourceId, targetId, message);
    this.waiting += count;
    queue.pushWithSequence(time, seq, slot);
    // Inside a tick the next timer is set once, for the queue's head, when the tick ends.
    if (!this.ticking) this.ensureTimer(time);
    return slot;
  }

  /** The id of an entity of this bus's simulation (slots keep ids, not entities). */
  private idOf(entity: Entity<unknown>): number {
    if (this.sim.entities[entity.id] !== entity) {
      throw new SimulationError(
        'invalid-argument',
        `${entity.name} is not an entity of this bus's simulation`,
      );
    }
    return entity.id;
  }

  /** The entity with id `id` (from a slot). */
  private entityAt(id: number): CloudEntity<unknown> {
    return this.sim.entities[id] as CloudEntity<unknown>;
  }

  private allocate(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount];
    const slot = this.slotCount++;
    if (slot === this.kinds.length) {
      const capacity = slot * 2;
      this.kinds = grown(this.kinds, new Uint8Array(capacity));
      this.times = grown(this.times, new Float64Array(capacity));
      this.seqs = grown(this.seqs, new Float64Array(capacity));
      this.counts = grown(this.counts, new Int32Array(capacity));
      this.sourceIds = grown(this.sourceIds, new Int32Array(capacity));
      this.targetIds = grown(this.targetIds, new Int32Array(capacity));
      this.freeSlots = grown(this.freeSlots, new Int32Array(capacity));
    }
    this.messages.push(undefined);
    return slot;
  }

  private release(slot: number): void {
    this.messages[slot] = undefined;
    this.freeSlots[this.freeCount++] = slot;
  }

  private ensureTimer(time: number): void {
    if (time === this.soleTimer || (this.timers.size > 0 && this.timers.has(time))) return;
    if (Number.isNaN(this.soleTimer)) this.soleTimer = time;
    else this.timers.add(time);
    this.sim.scheduleAt(time, () => {
      if (time === this.soleTimer) this.soleTimer = Number.NaN;
      else this.timers.delete(time);
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
    for (let slot = this.popUpTo(now); slot >= 0; slot = this.popUpTo(now)) this.toInbox(slot);
  }

  /** A dispatched slot: a CREATE marker starts its entity, a message or run waits in the inbox. */
  private toInbox(slot: number): void {
    if (this.kinds[slot] !== CREATE) {
      this.inbox.push(slot);
      return;
    }
    const entity = this.entityAt(this.targetIds[slot]);
    this.waiting -= this.counts[slot];
    this.release(slot);
    entity.startEntity();
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
    const announced: number[] = [];
    for (
      let slot = queue.peek();
      slot >= 0 && this.kinds[slot] === CREATE && this.times[slot] <= pauseTime;
      slot = queue.peek()
    ) {
      queue.pop();
      announced.push(slot);
    }
    let held = false;
    if (queue.size > 0 && queue.peekKey() > pauseTime) {
      const head = queue.peekKey();
      const wave: number[] = [];
      for (let slot = this.popUpTo(head); slot >= 0; slot = this.popUpTo(head)) wave.push(slot);
      if (queue.size === 0) {
        held = true;
        for (const slot of wave) this.toInbox(slot);
      } else {
        for (const slot of wave) queue.push(this.times[slot], slot);
      }
    }
    for (const slot of announced) queue.push(this.times[slot], slot);
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
    if (wave.length > 16) {
      if (!this.sortedByTarget(wave)) wave.sort(this.byTargetId);
    } else if (wave.length > 1) {
      this.insertionSortByTarget(wave);
    }
    for (let i = 0; i < wave.length; i++) this.deliver(wave[i]);
  }

  /** Stable sort of a short wave by target id (most waves hold a few messages). */
  private insertionSortByTarget(wave: number[]): void {
    const targetIds = this.targetIds;
    for (let i = 1; i < wave.length; i++) {
      const slot = wave[i];
      const id = targetIds[slot];
      let j = i - 1;
      while (j >= 0 && targetIds[wave[j]] > id) {
        wave[j + 1] = wave[j];
        j--;
      }
      wave[j + 1] = slot;
    }
  }

  /** True if the slots' target ids never decrease (then the stable sort would change nothing). */
  private sortedByTarget(wave: readonly number[]): boolean {
    const targetIds = this.targetIds;
    let previous = targetIds[wave[0]];
    for (let i = 1; i < wave.length; i++) {
      const id = targetIds[wave[i]];
      if (id < previous) return false;
      previous = id;
    }
    return true;
  }

  /** Hands the message (or each message of the run) in `slot` to its target, then frees the slot. */
  private deliver(slot: number): void {
    const target = this.entityAt(this.targetIds[slot]);
    const sourceId = this.sourceIds[slot];
    const source = sourceId < 0 ? undefined : this.sim.entities[sourceId];
    const message = this.messages[slot];
    const time = this.times[slot];
    const seq = this.seqs[slot];
    const kind = this.kinds[slot];
    this.release(slot);
    if (kind !== RUN) {
      this.waiting--;
      this.delivered++;
      target.handle(message, new BusEvent(time, seq, source, target, message));
      return;
    }
    const { count, messageAt } = message as MessageRun;
    for (let i = 0; i < count; i++) {
      const item = messageAt(i);
      this.waiting--;
      this.delivered++;
      target.handle(item, new BusEvent(time, seq + i, source, target, item));
    }
  }

  /**
   * Removes and returns the queue's head slot if its time is at most `time`, else −1. A template's
   * entry gets its slot here.
   */
  private popUpTo(time: number): number {
    const queue = this.queue;
    const key = queue.peekKey();
    if (!(key <= time)) return -1;
    const seq = queue.peekSequence();
    const entry = queue.pop();
    if (entry >= 0) return entry;
    const t = templateEntry(entry);
    return this.filledSlot(
      MESSAGE,
      1,
      key,
      seq,
      this.templateSources[t],
      this.templateTargets[t],
      this.templateMessages[t],
    );
  }

  /** A free slot holding one entry's kind, message count, time, sequence number, ends and message. */
  private filledSlot(
    kind: number,
    count: number,
    time: number,
    seq: number,
    sourceId: number,
    targetId: number,
    message: unknown,
  ): number {
    const slot = this.allocate();
    this.kinds[slot] = kind;
    this.counts[slot] = count;
    this.times[slot] = time;
    this.seqs[slot] = seq;
    this.sourceIds[slot] = sourceId;
    this.targetIds[slot] = targetId;
    this.messages[slot] = message;
    return slot;
  }
}
