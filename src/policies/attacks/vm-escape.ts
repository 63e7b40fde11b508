/**
 * A VM-escape attacker, as a plugin: it only uses kernel timers (`sim.schedule`), its own seeded
 * stream (`attack.vm-escape`) and the read-only {@link ScitSystemView} of a SCIT system (the VMs'
 * state and host, the distribution table, the controller's `switched` signal, subscribed until the
 * run finishes or `stop()`). It cannot change the engine or the controllers — like SimGrid's chaos
 * monkey.
 *
 * Model (the paper's threat, made concrete):
 * - Attacks arrive as a Poisson process (mean gap `meanIntervalSeconds`); each targets a uniformly
 *   chosen Active VM — the online attack surface.
 * - Breaking out of the VM into the hypervisor takes `escapeSeconds`. If the VM has been taken offline
 *   (cleansed) by then — SCIT's defence — the escape fails; otherwise its host is compromised.
 * - A compromised host stays so for `hostCompromiseSeconds` (until it is restored). While it is, every
 *   Active VM on it is under the attacker's control ("down").
 * - A service is *down* while every host with an Active VM of it is compromised; with redundancy level
 *   L_s ≥ 2 one escape cannot take it down, with L_s = 1 it can.
 *
 * Results: per service, the down time, the number of outages and how many of them a single escape
 * caused (only one host compromised), from the attacker's start to `stop()`.
 */
import { injectable } from 'inversify';
import { ConfigError } from '../../core/errors.js';
import type { RandomStream } from '../../core/random.js';
import type { Simulation } from '../../core/simulation.js';
import type { SwitchRecord } from '../../entities/scit/central-controller.js';
import type { ScitSystemView } from '../../entities/scit/scit-system.js';
import type { AttackContext, AttackModel, AttackReport, AttackSession, ServiceOutage } from './types.js';

export interface VmEscapeOptions {
  /** Mean time between attack attempts (seconds). */
  meanIntervalSeconds: number;
  /** Time an attacker needs to escape from a VM into its host (seconds). */
  escapeSeconds: number;
  /** How long a compromised host stays compromised (seconds). */
  hostCompromiseSeconds: number;
}

/** What the VM-escape attacker reports (escapes: the VM was still online after `escapeSeconds`). */
export type VmEscapeReport = AttackReport;

/** Name of the attacker's random stream. */
export const VM_ESCAPE_STREAM = 'attack.vm-escape';

export class VmEscapeAttacker implements AttackSession {
  private readonly compromisedCount: Int32Array;
  private readonly down: boolean[];
  /** Times each VM has been activated; an escape fails if its VM was cleansed (re-activated) since. */
  private readonly activations: Int32Array;
  private readonly perService: ServiceOutage[];
  private lastChange: number;
  private readonly startedAt: number;
  private attempts = 0;
  private escapes = 0;
  private defeated = 0;
  private stopped = false;
  private readonly unsubscribe: () => void;

  /** @param random the attacker's stream (default: the simulation's `attack.vm-escape`). */
  constructor(
    private readonly sim: Simulation,
    private readonly system: ScitSystemView,
    private readonly options: VmEscapeOptions,
    private readonly random: RandomStream = sim.random(VM_ESCAPE_STREAM),
  ) {
    const hosts = system.config.hostCount;
    this.compromisedCount = new Int32Array(hosts);
    this.down = system.config.services.map(() => false);
    this.perService = system.config.services.map(() => ({
      downSeconds: 0,
      outages: 0,
      singleEscapeOutages: 0,
    }));
    this.activations = new Int32Array(system.vmCount);
    this.startedAt = sim.now;
    this.lastChange = sim.now;
    const onSwitch = (record: SwitchRecord): void => {
      this.activations[record.spareVm]++;
      this.update();
    };
    this.unsubscribe = system.switched.subscribe(onSwitch, sim.hooks.finished);
    this.scheduleNextAttack();
  }

  private scheduleNextAttack(): void {
    const stream = this.random;
    this.sim.schedule(stream.exponential(this.options.meanIntervalSeconds), () => {
      if (this.stopped) return;
      this.attack(stream.next());
      this.scheduleNextAttack();
    });
  }

