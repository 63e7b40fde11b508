/**
 * The canonical VM-escape attack (`vm-escape`), as a plugin: kernel timers, its own seeded stream
 * (`attack.vm-escape`) and the read-only {@link ScitSystemView} (VM states and hosts, the controller's
 * `switched` signal, subscribed until the run finishes or `stop()`). It cannot change the engine or
 * the controllers — like SimGrid's chaos monkey.
 *
 * Model (defaults: the paper preset's, every one an option):
 * - Attempts arrive as one Poisson process for the whole system, mean interval A
 *   (`meanIntervalSeconds`, 300 s). Each targets a uniformly random Active VM at that instant; if there
 *   is none, the attempt is lost. (The Active VMs are kept in an index updated at every switch, so
 *   picking one is O(1).)
 * - An attempt needs an escape time D (`escapeSeconds`, 30 s; `escapeDistribution` `fixed` or
 *   `exponential` with that mean). It succeeds iff its VM is still online (Active or Grace) at t + D in
 *   the same activation: a VM cleansed in between defeats it, even if it is Active again by then.
 * - A successful escape compromises the VM's host for a recovery time R (`recoverySeconds`, 60 s;
 *   `recoveryDistribution` `fixed` or `exponential`); a compromise of a compromised host extends it to
 *   the later end. (`hostCompromiseSeconds`, the old name of R, is still accepted.)
 *
 * What the compromises mean for the services is measured by the experiment layer's security monitor.
 */

import { injectable } from 'inversify';
import type { ZodType } from 'zod';
import type { RandomStream } from '../../core/random.js';
import type { Simulation } from '../../core/simulation.js';
import type { SwitchRecord } from '../../entities/scit/central-controller.js';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import { hasServiceExposures, onlineVmCount } from '../../entities/scit/config.js';
import type { ScitSystemView } from '../../entities/scit/scit-system.js';
import type { AttackContext, AttackModel, AttackRates } from './attack-model.js';
import { HostCompromises } from './host-compromises.js';
import {
  attackOptionsObject,
  attackSeconds,
  drawSeconds,
  givenAttackSeconds,
  parseAttackOptions,
  type TimeDistribution,
  timeDistribution,
} from './options.js';

/** The parameters of `vm-escape`, resolved (see the module comment). */
export interface VmEscapeOptions {
  /** A: mean time between attempts on the whole system (seconds). */
  meanIntervalSeconds: number;
  /** D: (mean) time an attacker needs to escape from a VM into its host (seconds). */
  escapeSeconds: number;
  escapeDistribution: TimeDistribution;
  /** R: (mean) time a compromised host stays compromised (seconds). */
  recoverySeconds: number;
  recoveryDistribution: TimeDistribution;
}

/** What `vm-escape` accepts: any subset of {@link VmEscapeOptions}, or R by its old name. */
export type VmEscapeParameters = Partial<VmEscapeOptions> & {
  /** The old name of `recoverySeconds`. */
  hostCompromiseSeconds?: number;
};

/** The paper preset's values (A = 300 s, D = 30 s fixed, R = 60 s fixed): the defaults. */
export const VM_ESCAPE_DEFAULTS: Readonly<VmEscapeOptions> = Object.freeze({
  meanIntervalSeconds: 300,
  escapeSeconds: 30,
  escapeDistribution: 'fixed',
  recoverySeconds: 60,
  recoveryDistribution: 'fixed',
});

/** Name of the attacker's random stream. */
export const VM_ESCAPE_STREAM = 'attack.vm-escape';

/** The options `vm-escape` accepts (see the module comment), defaults filled in by the schema. */
export const vmEscapeOptionsSchema = attackOptionsObject({
  meanIntervalSeconds: attackSeconds(VM_ESCAPE_DEFAULTS.meanIntervalSeconds).describe(
    'A: mean time between attempts on the whole system (seconds)',
  ),
  escapeSeconds: attackSeconds(VM_ESCAPE_DEFAULTS.escapeSeconds).describe(
    'D: (mean) time an attacker needs to escape from a VM into its host (seconds)',
  ),
  escapeDistribution: timeDistribution(VM_ESCAPE_DEFAULTS.escapeDistribution),
  recoverySeconds: givenAttackSeconds()
    .optional()
    .describe('R: (mean) time a compromised host stays compromised (seconds)'),
  recoveryDistribution: timeDistribution(VM_ESCAPE_DEFAULTS.recoveryDistribution),
  hostCompromiseSeconds: givenAttackSeconds().optional().describe('the old name of recoverySeconds'),
}).superRefine((options, ctx) => {
  if (options.recoverySeconds !== undefined && options.hostCompromiseSeconds !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['hostCompromiseSeconds'],
      input: options.hostCompromiseSeconds,
      message: 'is the old name of recoverySeconds: give one of them',
    });
});

/** One run of the VM-escape attack. */
export class VmEscapeSession extends HostCompromises {
  /**
   * Per VM, in one array (a session is made per run): at `vm` the Active VMs (their ids in
   * `[0 … activeSize)`), at `vmCount + vm` each VM's position there (−1: not Active), at `2·vmCount + vm`
   * the times it has been activated (an escape fails if its VM was activated again since).
   */
  private readonly vms: Int32Array;
  private readonly position: number;
  private readonly activations: number;
  private activeSize = 0;

