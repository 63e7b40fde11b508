/**
 * The central controller: a simulation entity that drives every SCIT transition. Each timer (exposure,
 * grace, cleansing) is one kernel message to itself ({@link ControllerTimer}: a VM id and what is due),
 * and it orders VMs with one-way commands; VMs never talk back.
 *
 * Kernel events: one per timer, sent when the timer is created, so timers interleave with other
 * entities' events at equal times in the kernel's (time, sequence) order. Every timer after the initial
 * ones has a constant delay (the exposure E_s of the VM's service, G or C), so it goes through that delay's kernel lane
 * (`sim.lane`): the same order as `send`, but only each lane's earliest timer sits in the kernel heap —
 * at 100,000 VMs a handful of heap entries instead of one per VM. The initial timers (arbitrary first
 * times) are plain sends.
 *
 * Rotation rule: when an Active VM's exposure E_s (its service's) expires, the tolerance controller is
 * asked for a spare. On `switch` the spare becomes Active for the same service (its exposure E_s starts), the expired VM goes
 * to Grace for G seconds (straight on when G = 0), then Cleansing for C seconds, then LiveSpare; the
 * clock cycle increases by one. On `wait` the expired VM stays Active (still serving) and joins a FIFO
 * queue; whenever a spare becomes ready the queue is reconsidered in order, until spares run out.
 *
 * Termination: a run stops after `maxCycles` switches, at the caller's time horizon, or when
 * starvation is detected: a *deadlock* (VMs wait, no timer is pending, so nothing can ever change) or a
 * VM waiting longer than `starvationThresholdSeconds` (default N·(G+C) + max E_s + G + C, N = VM count — well
 * beyond the FIFO bound of the strategies that claim liveness). Starvation is reported on `starved`.
 */
import { Entity } from '../../core/entity.js';
import { assertNever } from '../../core/errors.js';
import { Signal } from '../../core/signal.js';
import type { DelayLane, Simulation } from '../../core/simulation.js';
import { longestExposureSeconds, type ResolvedScitConfig } from './config.js';
import type { ScitCommand } from './scit-state.js';
import type { ScitFleet } from './scit-vm.js';
import type { ToleranceController } from './tolerance-controller.js';
import type { VmTimes } from './vm-times.js';

/**
 * The only message the controller receives, from itself: a due timer, encoded as
 * `vm * TIMER_KINDS + kind` with kind 0 = exposure expired, 1 = grace ended, 2 = cleansing done. A number,
 * not an object: the kernel stores it without an allocation per timer.
 */
export type ControllerTimer = number;

/** Timer kinds (the low part of a {@link ControllerTimer}). */
const EXPIRE = 0;
const GRACE_END = 1;
const CLEANSED = 2;
type TimerKind = typeof EXPIRE | typeof GRACE_END | typeof CLEANSED;
/** Kinds per VM in the timer encoding (a power of two: decoding is a shift and a mask). */
const TIMER_KINDS = 4;
const KIND_BITS = 2;

/** Name of the random stream that orders the first expiries when `firstExpiryOrder` is `'random'`. */
export const FIRST_EXPIRY_STREAM = 'scit.first-expiry';

const ENTER_GRACE: ScitCommand = { type: 'enterGrace' };
const START_CLEANSING: ScitCommand = { type: 'startCleansing' };
const BECOME_SPARE: ScitCommand = { type: 'becomeSpare' };

/**
 * One switch (one clock cycle). `levels` is a snapshot of every service's level after it; records share
 * one snapshot array while no level changes, so never modify it.
 */
export interface SwitchRecord {
  readonly cycle: number;
  readonly timeSeconds: number;
  readonly expiredVm: number;
  readonly spareVm: number;
  readonly service: number;
  readonly fromHost: number;
  readonly toHost: number;
  /** How long the expired VM stayed Active beyond its exposure time (0 when a spare was ready). */
  readonly extraExposureSeconds: number;
  readonly levels: readonly number[];
}

/** A detected starvation. */
export interface StarvationReport {
  /** `deadlock`: nothing can ever change; `starvation`: one VM waited beyond the threshold. */
  readonly kind: 'deadlock' | 'starvation';
  readonly timeSeconds: number;
  /** The longest-waiting VM, its service and host. */
  readonly vm: number;
  readonly service: number;
  readonly host: number;
  readonly waitedSeconds: number;
  readonly waitingVms: number;
  readonly message: string;
}

