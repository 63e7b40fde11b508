/**
 * The security monitor: what host compromises mean for the services, the same for every attack model.
 * It watches the attack session's `compromiseChanged` signal and the SCIT view's `switched` signal
 * (the only moments at which a service's Active VMs move) and keeps, per service s and host h, the
 * Active VMs of s on h; from them, O(services) per compromise change and O(1) per switch:
 *
 * - s is **down** at t iff every host with an Active VM of s is compromised at t; a **security
 *   failure** is the first instant at which some service is down (per service: its first down instant);
 * - its **minimum guarantee** holds at t iff at least m_s Active VMs of s run on hosts that are not
 *   compromised (the attacker controls the others). Without attacks it cannot fail — rotation keeps
 *   r_s ≥ m_s Active VMs — so it is measured only here;
 * - within the measurement window [0, W]: down time and outages (down periods begun) per service and
 *   for the system (some service down), time below the minimum guarantee, and the successful escapes
 *   (the denominator of "outages per escape").
 *
 * The run may stop early, once the window has ended, at the system's first failure or when every
 * service has failed once (`stopWhen`), so that times to failure cost no more simulation than needed.
 */
import type { Simulation } from '../core/simulation.js';
import type { SwitchRecord } from '../entities/scit/central-controller.js';
import type { ScitSystemView } from '../entities/scit/scit-system.js';
import type { AttackSession, HostCompromiseChange } from '../policies/attacks/attack-model.js';

/** When a run under attack may stop (once the measurement window has ended). */
export type SecurityStop = 'never' | 'system-failure' | 'every-service-failed';

export const SECURITY_STOPS: readonly SecurityStop[] = ['never', 'system-failure', 'every-service-failed'];

export interface SecurityMonitorOptions {
  /** End of the measurement window W (seconds from 0); `Infinity`: the whole run. */
  windowSeconds: number;
  stopWhen: SecurityStop;
}

/** One service under attack, in one run. */
export interface ServiceSecurityReport {
  /** First instant the service was down; `undefined` if it never was in this run (censored). */
  firstFailureSeconds: number | undefined;
  /** In the window: seconds down, outages begun, seconds below the minimum guarantee. */
  downSeconds: number;
  outages: number;
  belowMinimumSeconds: number;
}

/** What the monitor reports for one run. */
export interface SecurityRunReport {
  /** When the run ended (a run without a failure is censored there). */
  endSeconds: number;
  /** Seconds of the window observed: min(W, end). */
  windowSeconds: number;
  /** The system's first security failure (`undefined`: none in this run). */
  firstFailureSeconds: number | undefined;
  /** In the window: seconds with some service down, and such periods begun. */
  systemDownSeconds: number;
  systemOutages: number;
  /** Successful escapes in the window. */
  escapes: number;
  /** Per service, in configuration order. */
  services: ServiceSecurityReport[];
  /** Whether the monitor ended the run (`stopWhen` reached). */
  stoppedRun: boolean;
}

