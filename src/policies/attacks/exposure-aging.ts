/**
 * A second attack model (`exposure-aging`): compromise of each VM grows with its time online — the
 * assumption behind SCIT's "shorter exposure, longer time to security failure" (Huang, Arsenault and
 * Sood's SCIT papers; Nguyen and Sood's MTTSF models, where the compromise probability of a server
 * increases with its exposure window). Plugin rules as for `vm-escape`: kernel timers, the stream
 * `attack.exposure-aging`, the read-only view.
 *
 * Model: when a VM becomes Active it draws a time to compromise T from a Weibull distribution
 * (`scaleSeconds` λ, default 1800 s; `shape` k, default 2), P(T ≤ t) = 1 − exp(−(t/λ)^k): for k > 1 the
 * hazard grows with the time online (k = 1: a constant hazard). If the VM is still online (Active or
 * Grace) in the same activation at T, the attacker escapes into its host at once, which is compromised
 * for the recovery time R (`recoverySeconds`, 60 s; `recoveryDistribution` fixed or exponential),
 * extended to the later end as in `vm-escape`. Cleansing resets the clock: the next activation draws
 * a fresh T.
 */

import { injectable } from 'inversify';
import type { ZodType } from 'zod';
import type { RandomStream } from '../../core/random.js';
import type { Simulation } from '../../core/simulation.js';
import type { SwitchRecord } from '../../entities/scit/central-controller.js';
import { hasServiceExposures, onlineVmCount, type ResolvedScitConfig } from '../../entities/scit/config.js';
import type { ScitSystemView } from '../../entities/scit/scit-system.js';
import type { AttackContext, AttackModel, AttackRates } from './attack-model.js';
import { HostCompromises } from './host-compromises.js';
import {
  attackOptionsObject,
  attackSeconds,
  drawSeconds,
  parseAttackOptions,
  positiveNumber,
  type TimeDistribution,
  timeDistribution,
} from './options.js';

/** The parameters of `exposure-aging`, resolved. */
export interface ExposureAgingOptions {
  /** Weibull scale λ of the time online to compromise (seconds). */
  scaleSeconds: number;
  /** Weibull shape k (> 1: the hazard grows with time online). */
  shape: number;
  recoverySeconds: number;
  recoveryDistribution: TimeDistribution;
}

export const EXPOSURE_AGING_DEFAULTS: Readonly<ExposureAgingOptions> = Object.freeze({
  scaleSeconds: 1800,
  shape: 2,
  recoverySeconds: 60,
  recoveryDistribution: 'fixed',
});

/** The options `exposure-aging` accepts, defaults filled in by the schema. */
export const exposureAgingOptionsSchema = attackOptionsObject({
  scaleSeconds: attackSeconds(EXPOSURE_AGING_DEFAULTS.scaleSeconds).describe(
    'Weibull scale λ of the time online to compromise (seconds)',
  ),
  shape: positiveNumber(EXPOSURE_AGING_DEFAULTS.shape).describe(
    'Weibull shape k (> 1: the hazard grows with time online)',
  ),
  recoverySeconds: attackSeconds(EXPOSURE_AGING_DEFAULTS.recoverySeconds).describe(
    'R: (mean) time a compromised host stays compromised (seconds)',
  ),
  recoveryDistribution: timeDistribution(EXPOSURE_AGING_DEFAULTS.recoveryDistribution),
});

/** One run of the exposure-aging attack. */
export class ExposureAgingSession extends HostCompromises {
  private readonly activations: Int32Array;

  constructor(
    sim: Simulation,
    private readonly system: ScitSystemView,
    private readonly options: ExposureAgingOptions,
    private readonly random: RandomStream,
  ) {
    super(sim, system.config.hostCount);
    this.activations = new Int32Array(system.vmCount);
    for (let vm = 0; vm < system.vmCount; vm++) if (system.state(vm) === 'active') this.activated(vm);
    const onSwitch = (record: SwitchRecord): void => {
      this.activations[record.spareVm]++;
      this.activated(record.spareVm);
    };
    this.onStop(system.switched.subscribe(onSwitch, sim.hooks.finished));
  }

  /** `vm` became Active: its time to compromise starts now. */
  private activated(vm: number): void {
    const activation = this.activations[vm];
    const { scaleSeconds, shape } = this.options;
    const timeToCompromise = scaleSeconds * (-Math.log1p(-this.random.next())) ** (1 / shape);
    this.counts.attempts++;
    this.sim.schedule(timeToCompromise, () => {
      if (this.stopped) return;
      const state = this.system.state(vm);
      if ((state !== 'active' && state !== 'grace') || this.activations[vm] !== activation) {
        this.counts.defeatedByRotation++;
        return;
      }
      const { recoverySeconds, recoveryDistribution } = this.options;
      this.compromise(
        this.system.hostOf(vm),
        drawSeconds(this.random, recoverySeconds, recoveryDistribution),
      );
    });
  }
}

/** The exposure-aging attack as a plugin. Stateless; one per run. */
@injectable()
export class ExposureAgingAttack implements AttackModel<ExposureAgingOptions> {
  readonly name = 'exposure-aging';

  readonly optionsSchema: ZodType = exposureAgingOptionsSchema;

  resolveOptions(options: unknown, field: string): ExposureAgingOptions {
    return parseAttackOptions(exposureAgingOptionsSchema, options, field);
  }

  describe(options: ExposureAgingOptions): string {
    return (
      `Exposure aging: each VM, once Active, is compromised after a Weibull time online (scale ${options.scaleSeconds} s,` +
      `\nshape ${options.shape}: the hazard grows with time online); if it is still online then, its host is` +
      `\ncompromised for ${options.recoverySeconds} s${options.recoveryDistribution === 'fixed' ? '' : ' (exponential)'}. ` +
      'A service is down while every host with an Active VM of it is compromised.'
    );
  }

  start(context: AttackContext<ExposureAgingOptions>): ExposureAgingSession {
    return new ExposureAgingSession(context.sim, context.system, context.options, context.random);
  }

  /**
   * Per activation, P(T < E + G); one activation per E seconds per Active VM (a rotation without waits).
   * With per-service exposures, the mean over the online VMs: Σ_s (r_s / N) · P(T < E_s + G) / E_s.
   */
  rates(options: ExposureAgingOptions, config: ResolvedScitConfig): AttackRates {
    const perSecond = (exposureSeconds: number) => {
      const online = exposureSeconds + config.graceSeconds;
      return -Math.expm1(-((online / options.scaleSeconds) ** options.shape)) / exposureSeconds;
    };
    const vms = onlineVmCount(config);
    return {
      escapesPerActiveVmSecond: hasServiceExposures(config)
        ? config.services.reduce((sum, s) => sum + (s.required / vms) * perSecond(s.exposureSeconds), 0)
        : perSecond(config.exposureSeconds),
      recoverySeconds: options.recoverySeconds,
    };
  }
}
