/**
 * Analytic model (b): a numerical MTTSF of the *rotating* system — a Markov chain over the hosts'
 * compromise, driven by the rotation's own layout schedule.
 *
 * Without attacks, rotation is a deterministic sequence of layouts (attacks never change rotation
 * decisions): run the strategy once, attack-free, and record every switch; between two switches the
 * layout (Active VMs of service s on host h) is constant. Within such a phase the hosts form a
 * continuous-time Markov chain:
 * - host h is in state k ∈ {0 … K} (recovery clocks pending; compromised iff k > 0);
 * - successful escapes hit h at rate n_h · r, n_h its Active VMs in the phase and r the attack
 *   model's long-run rate of successful escapes per Active VM (`AttackModel.rates`: for `vm-escape`,
 *   P(escape finishes before its VM goes offline) / (A · N)); an escape adds a clock (k → k + 1, at
 *   most K);
 * - each clock runs out at rate 1/R̄ (k → k − 1): with exponential R that is exactly "a new escape
 *   extends the compromise to the later end" (the max of exponential clocks);
 * - a state is absorbing (a security failure) where some service has all of its hosts compromised —
 *   per phase, since the hosts of a service change at switches; a switch that moves a service onto
 *   compromised hosts fails the system at that instant.
 * The phases are solved one after the other by uniformization (the transient distribution and the
 * expected time alive in each phase), until the survival probability is below `tolerance`; the rest
 * is added as a geometric tail with the decay rate of the last half of the schedule.
 *
 * Assumptions (what is exact and what is not):
 * - exact for: exponential R, the recorded schedule (the strategy's, for `seed`), K large enough;
 * - approximate: escapes take effect when attempted, at the thinned rate n_h · r, instead of D later
 *   and only if their VM is still online then. As D → 0 this is exact; with D = 30 s against a
 *   22.5 s switch interval (the preset) it is not, and the deviation is measured (`scitsim security`
 *   prints it beside the simulation);
 * - fixed R is replaced by an exponential R of the same mean (an approximation; measured likewise).
 */
import { ConfigError } from '../../../core/errors.js';
import type { ResolvedScitConfig } from '../../../entities/scit/config.js';
import { ROTATION_STRATEGY } from '../../../entities/scit/rotation-strategy.js';
import { buildScitSystem } from '../../../entities/scit/scit-system.js';
import type { AttackRates } from '../../../policies/attacks/types.js';
import { RunScope } from '../../container.js';
import { initialActiveLayout, layoutFailureRates } from './hazard.js';

/** One phase of the rotation: a layout held from `startSeconds` for `durationSeconds`. */
export interface RotationPhase {
  readonly startSeconds: number;
  readonly durationSeconds: number;
  /** Active VMs of service s on host h. */
  readonly active: readonly (readonly number[])[];
}

/**
 * The attack-free layout schedule of the container's rotation strategy on `config`, from 0 to
 * `untilSeconds` (phases of zero length, several switches at one instant, included).
 */
export function rotationSchedule(
  container: Parameters<typeof RunScope.of>[0],
  config: ResolvedScitConfig,
  untilSeconds: number,
  seed: number | string = 1,
): RotationPhase[] {
  const scope = RunScope.of(container);
  const sim = scope.begin({ seed });
  const system = buildScitSystem(sim, config, scope.get(ROTATION_STRATEGY));
  const active = initialActiveLayout(config);
  const phases: RotationPhase[] = [];
  let start = 0;
  system.controller.switched.subscribe((record) => {
    phases.push({
      startSeconds: start,
      durationSeconds: record.timeSeconds - start,
      active: active.map((row) => row.slice()),
    });
    start = record.timeSeconds;
    active[record.service][record.fromHost]--;
    active[record.service][record.toHost]++;
  });
  sim.run({ until: untilSeconds });
  phases.push({ startSeconds: start, durationSeconds: untilSeconds - start, active });
  return phases;
}

/**
 * The mean time a VM stays Active under the container's strategy, measured on an attack-free schedule
 * of `switches` nominal switches: online VMs × time / switches. It is E when no switch waits; more
 * when cleansing cannot keep up (E < C × online / spares) and VMs wait for a spare.
 */