  /** Targets the Active VM at position ⌊u · count⌋ among the Active VMs (in id order; O(VMs) per attack). */
  private attack(u: number): void {
    const system = this.system;
    const active: number[] = [];
    for (let vm = 0; vm < system.vmCount; vm++) if (system.state(vm) === 'active') active.push(vm);
    if (active.length === 0) return;
    const target = active[Math.floor(u * active.length)];
    const epoch = this.activations[target];
    this.attempts++;
    this.sim.schedule(this.options.escapeSeconds, () => {
      if (this.stopped) return;
      const state = system.state(target);
      if ((state !== 'active' && state !== 'grace') || this.activations[target] !== epoch) {
        this.defeated++;
        return;
      }
      this.escapes++;
      this.compromise(system.hostOf(target));
    });
  }

  private compromise(host: number): void {
    this.compromisedCount[host]++;
    this.update();
    this.sim.schedule(this.options.hostCompromiseSeconds, () => {
      this.compromisedCount[host]--;
      if (!this.stopped) this.update();
    });
  }

  /** Accounts the time since the last change and recomputes which services are down. */
  private update(): void {
    const now = this.sim.now;
    const table = this.system.table;
    const elapsed = now - this.lastChange;
    this.lastChange = now;
    let compromisedHosts = 0;
    for (let h = 0; h < table.hostCount; h++) if (this.compromisedCount[h] > 0) compromisedHosts++;
    for (let s = 0; s < this.down.length; s++) {
      if (this.down[s]) this.perService[s].downSeconds += elapsed;
      let healthyHost = false;
      for (let h = 0; h < table.hostCount && !healthyHost; h++)
        if (table.activeCount(s, h) > 0 && this.compromisedCount[h] === 0) healthyHost = true;
      if (!healthyHost && !this.down[s]) {
        this.perService[s].outages++;
        if (compromisedHosts === 1) this.perService[s].singleEscapeOutages++;
      }
      this.down[s] = !healthyHost;
    }
  }

  /** Stops attacking, unsubscribes from the system, and returns the report up to now. */
  stop(): VmEscapeReport {
    if (!this.stopped) {
      this.update();
      this.stopped = true;
      this.unsubscribe();
    }
    return {
      attempts: this.attempts,
      escapes: this.escapes,
      defeatedByRotation: this.defeated,
      observedSeconds: this.lastChange - this.startedAt,
      perService: this.perService.map((s) => ({ ...s })),
    };
  }
}

const VM_ESCAPE_FIELDS = ['meanIntervalSeconds', 'escapeSeconds', 'hostCompromiseSeconds'] as const;

/** The VM-escape attack as a plugin (the default binding of `ATTACK_MODEL`). Stateless; one per run. */
@injectable()
export class VmEscapeAttack implements AttackModel<VmEscapeOptions> {
  readonly name = 'vm-escape';

  resolveOptions(options: unknown, field: string): VmEscapeOptions {
    if (typeof options !== 'object' || options === null)
      throw new ConfigError(field, options, 'must be an object');
    const given = options as Record<string, unknown>;
    for (const key of Object.keys(given))
      if (!(VM_ESCAPE_FIELDS as readonly string[]).includes(key))
        throw new ConfigError(
          `${field}.${key}`,
          given[key],
          `unknown field; valid fields are: ${VM_ESCAPE_FIELDS.join(', ')}`,
        );
    const seconds = (key: (typeof VM_ESCAPE_FIELDS)[number]): number => {
      const value = given[key];
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
        throw new ConfigError(`${field}.${key}`, value, 'must be a finite number of seconds > 0');
      return value;
    };
    return {
      meanIntervalSeconds: seconds('meanIntervalSeconds'),
      escapeSeconds: seconds('escapeSeconds'),
      hostCompromiseSeconds: seconds('hostCompromiseSeconds'),
    };
  }

  describe(options: VmEscapeOptions): string {
    return (
      `VM escape (our addition): an attempt every ${options.meanIntervalSeconds} s on average against a random Active VM;` +
      `\nit takes ${options.escapeSeconds} s (defeated if the VM is rotated out first) and holds the host ${options.hostCompromiseSeconds} s.` +
      '\nA service is down while every host running it is compromised.'
    );
  }

  start(context: AttackContext<VmEscapeOptions>): VmEscapeAttacker {
    return new VmEscapeAttacker(context.sim, context.system, context.options, context.random);
  }
}
