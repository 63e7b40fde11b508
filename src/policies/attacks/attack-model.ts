/**
 * The attack-model seam: an attack is a plugin bound to {@link ATTACK_MODEL}. It decides *how hosts get
 * compromised* — attempts, escapes, compromise and recovery — using only kernel timers, its own seeded
 * stream and what it can read of the SCIT system; it never changes the engine or the controllers.
 * *What a compromise means for the services* (outages, availability, the first security failure) is
 * the same for every model and is computed by the experiment layer's security monitor, which watches
 * the session's {@link AttackSession.compromiseChanged} signal and the SCIT view.
 *
 * A researcher adds a model with one class and one rebind, `container.rebind(ATTACK_MODEL).to(Mine)`;
 * {@link HostCompromises} does the compromise bookkeeping (and the signal) for it.
 */
import type { ServiceIdentifier } from 'inversify';
import type { ZodType } from 'zod';
import { token } from '../../core/di.js';
import type { RandomStream } from '../../core/random.js';
import type { Subscribable } from '../../core/signal.js';
import type { Simulation } from '../../core/simulation.js';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import type { ScitSystemView } from '../../entities/scit/scit-system.js';

/** What an attack model is given when a run starts. */
export interface AttackContext<O> {
  /** The run's simulation: for timers (`schedule`, `scheduleAt`, `lane`) only. */
  readonly sim: Simulation;
  /** The SCIT system under attack, read-only: its VMs' states, the distribution table, its signals. */
  readonly system: ScitSystemView;
  /** The model's own stream (`attack.<name>`), so attacks never shift other streams. */
  readonly random: RandomStream;
  /** The model's parameters, as returned by {@link AttackModel.resolveOptions}. */
  readonly options: O;
}

/** A host became compromised (`compromised: true`) or was restored; fired after the change. */
export interface HostCompromiseChange {
  readonly host: number;
  readonly compromised: boolean;
  readonly timeSeconds: number;
}

/** What an attack session counts. */
export interface AttackReport {
  /** Attempts made on a target (an Active VM). */
  attempts: number;
  /** Attempts that found no target (no Active VM at that instant): lost. */
  lostAttempts: number;
  /** Successful escapes: each compromised its host (or extended a compromise already there). */
  escapes: number;
  /** Attempts defeated because their VM was taken offline (cleansed) first. */
  defeatedByRotation: number;
  /** Seconds from the start of the attack to the last update (its `stop()`). */
  observedSeconds: number;
}

/**
 * A running attack: a read-only surface over which hosts are compromised, and its counters. The
 * security monitor and any other observer use only this.
 */
export interface AttackSession {
  /** Whether `host` is compromised now. */
  isCompromised(host: number): boolean;
  /** Fires after a host's compromise starts or ends (not when a compromise is merely extended). */
  readonly compromiseChanged: Subscribable<HostCompromiseChange>;
  /** Counters up to now. */
  report(): AttackReport;
  /** Stops attacking (pending escapes and recoveries are dropped) and returns the counters. */
  stop(): AttackReport;
}

/** An attack model (a plugin). One instance per run (bind it in transient scope). */
export interface AttackModel<O = unknown> {
  /** Short name used in outputs and as the stream name `attack.<name>`. */
  readonly name: string;
  /**
   * Optional: the zod schema of the options (the built-in models declare one, and parse with it in
   * `resolveOptions` through `parseAttackOptions`, so every problem is reported at once).
   */
  readonly optionsSchema?: ZodType;
  /**
   * Validates `options` and fills in defaults; throws a `ConfigError` naming `field`'s sub-field
   * (e.g. `attack.escapeSeconds`) and the value.
   */
  resolveOptions(options: unknown, field: string): O;
  /** One paragraph describing the attack with these options, for reports (lines of at most ~90 characters). */
  describe(options: O): string;
  /** Starts attacking. */
  start(context: AttackContext<O>): AttackSession;
  /**
   * Optional, for default horizons and the analytic models: the long-run rate of successful escapes
   * per Active VM (per second) and the mean time a compromised host stays so, under `config`'s
   * rotation. Models that cannot say omit it (then horizons must be given explicitly).
   */
  rates?(options: O, config: ResolvedScitConfig): AttackRates;
}

/** See {@link AttackModel.rates}. */
export interface AttackRates {
  /** Successful escapes per second per Active VM (its host is then compromised). */
  readonly escapesPerActiveVmSecond: number;
  /** Mean seconds a compromise lasts (recovery time). */
  readonly recoverySeconds: number;
}

/** DI token of the attack model (default: VM escape). */
export const ATTACK_MODEL: ServiceIdentifier<AttackModel> = token<AttackModel>('attacks.AttackModel');
