/**
 * A test attack model that does two things a test needs to see from inside a run: it records every
 * SCIT transition of the system it is given (through the read-only view, like any plugin), and it
 * compromises random hosts at Poisson times, each for an instant (announced on `compromiseChanged`,
 * the signal the request models follow: the host's VMs fail their unfinished requests).
 */
import { injectable } from 'inversify';
import {
  type AttackContext,
  type AttackModel,
  type AttackReport,
  type AttackSession,
  type HostCompromiseChange,
  type ScitTransition,
  Signal,
} from '../../src/index.js';

/** Parameters: mean seconds between compromises (0: none). */
export interface ObserverOptions {
  meanIntervalSeconds: number;
}

/** What one run showed the observer. */
export interface ObservedRun {
  readonly transitions: ScitTransition[];
  readonly compromises: { host: number; timeSeconds: number }[];
}

/** A model class whose sessions append what they see to `runs` (one entry per run started). */
export function observingAttack(runs: ObservedRun[]) {
  class ObserverSession implements AttackSession {
    readonly compromiseChanged = new Signal<HostCompromiseChange>();
    readonly run: ObservedRun = { transitions: [], compromises: [] };
    stopped = false;

    constructor(readonly context: AttackContext<ObserverOptions>) {
      runs.push(this.run);
      const { sim, system } = context;
      system.stateChanged.subscribe((change) => this.run.transitions.push(change), sim.hooks.finished);
      if (context.options.meanIntervalSeconds > 0) this.next();
    }

    next(): void {
      const { sim, random, system, options } = this.context;
      sim.schedule(random.exponential(options.meanIntervalSeconds), () => {
        if (this.stopped) return;
        const compromise = { host: random.int(0, system.config.hostCount - 1), timeSeconds: sim.now };
        this.run.compromises.push(compromise);
        // Compromised and recovered at once: what the requests see is the compromise's start.
        this.compromiseChanged.emit({ ...compromise, compromised: true });
        this.compromiseChanged.emit({ ...compromise, compromised: false });
        this.next();
      });
    }

    isCompromised(): boolean {
      return false;
    }

    report(): AttackReport {
      return {
        attempts: this.run.compromises.length,
        lostAttempts: 0,
        escapes: this.run.compromises.length,
        defeatedByRotation: 0,
        observedSeconds: this.context.sim.now,
      };
    }

    stop(): AttackReport {
      this.stopped = true;
      return this.report();
    }
  }

  @injectable()
  class ObservingAttack implements AttackModel<ObserverOptions> {
    readonly name = 'observer';
    resolveOptions(options: unknown): ObserverOptions {
      return { meanIntervalSeconds: (options as ObserverOptions).meanIntervalSeconds };
    }
    describe(): string {
      return 'observer (test)';
    }
    start(context: AttackContext<ObserverOptions>): ObserverSession {
      return new ObserverSession(context);
    }
  }
  return ObservingAttack;
}