export function effectiveExposureSeconds(
  container: Parameters<typeof RunScope.of>[0],
  config: ResolvedScitConfig,
  switches = 400,
  seed: number | string = 1,
): number {
  const online = config.services.reduce((sum, s) => sum + s.required, 0);
  const schedule = rotationSchedule(container, config, (switches * config.exposureSeconds) / online, seed);
  const last = schedule[schedule.length - 1].startSeconds;
  // The first expiries are staggered over E from t = 0: count from the first switch on.
  const first = schedule.length > 1 ? schedule[1].startSeconds : 0;
  const counted = schedule.length - 2;
  return counted > 0
    ? Math.max(config.exposureSeconds, (online * (last - first)) / counted)
    : config.exposureSeconds;
}

/** Options of {@link rotatingMttsf}. */
export interface RotatingChainOptions {
  /** Recovery clocks per host (K, default 2: K = 3 changes the preset's values by < 0.1%). */
  maxClocks?: number;
  /** Stop the phase-by-phase solution once the survival probability is below this (default 1e-3; the rest is added as memoryless). */
  tolerance?: number;
  /** Seed of the attack-free schedule (default 1). */
  seed?: number | string;
  /** Which failure: the system's (default) or one service's (by index). */
  service?: number;
}

/** The rotating chain's MTTSF and how it was obtained. */
export interface RotatingMttsf {
  /** Mean time to the first security failure (seconds). */
  mttsf: number;
  /** Seconds of schedule solved phase by phase, its phases, and the survival probability at its end. */
  solvedSeconds: number;
  phases: number;
  survivalAtEnd: number;
  /** Share of the MTTSF that is the geometric tail beyond `solvedSeconds`. */
  tailShare: number;
  /** States of the host chain ((K + 1)^hosts). */
  states: number;
}

/** States beyond which the chain is refused. */
export const ROTATING_CHAIN_MAX_STATES = 4096;

/** Phases of schedule the solution may use at most (a bound on its cost). */
const MAX_PHASES = 2_000_000;

/**
 * The MTTSF of `config` rotated by the container's strategy, under escapes at `rates` (see the module
 * comment for the chain and its assumptions).
 */
export function rotatingMttsf(
  container: Parameters<typeof RunScope.of>[0],
  config: ResolvedScitConfig,
  rates: AttackRates,
  options: RotatingChainOptions = {},
): RotatingMttsf {
  const K = options.maxClocks ?? 2;
  if (!Number.isInteger(K) || K < 1) throw new ConfigError('maxClocks', K, 'must be an integer >= 1');
  const tolerance = options.tolerance ?? 1e-3;
  if (!(tolerance > 0 && tolerance < 1))
    throw new ConfigError('tolerance', tolerance, 'must be a number in (0, 1)');
  const r = rates.escapesPerActiveVmSecond;
  if (!(r >= 0) || !Number.isFinite(r))
    throw new ConfigError('escapesPerActiveVmSecond', r, 'must be a finite rate >= 0');
  const R = rates.recoverySeconds;
  if (!(R > 0) || !Number.isFinite(R)) throw new ConfigError('recoverySeconds', R, 'must be seconds > 0');
  const H = config.hostCount;
  const states = (K + 1) ** H;
  if (!(states <= ROTATING_CHAIN_MAX_STATES))
    throw new ConfigError(
      'hosts',
      H,
      `the rotating chain has (K+1)^hosts = ${states} states: more than ${ROTATING_CHAIN_MAX_STATES}`,
    );
  const service = options.service;
  if (r === 0)
    // No escape ever succeeds (e.g. a fixed escape time longer than E + G): no failure.
    return {
      mttsf: Number.POSITIVE_INFINITY,
      solvedSeconds: 0,
      phases: 0,
      survivalAtEnd: 1,
      tailShare: 0,
      states,
    };
  if (
    service !== undefined &&
    !(Number.isInteger(service) && service >= 0 && service < config.services.length)
  )
    throw new ConfigError('service', service, `must be a service index 0…${config.services.length - 1}`);
  // The first schedule: 10 × the quasi-stationary MTTSF of the initial layout, at most 1000 switches
  // (rotation usually fails sooner than the frozen initial layout), then 3 × longer each time.
  const estimate = layoutFailureRates(initialActiveLayout(config), r, R);
  const rate = service === undefined ? estimate.system : estimate.services[service];
  const online = config.services.reduce((sum, s) => sum + s.required, 0);
  const switchSeconds = config.exposureSeconds / online;
  let horizon = Math.min(rate > 0 ? 10 / rate : Number.POSITIVE_INFINITY, 1000 * switchSeconds);
  const solver = new PhaseSolver(H, K, r, R, service);
  for (;;) {
    const schedule = rotationSchedule(container, config, horizon, options.seed ?? 1);
    const result = solver.solve(schedule, tolerance);
    if (result !== undefined) return { ...result, states };
    if (schedule.length * 2 > MAX_PHASES)
      throw new ConfigError(
        'horizon',
        horizon,
        `the rotating chain did not reach survival ${tolerance} within ${MAX_PHASES} phases`,
      );
    horizon *= 3;
  }
}

