/**
 * Bookkeeping every attack session needs: which hosts are compromised until when, the
 * `compromiseChanged` signal and the counters. A model's session extends it and calls
 * {@link HostCompromises.compromise} when an escape succeeds; everything else (the signal, "a
 * compromise of a compromised host extends it to the later end", stopping) is done here, with kernel
 * timers only.
 */
import { Signal, subscribeOnly } from '../../core/signal.js';
import type { Simulation } from '../../core/simulation.js';
import type { AttackReport, AttackSession, HostCompromiseChange } from './attack-model.js';

/** Counters a session updates (escapes are counted by {@link HostCompromises.compromise}). */
export interface AttackCounts {
  attempts: number;
  lostAttempts: number;
  escapes: number;
  defeatedByRotation: number;
}

export class HostCompromises implements AttackSession {
  private readonly changed = new Signal<HostCompromiseChange>();
  readonly compromiseChanged = subscribeOnly(this.changed);
  protected readonly counts: AttackCounts = {
    attempts: 0,
    lostAttempts: 0,
    escapes: 0,
    defeatedByRotation: 0,
  };
  /**
   * Per host: the end of its compromise (meaningful while compromised), then at `hostCount + host`
   * whether it is compromised (1 or 0): one array, as a session is made per run.
   */
  private readonly until: Float64Array;
  private readonly compromised: number;
  private readonly startedAt: number;
  private stoppedAt = Number.NaN;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    protected readonly sim: Simulation,
    hostCount: number,
  ) {
    this.until = new Float64Array(2 * hostCount);
    this.compromised = hostCount;
    this.startedAt = sim.now;
  }

  /** Whether the session has been stopped. */
  get stopped(): boolean {
    return !Number.isNaN(this.stoppedAt);
  }

  isCompromised(host: number): boolean {
    return this.until[this.compromised + host] === 1;
  }

  /**
   * An escape succeeded on `host`: it is compromised for `seconds` from now, or, if it already is,
   * until the later of the two ends. Counts one escape.
   */
  compromise(host: number, seconds: number): void {
    if (this.stopped) return;
    this.counts.escapes++;
    const end = this.sim.now + seconds;
    if (this.until[this.compromised + host] === 1) {
      if (end > this.until[host]) this.until[host] = end;
      return;
    }
    this.until[this.compromised + host] = 1;
    this.until[host] = end;
    this.sim.scheduleAt(end, () => this.recoverIfDue(host));
    if (this.changed.size > 0) this.changed.emit({ host, compromised: true, timeSeconds: this.sim.now });
  }

  private recoverIfDue(host: number): void {
    if (this.stopped) return;
    const until = this.until[host];
    if (until > this.sim.now) {
      this.sim.scheduleAt(until, () => this.recoverIfDue(host));
      return;
    }
    this.until[this.compromised + host] = 0;
    if (this.changed.size > 0) this.changed.emit({ host, compromised: false, timeSeconds: this.sim.now });
  }

  /** Runs `cleanup` (e.g. an unsubscribe) when the session stops. */
  protected onStop(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  report(): AttackReport {
    const end = this.stopped ? this.stoppedAt : this.sim.now;
    // Field by field, not a spread of `counts`: V8 allocated the spread's copies in the old generation.
    const { attempts, lostAttempts, escapes, defeatedByRotation } = this.counts;
    return { attempts, lostAttempts, escapes, defeatedByRotation, observedSeconds: end - this.startedAt };
  }

  stop(): AttackReport {
    if (!this.stopped) {
      this.stoppedAt = this.sim.now;
      for (const cleanup of this.cleanups) cleanup();
    }
    return this.report();
  }
}