/** Why the controller stopped the run (or `running`). */
export type ControllerStop = 'running' | 'cycles' | 'deadlock' | 'starvation';

/** An expired VM waiting for a spare (still Active). */
interface WaitingVm {
  readonly vm: number;
  readonly service: number;
  readonly host: number;
  readonly expiredAtSeconds: number;
}

export interface CentralControllerOptions {
  /** Stop after this many switches (clock cycles). Default: unbounded (use a time horizon). */
  maxCycles?: number;
  /** A VM waiting longer than this is reported as starving. */
  starvationThresholdSeconds?: number;
  /** Stop the run when starvation is reported (default true). */
  stopOnStarvation?: boolean;
}

export class CentralController extends Entity<ControllerTimer> {
  /** Fires after every switch. */
  readonly switched = new Signal<SwitchRecord>();
  /** Fires when an expired VM has to wait (no qualifying spare). */
  readonly waitStarted = new Signal<{
    readonly vm: number;
    readonly timeSeconds: number;
    readonly reason: string;
  }>();
  /** Fires when a VM enters Cleansing (its queued work is cut off). */
  readonly cleansingStarted = new Signal<{ readonly vm: number; readonly timeSeconds: number }>();
  /** Fires when starvation is detected. */
  readonly starved = new Signal<StarvationReport>();

  private clockCycle = 0;
  /** The last levels snapshot handed out and the cycle it belongs to (see `levelsAfterSwitch`). */
  private levels: readonly number[] = [];
  private levelsCycle = -1;
  private stop: ControllerStop = 'running';
  /** Expired VMs waiting for a spare, oldest first. */
  private waiting: WaitingVm[] = [];
  /** Timers sent and not yet handled (none pending while VMs wait is a deadlock). */
  private pendingTimers = 0;
  /** Kernel lanes of the constant-delay timers: exposure E_s by service, grace G and cleansing C. */
  private readonly exposureLanes: readonly DelayLane[];
  private readonly graceLane: DelayLane;
  private readonly cleansingLane: DelayLane;
  /** `activate` command of each service (built once). */
  private readonly activateCommands: readonly ScitCommand[];
  /** What the strategies' view shows of time: this controller sets every timer, so it writes them. */
  private readonly times: VmTimes;
  private readonly maxCycles: number;
  private readonly starvationThreshold: number;
  private readonly stopOnStarvation: boolean;

  constructor(
    sim: Simulation,
    private readonly config: ResolvedScitConfig,
    private readonly fleet: ScitFleet,
    private readonly tolerance: ToleranceController,
    options: CentralControllerOptions = {},
  ) {
    super(sim, 'scit-central-controller');
    const vmCount = fleet.size;
    if (vmCount * TIMER_KINDS > 2 ** 31 - 1)
      throw new RangeError(`central controller: ${vmCount} VMs is more than its timer encoding holds`);
    this.activateCommands = config.services.map((_, service) => ({ type: 'activate', service }));
    this.times = tolerance.times;
    this.maxCycles = options.maxCycles ?? Number.POSITIVE_INFINITY;
    const cycleSeconds = config.graceSeconds + config.cleansingSeconds;
    this.starvationThreshold =
      options.starvationThresholdSeconds ??
      vmCount * cycleSeconds + longestExposureSeconds(config) + cycleSeconds;
    this.stopOnStarvation = options.stopOnStarvation ?? true;
    // Equal delays share one lane (the kernel's rule: services with one E share it); the timer says what is due.
    this.exposureLanes = config.services.map((service) => sim.lane(service.exposureSeconds));
    this.graceLane = sim.lane(config.graceSeconds);
    this.cleansingLane = sim.lane(config.cleansingSeconds);
  }

  /** Switches so far (the paper's clock cycle). */
  get cycle(): number {
    return this.clockCycle;
  }

  /** Why the controller stopped the run, or `running`. */
  get stopReason(): ControllerStop {
    return this.stop;
  }

  /** VMs currently waiting for a spare, oldest first, with how long they have waited. */
  waitingVms(): { vm: number; waitedSeconds: number }[] {
    return this.waiting.map((w) => ({ vm: w.vm, waitedSeconds: this.sim.now - w.expiredAtSeconds }));
  }