/** The uniformized host chain of one layout (see `PhaseSolver.layoutChain`). */
interface LayoutChain {
  down: Uint8Array;
  q: number;
  start: Int32Array;
  column: Int32Array;
  value: Float64Array;
}

/** The chain's MTTSF averaged over the schedules of several seeds (rotation may be random). */
export interface AveragedRotatingMttsf {
  /** Mean over the schedules, and its standard error (0 when every schedule gave the same value). */
  mttsf: number;
  standardError: number;
  schedules: number;
  /** The per-schedule values. */
  values: number[];
}

/**
 * {@link rotatingMttsf} over the attack-free schedules of seeds 1 … `schedules`: a strategy that
 * breaks ties at random (the built-in ones do) rotates differently per seed, and the simulation's MTTSF
 * is the mean over seeds of the MTTSF given the schedule (attacks never change rotation).
 */
export function averagedRotatingMttsf(
  container: Parameters<typeof RunScope.of>[0],
  config: ResolvedScitConfig,
  rates: AttackRates,
  schedules: number,
  options: Omit<RotatingChainOptions, 'seed'> = {},
): AveragedRotatingMttsf {
  if (!Number.isInteger(schedules) || schedules < 1)
    throw new ConfigError('schedules', schedules, 'must be an integer >= 1');
  const scope = RunScope.of(container);
  const values = Array.from(
    { length: schedules },
    (_, i) => rotatingMttsf(scope, config, rates, { ...options, seed: i + 1 }).mttsf,
  );
  const mean = values.reduce((a, b) => a + b, 0) / schedules;
  const variance = schedules < 2 ? 0 : values.reduce((a, b) => a + (b - mean) ** 2, 0) / (schedules - 1);
  return { mttsf: mean, standardError: Math.sqrt(variance / schedules), schedules, values };
}

/** Solves the host chain phase by phase (the module comment). */
class PhaseSolver {
  private readonly states: number;
  /** Per host, the stride of its digit in a state's code. */
  private readonly stride: number[];
  private readonly clocks: Int8Array[];
  private readonly cache = new Map<string, LayoutChain>();

  constructor(
    private readonly hosts: number,
    private readonly K: number,
    private readonly r: number,
    private readonly R: number,
    private readonly service: number | undefined,
  ) {
    this.states = (K + 1) ** hosts;
    this.stride = Array.from({ length: hosts }, (_, h) => (K + 1) ** h);
    this.clocks = Array.from({ length: hosts }, (_, h) => {
      const digits = new Int8Array(this.states);
      for (let x = 0; x < this.states; x++) digits[x] = Math.floor(x / this.stride[h]) % (K + 1);
      return digits;
    });
  }

  /**
   * The uniformized chain of a layout (cached): the states in which some (or the chosen) service has
   * every host compromised, the uniformization rate q and U = I + T/q in compressed rows over the
   * other states (transitions into down states leave the chain).
   */
  private layoutChain(active: readonly (readonly number[])[]): LayoutChain {
    const key = active.map((row) => row.join(',')).join(';');
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const { states, hosts, K, r, R, stride, clocks } = this;
    const masks = active
      .map((row, s) => (this.service === undefined || s === this.service ? row : []))
      .map((row) => row.flatMap((count, h) => (count > 0 ? [h] : [])))
      .filter((set) => set.length > 0);
    const down = new Uint8Array(states);
    for (let x = 0; x < states; x++) if (masks.some((set) => set.every((h) => clocks[h][x] > 0))) down[x] = 1;
    const up = Array.from({ length: hosts }, (_, h) => active.reduce((sum, row) => sum + row[h], 0) * r);
    // q: the largest exit rate (an escape at K clocks adds none: a self-loop, not an exit).
    let q = 0;
    const out = new Float64Array(states);
    for (let x = 0; x < states; x++) {
      for (let h = 0; h < hosts; h++) {
        const k = clocks[h][x];
        if (k < K) out[x] += up[h];
        out[x] += k / R;
      }
      if (!down[x] && out[x] > q) q = out[x];
    }
    const start = new Int32Array(states + 1);
    const column: number[] = [];
    const value: number[] = [];
    for (let x = 0; x < states; x++) {
      start[x] = column.length;
      if (down[x] || q === 0) continue;
      column.push(x);
      value.push(1 - out[x] / q);
      for (let h = 0; h < hosts; h++) {
        const k = clocks[h][x];
        if (k < K && up[h] > 0 && !down[x + stride[h]]) {
          column.push(x + stride[h]);
          value.push(up[h] / q);
        }
        if (k > 0 && !down[x - stride[h]]) {
          column.push(x - stride[h]);
          value.push(k / R / q);
        }
      }
    }
    start[states] = column.length;
    const chain = { down, q, start, column: Int32Array.from(column), value: Float64Array.from(value) };
    this.cache.set(key, chain);
    return chain;
  }