export class SecurityMonitor {
  private readonly hostCount: number;
  /**
   * The counts, in one array (a monitor is made per run, and each typed array is an allocation): Active
   * VMs of service s on host h at `s * hostCount + h`, then per service (at `healthyHosts + s` …): the
   * hosts with an Active VM of it that are not compromised, such Active VMs, its minimum guarantee m_s,
   * whether it is down and whether it is below its minimum (1 or 0).
   */
  private readonly counts: Int32Array;
  private readonly healthyHosts: number;
  private readonly healthyActive: number;
  private readonly minimum: number;
  private readonly down: number;
  private readonly belowMinimum: number;
  private systemDown = false;
  private lastChange = 0;
  private readonly services: ServiceSecurityReport[];
  private firstFailure: number | undefined;
  private systemDownSeconds = 0;
  private systemOutages = 0;
  private failedServices = 0;
  private escapesInWindow: number | undefined;
  private stoppedRun = false;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly sim: Simulation,
    system: ScitSystemView,
    private readonly session: AttackSession,
    private readonly options: SecurityMonitorOptions,
  ) {
    const { config } = system;
    this.hostCount = config.hostCount;
    const serviceCount = config.services.length;
    this.healthyHosts = serviceCount * this.hostCount;
    this.healthyActive = this.healthyHosts + serviceCount;
    this.minimum = this.healthyActive + serviceCount;
    this.down = this.minimum + serviceCount;
    this.belowMinimum = this.down + serviceCount;
    const counts = new Int32Array(this.belowMinimum + serviceCount);
    this.counts = counts;
    for (let s = 0; s < serviceCount; s++) counts[this.minimum + s] = config.services[s].minimum;
    this.services = config.services.map(() => ({
      firstFailureSeconds: undefined,
      downSeconds: 0,
      outages: 0,
      belowMinimumSeconds: 0,
    }));
    for (let vm = 0; vm < system.vmCount; vm++)
      if (system.state(vm) === 'active') counts[system.service(vm) * this.hostCount + system.hostOf(vm)]++;
    for (let s = 0; s < serviceCount; s++) {
      for (let h = 0; h < this.hostCount; h++) {
        const count = counts[s * this.hostCount + h];
        if (count > 0 && !session.isCompromised(h)) {
          counts[this.healthyHosts + s]++;
          counts[this.healthyActive + s] += count;
        }
      }
      this.evaluate(s);
    }
    this.lastChange = sim.now;
    this.unsubscribe.push(
      system.switched.subscribe((record) => this.onSwitch(record), sim.hooks.finished),
      session.compromiseChanged.subscribe((change) => this.onCompromise(change), sim.hooks.finished),
    );
    const window = options.windowSeconds;
    if (Number.isFinite(window)) sim.scheduleAt(Math.max(window, sim.now), () => this.onWindowEnd());
  }

  private onSwitch(record: SwitchRecord): void {
    const { service: s, fromHost, toHost } = record;
    if (fromHost === toHost) return;
    this.account();
    const n = this.hostCount;
    const fromHealthy = !this.session.isCompromised(fromHost);
    const toHealthy = !this.session.isCompromised(toHost);
    const counts = this.counts;
    if (--counts[s * n + fromHost] === 0 && fromHealthy) counts[this.healthyHosts + s]--;
    if (counts[s * n + toHost]++ === 0 && toHealthy) counts[this.healthyHosts + s]++;
    if (fromHealthy) counts[this.healthyActive + s]--;
    if (toHealthy) counts[this.healthyActive + s]++;
    this.evaluate(s);
    this.evaluateSystem();
  }

  private onCompromise(change: HostCompromiseChange): void {
    this.account();
    const { host, compromised } = change;
    const n = this.hostCount;
    const sign = compromised ? -1 : 1;
    const counts = this.counts;
    for (let s = 0; s < this.services.length; s++) {
      const count = counts[s * n + host];
      if (count === 0) continue;
      counts[this.healthyHosts + s] += sign;
      counts[this.healthyActive + s] += sign * count;
      this.evaluate(s);
    }
    this.evaluateSystem();
  }

  /** Adds the time since the last change (within the window) to whatever is down. */
  private account(): void {
    const now = this.sim.now;
    const until = Math.min(now, this.options.windowSeconds);
    const elapsed = until - this.lastChange;
    if (elapsed > 0) {
      for (let s = 0; s < this.services.length; s++) {
        if (this.counts[this.down + s] === 1) this.services[s].downSeconds += elapsed;
        if (this.counts[this.belowMinimum + s] === 1) this.services[s].belowMinimumSeconds += elapsed;
      }
      if (this.systemDown) this.systemDownSeconds += elapsed;
    }
    this.lastChange = Math.max(this.lastChange, until);
  }

  private evaluate(s: number): void {
    const now = this.sim.now;
    const counts = this.counts;
    const down = counts[this.healthyHosts + s] === 0 ? 1 : 0;
    if (down === 1 && counts[this.down + s] === 0) {
      const service = this.services[s];
      if (now < this.options.windowSeconds) service.outages++;
      if (service.firstFailureSeconds === undefined) {
        service.firstFailureSeconds = now;
        this.failedServices++;
      }
    }
    counts[this.down + s] = down;
    counts[this.belowMinimum + s] = counts[this.healthyActive + s] < counts[this.minimum + s] ? 1 : 0;
  }

  private evaluateSystem(): void {
    let anyDown = false;
    for (let s = 0; s < this.services.length && !anyDown; s++) anyDown = this.counts[this.down + s] === 1;
    const now = this.sim.now;
    if (anyDown && !this.systemDown) {
      if (now < this.options.windowSeconds) this.systemOutages++;
      this.firstFailure ??= now;
    }
    this.systemDown = anyDown;
    this.stopIfDone();
  }

  private onWindowEnd(): void {
    this.account();
    this.escapesInWindow = this.session.report().escapes;
    this.stopIfDone();
  }

  private stopIfDone(): void {
    if (this.stoppedRun || this.sim.now < this.options.windowSeconds) return;
    const done =
      this.options.stopWhen === 'system-failure'
        ? this.firstFailure !== undefined
        : this.options.stopWhen === 'every-service-failed' && this.failedServices === this.services.length;
    if (done) {
      this.stoppedRun = true;
      this.sim.terminate();
    }
  }

  /** The report up to now (call when the run has ended); stops watching. */
  report(): SecurityRunReport {
    this.account();
    for (const off of this.unsubscribe) off();
    this.unsubscribe.length = 0;
    const now = this.sim.now;
    return {
      endSeconds: now,
      windowSeconds: Math.min(now, this.options.windowSeconds),
      firstFailureSeconds: this.firstFailure,
      systemDownSeconds: this.systemDownSeconds,
      systemOutages: this.systemOutages,
      escapes: this.escapesInWindow ?? this.session.report().escapes,
      services: this.services.map(copyServiceReport),
      stoppedRun: this.stoppedRun,
    };
  }
}

/** A copy of `s` (field by field, not a spread: V8 allocated the spread's copies in the old generation). */
function copyServiceReport(s: ServiceSecurityReport): ServiceSecurityReport {
  return {
    firstFailureSeconds: s.firstFailureSeconds,
    downSeconds: s.downSeconds,
    outages: s.outages,
    belowMinimumSeconds: s.belowMinimumSeconds,
  };
}