  override onStart(): void {
    let online = 0;
    let cleansing = 0;
    const fleet = this.fleet;
    const firstExpiry = this.firstExpiries();
    const now = this.sim.now;
    for (let vm = 0; vm < fleet.size; vm++) {
      const state = fleet.state(vm);
      const host = fleet.hostOf(vm);
      if (state === 'active') {
        const service = fleet.service(vm);
        this.tolerance.addInitialActive(service, host);
        const expiry = firstExpiry[online++];
        this.times.enter(vm, now, now + expiry);
        this.startInitialTimer(EXPIRE, vm, expiry);
      } else if (state === 'cleansing') {
        this.tolerance.recordCleansingStarted(host);
        const done = this.config.firstCleansingDoneSeconds[cleansing++];
        this.times.enter(vm, now, now + done);
        this.startInitialTimer(CLEANSED, vm, done);
      } else {
        this.times.enter(vm, now, Number.POSITIVE_INFINITY);
        this.tolerance.recordSpareReady(vm, host, false);
      }
    }
  }

  /**
   * The first expiry of each online VM, in layout order. A random order (drawn from its own stream, so no
   * other stream's draws shift) deals the staggered places k = 0…n−1 to the online VMs at random; the VM
   * that takes place k expires at E_s·(k+1)/n, E_s its own service's exposure (the configuration's
   * staggered times when every service has the system's E).
   */
  private firstExpiries(): readonly number[] {
    const given = this.config.firstExpirySeconds;
    if (this.config.firstExpiryOrder !== 'random') return given;
    const n = given.length;
    const places = this.sim.random(FIRST_EXPIRY_STREAM).shuffle(Array.from({ length: n }, (_, k) => k));
    const services = this.config.services;
    const times = new Array<number>(n);
    let online = 0;
    for (let vm = 0; vm < this.fleet.size; vm++)
      if (this.fleet.state(vm) === 'active') {
        times[online] = (services[this.fleet.service(vm)].exposureSeconds * (places[online] + 1)) / n;
        online++;
      }
    return times;
  }

  handle(timer: ControllerTimer): void {
    this.pendingTimers--;
    if (this.stop !== 'running') return;
    // The VM's host and service come from its fleet record, the line its command touches anyway.
    const vm = timer >> KIND_BITS;
    const host = this.fleet.hostOf(vm);
    const kind = (timer & (TIMER_KINDS - 1)) as TimerKind;
    switch (kind) {
      case EXPIRE:
        this.onExpired(vm, this.fleet.service(vm), host);
        break;
      case GRACE_END:
        this.startCleansing(vm, host);
        break;
      case CLEANSED:
        this.onCleansed(vm, host);
        break;
      default:
        assertNever(kind);
    }
    this.detectStarvation();
  }

  /** An initial timer: any first time, so a plain send (same order as every other event). */
  private startInitialTimer(kind: number, vm: number, delaySeconds: number): void {
    this.pendingTimers++;
    this.sendSelf(delaySeconds, vm * TIMER_KINDS + kind);
  }

  /** A constant-delay timer, through its lane (fires exactly when and in the order `sendSelf` would). */
  private startTimer(lane: DelayLane, kind: number, vm: number): void {
    this.pendingTimers++;
    lane.post(this, vm * TIMER_KINDS + kind, this);
  }

  private onExpired(vm: number, service: number, host: number): void {
    const now = this.sim.now;
    if (!this.tryReplace(vm, service, host, now, true))
      this.waiting.push({ vm, service, host, expiredAtSeconds: now });
  }

  /** Asks for a spare; switches and returns true, or returns false (the VM waits). */
  private tryReplace(
    vm: number,
    service: number,
    host: number,
    expiredAtSeconds: number,
    firstAttempt: boolean,
  ): boolean {
    const decision = this.tolerance.chooseReplacement(vm, service, host, expiredAtSeconds, this.sim.now);
    if (decision.kind === 'wait') {
      if (firstAttempt && this.waitStarted.size > 0)
        this.waitStarted.emit({ vm, timeSeconds: this.sim.now, reason: decision.reason });
      return false;
    }
    this.switchWith(vm, service, host, decision.spare, expiredAtSeconds);
    return true;
  }