  /**
   * The MTTSF over `schedule`, or undefined when the survival at its end is still too high for the
   * geometric tail.
   */
  solve(schedule: readonly RotationPhase[], tolerance: number): Omit<RotatingMttsf, 'states'> | undefined {
    const { states } = this;
    let p = new Float64Array(states);
    let next = new Float64Array(states);
    let term = new Float64Array(states);
    let work = new Float64Array(states);
    p[0] = 1;
    let mean = 0;
    let survival = 1;
    const end = schedule[schedule.length - 1];
    const total = end.startSeconds + end.durationSeconds;
    let halfSurvival = Number.NaN;
    let halfTime = 0;
    for (let i = 0; i < schedule.length; i++) {
      const phase = schedule[i];
      const { down, q, start, column, value } = this.layoutChain(phase.active);
      // A switch onto compromised hosts fails the system at that instant.
      survival = 0;
      for (let x = 0; x < states; x++) {
        if (down[x]) p[x] = 0;
        survival += p[x];
      }
      if (Number.isNaN(halfSurvival) && phase.startSeconds >= total / 2) {
        halfSurvival = survival;
        halfTime = phase.startSeconds;
      }
      if (survival < tolerance) {
        // What is left is below tolerance: add it as memoryless with the mean so far (error ≲ tolerance).
        const tail = (survival * mean) / (1 - survival);
        return {
          mttsf: mean + tail,
          solvedSeconds: phase.startSeconds,
          phases: i,
          survivalAtEnd: survival,
          tailShare: tail / (mean + tail),
        };
      }
      const tau = phase.durationSeconds;
      if (tau <= 0) continue;
      if (q === 0) {
        mean += survival * tau;
        continue;
      }
      // Uniformization: p(τ) = Σ_n Pois(n; qτ) p U^n, ∫₀^τ p(t) dt · 1 = (1/q) Σ_n P(N > n) ‖p U^n‖₁.
      const qt = q * tau;
      // Poisson weights in logs (e^{−qτ} underflows for long phases); stop once the rest is < 1e-12.
      let logWeight = -qt;
      let cumulative = 0;
      term.set(p);
      next.fill(0);
      let alive = 0;
      for (let n = 0; ; n++) {
        const w = Math.exp(logWeight);
        cumulative += w;
        let mass = 0;
        for (let x = 0; x < states; x++) {
          const v = term[x];
          next[x] += w * v;
          mass += v;
        }
        const rest = 1 - cumulative;
        if (rest <= 0 || (n > qt && rest * mass < 1e-12) || mass === 0) break;
        alive += rest * mass;
        // term ← term · U.
        work.fill(0);
        for (let x = 0; x < states; x++) {
          const v = term[x];
          if (v === 0) continue;
          for (let e = start[x]; e < start[x + 1]; e++) work[column[e]] += v * value[e];
        }
        const swap = term;
        term = work;
        work = swap;
        logWeight += Math.log(qt / (n + 1));
      }
      mean += alive / q;
      const swap = p;
      p = next;
      next = swap;
    }
    survival = 0;
    for (let x = 0; x < states; x++) survival += p[x];
    if (survival >= tolerance) {
      // Beyond the schedule: a geometric tail with the decay rate of its second half.
      if (!Number.isNaN(halfSurvival) && halfSurvival > survival && survival < 0.05) {
        const decay = Math.log(halfSurvival / survival) / (total - halfTime);
        const tail = survival / decay;
        return {
          mttsf: mean + tail,
          solvedSeconds: total,
          phases: schedule.length,
          survivalAtEnd: survival,
          tailShare: tail / (mean + tail),
        };
      }
      return undefined;
    }
    return {
      mttsf: mean,
      solvedSeconds: total,
      phases: schedule.length,
      survivalAtEnd: survival,
      tailShare: 0,
    };
  }
}
