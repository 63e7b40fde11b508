/**
 * The watchdog: polls heartbeats (see `heartbeat.ts`) from the thread that started the watched work,
 * measures how long each has been inside one piece of user code (the phase is not idle and the
 * sequence number has not moved), and past the budget reports a {@link HangReport}: the strategy (or
 * the module), the phase, and the decision or the case. Every runner of user code uses it: the sweep,
 * the commands' supervisor, {@link runWatched}, and (through {@link watchWorker}) any other host.
 *
 * The library reads no clock: the caller passes one (`clockMillis`).
 */
import { describeDecisionRequest } from '../entities/scit/strategy-error.js';
import type { HeartbeatReader, HeartbeatState } from './heartbeat.js';

/** Default seconds user code may take over one decision, construction or load (the commands'). */
export const DEFAULT_DECISION_TIMEOUT_SECONDS = 10;

/** What hung, where: what a watchdog reports. */
export interface HangReport extends HeartbeatState {
  readonly phase: 'load' | 'constructor' | 'choose' | 'decision';
  readonly budgetSeconds: number;
}

/** User code that did not return within the decision budget: `message` is one line (see {@link hangMessage}). */
export class DecisionTimeoutError extends Error {
  override readonly name = 'DecisionTimeoutError';

  constructor(
    message: string,
    /** What the heartbeat said (absent when the error was rebuilt from a message alone). */
    readonly report?: HangReport,
  ) {
    super(message);
  }
}

/** What a report's message may add to what the heartbeat knows. */
export interface HangMessageOptions {
  /** The strategy's name when the heartbeat does not know it (e.g. from a sweep's plan). */
  readonly strategy?: string;
  /** Said before the context and the seed, e.g. `cell 3`. */
  readonly where?: string;
}

/**
 * One line naming the strategy (or the module), the phase, and the decision (VM, service, host,
 * time) or the construction, with the context and the seed, e.g.
 * `rotation strategy "Foo" did not return within 10 s when asked to replace VM 4 (Web, host 2) at t=360s (seed 3)`.
 */
export function hangMessage(report: HangReport, options: HangMessageOptions = {}): string {
  const within = `within ${report.budgetSeconds} s`;
  const where = [options.where, report.context, report.seed === undefined ? '' : `seed ${report.seed}`]
    .filter((part) => part !== undefined && part !== '')
    .join(', ');
  const tail = where === '' ? '' : ` (${where})`;
  switch (report.phase) {
    case 'load':
      return `loading ${report.subject} did not finish ${within}${tail}`;
    case 'constructor': {
      const named = report.subject !== '' && !report.subject.startsWith('the ') ? report.subject : undefined;
      const strategy = named ?? options.strategy;
      const who = strategy === undefined ? 'the rotation strategy' : `rotation strategy "${strategy}"`;
      return `${who}: its constructor did not return ${within}${tail}`;
    }
    case 'choose':
    case 'decision': {
      const strategy = report.strategy ?? options.strategy;
      const who = strategy === undefined ? 'the rotation strategy' : `rotation strategy "${strategy}"`;
      const asked = `when asked to replace ${describeDecisionRequest(report.request, report.request.serviceName)}`;
      if (report.phase === 'choose') return `${who} did not return ${within} ${asked}${tail}`;
      return (
        `${who}: reading the decision its choose returned (kind, spare, reason) did not finish ` +
        `${within}, ${asked}${tail}`
      );
    }
  }
}

/** Options of a {@link Watchdog}. */
export interface WatchdogOptions {
  /** Seconds user code may stay in one phase (one decision, one construction, one load). */
  readonly budgetSeconds: number;
  /**
   * Seconds loading a module may take, when it differs from {@link budgetSeconds} (a load compiles the
   * module and everything it imports). Default: the same budget.
   */
  readonly loadBudgetSeconds?: number;
  /** Wall clock in milliseconds. */
  readonly clockMillis: () => number;
  /** Milliseconds between polls when {@link Watchdog.start}ed (default: a quarter of the budget, 5–250 ms). */
  readonly pollMillis?: number;
}

interface Watched {
  readonly reader: HeartbeatReader;
  readonly onHang: (report: HangReport) => void;
  sequence: number;
  since: number;
}

/** Watches heartbeats; each hang is reported once, then that heartbeat is no longer watched. */
export class Watchdog {
  private readonly watched = new Set<Watched>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: WatchdogOptions) {
    if (!(options.budgetSeconds > 0)) throw new RangeError('the budget must be a number of seconds > 0');
  }

  /** Watches `reader` until the returned function is called (or it hangs: then `onHang` is called once). */
  watch(reader: HeartbeatReader, onHang: (report: HangReport) => void): () => void {
    const entry: Watched = { reader, onHang, sequence: -1, since: this.options.clockMillis() };
    this.watched.add(entry);
    return () => this.watched.delete(entry);
  }

  /** One poll: reports the heartbeats that have been in one phase longer than the budget. */
  check(): void {
    const now = this.options.clockMillis();
    const budget = this.options.budgetSeconds;
    const loadBudget = this.options.loadBudgetSeconds ?? budget;
    for (const entry of this.watched) {
      const pulse = entry.reader.pulse();
      if (pulse.phase === 'idle' || pulse.sequence !== entry.sequence) {
        entry.sequence = pulse.phase === 'idle' ? -1 : pulse.sequence;
        entry.since = now;
        continue;
      }
      const seconds = pulse.phase === 'load' ? loadBudget : budget;
      if (now - entry.since <= seconds * 1000) continue;
      const state = entry.reader.read();
      // It may have left meanwhile: then it was not stuck.
      if (state.phase === 'idle' || state.sequence !== entry.sequence) continue;
      this.watched.delete(entry);
      entry.onHang({ ...state, phase: state.phase, budgetSeconds: seconds });
    }
  }

  /** Polls on a timer (unreferenced: it does not keep the process alive) until {@link stop}. */
  start(): this {
    if (this.timer !== undefined) return this;
    const budgetMillis = this.options.budgetSeconds * 1000;
    const poll = this.options.pollMillis ?? Math.max(5, Math.min(250, budgetMillis / 4));
    this.timer = setInterval(() => this.check(), poll);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/**
 * Watches one worker's heartbeat with its own watchdog: past the budget, terminates the worker and
 * calls `onHang` with the report (once). Returns a function that stops watching (call it when the
 * worker is done). This is what a host of a watched worker thread needs (the spec checker's, the
 * commands').
 */
export function watchWorker(
  worker: { terminate(): Promise<number> },
  reader: HeartbeatReader,
  options: WatchdogOptions,
  onHang: (report: HangReport) => void,
): () => void {
  const watchdog = new Watchdog(options);
  watchdog.watch(reader, (report) => {
    watchdog.stop();
    void worker.terminate();
    onHang(report);
  });
  watchdog.start();
  return () => watchdog.stop();
}
