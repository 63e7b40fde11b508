/**
 * The attack-model seam: an attack is a plugin bound to {@link ATTACK_MODEL}. It uses only kernel
 * timers, its own seeded stream and what it can read of the SCIT system; it never changes the engine
 * or the controllers. A researcher adds one with one class and one rebind:
 * `container.rebind(ATTACK_MODEL).to(MyAttack)`.
 */
import type { ServiceIdentifier } from 'inversify';
import { token } from '../../core/di.js';
import type { RandomStream } from '../../core/random.js';
import type { Simulation } from '../../core/simulation.js';
import type { ScitSystemView } from '../../entities/scit/scit-system.js';

/** What an attack model is given when a run starts. */
export interface AttackContext<O> {
  /** The run's simulation: for timers (`schedule`, `lane`) only. */
  readonly sim: Simulation;
  /** The SCIT system under attack, read-only: its VMs' states, the distribution table, its signals. */
  readonly system: ScitSystemView;
  /** The model's own stream (`attack.<name>`), so attacks never shift other streams. */
  readonly random: RandomStream;
  /** The model's parameters, as returned by {@link AttackModel.resolveOptions}. */
  readonly options: O;
}

/** Outcome of an attack for one service. */
export interface ServiceOutage {
  downSeconds: number;
  outages: number;
  /** Outages that began while only one host was compromised: a single success took the service down. */
  singleEscapeOutages: number;
}

/** What every attack session reports when it stops. */
export interface AttackReport {
  attempts: number;
  /** Attempts that succeeded (a host was compromised). */
  escapes: number;
  /** Attempts defeated because their VM had been rotated out in time. */
  defeatedByRotation: number;
  observedSeconds: number;
  /** Per service, in configuration order. */
  perService: ServiceOutage[];
}

/** A running attack. */
export interface AttackSession {
  /** Stops attacking and returns what happened up to now. */
  stop(): AttackReport;
}

/** An attack model (a plugin). One instance per run (bind it in transient scope). */
export interface AttackModel<O = unknown> {
  /** Short name used in outputs and as the stream name `attack.<name>`. */
  readonly name: string;
  /** Validates `options` and fills in defaults; throws a `ConfigError` naming `field`'s sub-field. */
  resolveOptions(options: unknown, field: string): O;
  /** One paragraph describing the attack with these options, for reports (lines of at most ~90 characters). */
  describe(options: O): string;
  /** Starts attacking. */
  start(context: AttackContext<O>): AttackSession;
}

/** DI token of the attack model (default: VM escape). */
export const ATTACK_MODEL: ServiceIdentifier<AttackModel> = token<AttackModel>('attacks.AttackModel');