  private switchWith(
    vm: number,
    service: number,
    host: number,
    spare: number,
    expiredAtSeconds: number,
  ): void {
    const now = this.sim.now;
    const toHost = this.tolerance.recordSwitch(service, host, spare);
    this.fleet.receive(spare, this.activateCommands[service]);
    this.fleet.receive(vm, ENTER_GRACE);
    const lane = this.exposureLanes[service];
    this.times.enter(spare, now, now + lane.delaySeconds);
    this.startTimer(lane, EXPIRE, spare);
    const grace = this.config.graceSeconds;
    if (grace > 0) {
      this.times.enter(vm, now, now + grace);
      this.startTimer(this.graceLane, GRACE_END, vm);
    } else this.startCleansing(vm, host);
    this.clockCycle++;
    if (this.switched.size > 0) {
      this.switched.emit({
        cycle: this.clockCycle,
        timeSeconds: now,
        expiredVm: vm,
        spareVm: spare,
        service,
        fromHost: host,
        toHost,
        extraExposureSeconds: now - expiredAtSeconds,
        levels: this.levelsAfterSwitch(service),
      });
    }
    if (this.clockCycle >= this.maxCycles) this.halt('cycles');
  }

  /**
   * Snapshot of the levels after a switch of `service`. A switch moves one Active VM of `service`, so
   * only that level can differ from the previous cycle's snapshot: the snapshot is copied only when it
   * does (at 100k VMs most switches leave every level as it was). Called after the cycle count moved on.
   */
  private levelsAfterSwitch(service: number): readonly number[] {
    const table = this.tolerance.table;
    let levels = this.levels;
    if (this.levelsCycle !== this.clockCycle - 1) {
      levels = Array.from({ length: table.serviceCount }, (_, s) => table.level(s));
    } else if (levels[service] !== table.level(service)) {
      const copy = levels.slice();
      copy[service] = table.level(service);
      levels = copy;
    }
    this.levels = levels;
    this.levelsCycle = this.clockCycle;
    return levels;
  }

  private startCleansing(vm: number, host: number): void {
    this.fleet.receive(vm, START_CLEANSING);
    const now = this.sim.now;
    this.times.enter(vm, now, now + this.config.cleansingSeconds);
    this.tolerance.recordCleansingStarted(host);
    if (this.cleansingStarted.size > 0) this.cleansingStarted.emit({ vm, timeSeconds: this.sim.now });
    this.startTimer(this.cleansingLane, CLEANSED, vm);
  }

  private onCleansed(vm: number, host: number): void {
    this.fleet.receive(vm, BECOME_SPARE);
    const now = this.sim.now;
    this.times.enter(vm, now, Number.POSITIVE_INFINITY);
    this.times.cleansedOn(host, now);
    this.tolerance.recordSpareReady(vm, host, true);
    this.reconsiderWaiting();
  }

  /** Offers the spares, in FIFO order, to the waiting VMs; stops when spares run out. */
  private reconsiderWaiting(): void {
    if (this.waiting.length === 0) return;
    const still: WaitingVm[] = [];
    const queue = this.waiting;
    let i = 0;
    for (; i < queue.length; i++) {
      if (this.stop !== 'running' || this.tolerance.table.totalSpares === 0) break;
      const w = queue[i];
      if (!this.tryReplace(w.vm, w.service, w.host, w.expiredAtSeconds, false)) still.push(w);
    }
    // Out of spares (or stopped): the rest keep their places.
    for (; i < queue.length; i++) still.push(queue[i]);
    this.waiting = still;
  }

  private detectStarvation(): void {
    if (this.waiting.length === 0 || this.stop !== 'running') return;
    const oldest = this.waiting[0];
    const waited = this.sim.now - oldest.expiredAtSeconds;
    if (this.pendingTimers === 0) this.reportStarvation('deadlock', oldest, waited);
    else if (waited > this.starvationThreshold) this.reportStarvation('starvation', oldest, waited);
  }

  private reportStarvation(kind: 'deadlock' | 'starvation', oldest: WaitingVm, waited: number): void {
    const { vm, service, host } = oldest;
    const name = this.config.services[service].name;
    const message =
      kind === 'deadlock'
        ? `deadlock at t=${this.sim.now}s: ${this.waiting.length} VM(s) wait for a spare and no timer is pending; ` +
          `VM ${vm} (${name}, host ${host}) has waited ${waited}s`
        : `starvation at t=${this.sim.now}s: VM ${vm} (${name}, host ${host}) has waited ${waited}s ` +
          `(threshold ${this.starvationThreshold}s)`;
    this.starved.emit({
      kind,
      timeSeconds: this.sim.now,
      vm,
      service,
      host,
      waitedSeconds: waited,
      waitingVms: this.waiting.length,
      message,
    });
    if (kind === 'deadlock' || this.stopOnStarvation) this.halt(kind);
  }

  private halt(reason: ControllerStop): void {
    this.stop = reason;
    this.sim.terminate();
  }
}