  /** @param random the attacker's stream (default: the simulation's `attack.vm-escape`). */
  constructor(
    sim: Simulation,
    private readonly system: ScitSystemView,
    private readonly options: VmEscapeOptions,
    private readonly random: RandomStream = sim.random(VM_ESCAPE_STREAM),
  ) {
    super(sim, system.config.hostCount);
    const vms = system.vmCount;
    this.vms = new Int32Array(3 * vms);
    this.position = vms;
    this.activations = 2 * vms;
    this.vms.fill(-1, this.position, this.activations);
    for (let vm = 0; vm < vms; vm++) if (system.state(vm) === 'active') this.addActive(vm);
    const onSwitch = (record: SwitchRecord): void => {
      this.removeActive(record.expiredVm);
      this.addActive(record.spareVm);
      this.vms[this.activations + record.spareVm]++;
    };
    this.onStop(system.switched.subscribe(onSwitch, sim.hooks.finished));
    this.scheduleNextAttempt();
  }

  private addActive(vm: number): void {
    this.vms[this.position + vm] = this.activeSize;
    this.vms[this.activeSize++] = vm;
  }

  private removeActive(vm: number): void {
    const vms = this.vms;
    const at = vms[this.position + vm];
    const last = vms[--this.activeSize];
    vms[at] = last;
    vms[this.position + last] = at;
    vms[this.position + vm] = -1;
  }

  private scheduleNextAttempt(): void {
    this.sim.schedule(this.random.exponential(this.options.meanIntervalSeconds), () => {
      if (this.stopped) return;
      this.attempt();
      this.scheduleNextAttempt();
    });
  }

  private attempt(): void {
    if (this.activeSize === 0) {
      this.counts.lostAttempts++;
      return;
    }
    const target = this.vms[this.random.int(0, this.activeSize - 1)];
    const activation = this.vms[this.activations + target];
    this.counts.attempts++;
    const { escapeSeconds, escapeDistribution } = this.options;
    this.sim.schedule(drawSeconds(this.random, escapeSeconds, escapeDistribution), () => {
      if (this.stopped) return;
      const state = this.system.state(target);
      if ((state !== 'active' && state !== 'grace') || this.vms[this.activations + target] !== activation) {
        this.counts.defeatedByRotation++;
        return;
      }
      const { recoverySeconds, recoveryDistribution } = this.options;
      this.compromise(
        this.system.hostOf(target),
        drawSeconds(this.random, recoverySeconds, recoveryDistribution),
      );
    });
  }
}

/**
 * Probability that an escape of duration D (fixed or exponential, mean `escapeSeconds`) finishes while
 * its VM is still online, if a random Active VM has a remaining Active time uniform on [0, E] and then
 * G seconds of Grace (a rotation without waits).
 */
export function escapeSuccessProbability(
  escapeSeconds: number,
  distribution: TimeDistribution,
  exposureSeconds: number,
  graceSeconds: number,
): number {
  const E = exposureSeconds;
  if (distribution === 'fixed') return 1 - Math.min(1, Math.max(0, (escapeSeconds - graceSeconds) / E));
  const d = escapeSeconds;
  return 1 - Math.exp(-graceSeconds / d) * (d / E) * -Math.expm1(-E / d);
}

/** The VM-escape attack as a plugin (the default binding of `ATTACK_MODEL`). Stateless; one per run. */
@injectable()
export class VmEscapeAttack implements AttackModel<VmEscapeOptions> {
  readonly name = 'vm-escape';

  readonly optionsSchema: ZodType = vmEscapeOptionsSchema;

  resolveOptions(options: unknown, field: string): VmEscapeOptions {
    const given = parseAttackOptions(vmEscapeOptionsSchema, options, field);
    return {
      meanIntervalSeconds: given.meanIntervalSeconds,
      escapeSeconds: given.escapeSeconds,
      escapeDistribution: given.escapeDistribution,
      recoverySeconds:
        given.hostCompromiseSeconds ?? given.recoverySeconds ?? VM_ESCAPE_DEFAULTS.recoverySeconds,
      recoveryDistribution: given.recoveryDistribution,
    };
  }

  describe(options: VmEscapeOptions): string {
    const kind = (distribution: TimeDistribution) => (distribution === 'fixed' ? '' : ' (exponential)');
    return (
      `VM escape: attempts every ${options.meanIntervalSeconds} s on average (Poisson) against a random Active VM;` +
      `\nan escape takes ${options.escapeSeconds} s${kind(options.escapeDistribution)} and fails if the VM is cleansed first;` +
      `\na successful one holds the host ${options.recoverySeconds} s${kind(options.recoveryDistribution)}. ` +
      'A service is down while every host\nwith an Active VM of it is compromised.'
    );
  }

  start(context: AttackContext<VmEscapeOptions>): VmEscapeSession {
    return new VmEscapeSession(context.sim, context.system, context.options, context.random);
  }

  /**
   * Attempts hit a uniformly random Active VM, so with per-service exposures the success probability is
   * the mean over the online VMs of each one's service's: Σ_s (r_s / N) · P(E_s).
   */
  rates(options: VmEscapeOptions, config: ResolvedScitConfig): AttackRates {
    const online = onlineVmCount(config);
    const success = (exposureSeconds: number) =>
      escapeSuccessProbability(
        options.escapeSeconds,
        options.escapeDistribution,
        exposureSeconds,
        config.graceSeconds,
      );
    const p = hasServiceExposures(config)
      ? config.services.reduce((sum, s) => sum + (s.required / online) * success(s.exposureSeconds), 0)
      : success(config.exposureSeconds);
    return {
      escapesPerActiveVmSecond: p / (options.meanIntervalSeconds * online),
      recoverySeconds: options.recoverySeconds,
    };
  }
}
