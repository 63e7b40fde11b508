/**
 * Analytic model (b): a numerical MTTSF of the *rotating* system — a Markov chain over the hosts'
 * compromise, driven by the rotation's own layout schedule.
 *
 * Without attacks, rotation is a deterministic sequence of layouts (attacks never change rotation
 * decisions): run the strategy once, attack-free, and record every switch; between two switches the
 * layout (Active VMs of service s on host h) is constant. Within such a phase the hosts form a
 * continuous-time Markov chain:
 * - host h is in state k ∈ {0 … K} (recovery clocks pending, or Erlang stages left of a fixed R;
 *   compromised iff k > 0);
 * - successful escapes land on h as a Poisson process: with `options.escape` (vm-escape's
 *   parameters), at the exact rate of escapes attempted D earlier on VMs of h that are still online
 *   ({@link landingSchedule}; the phases are split where that rate changes); without it, at the
 *   thinned rate n_h · r at once (r: `AttackModel.rates`, P(escape finishes in time) / (A · N)).
 *   An escape adds a clock (k → k + 1, at most K);
 * - each clock runs out at rate 1/R̄ (k → k − 1): with exponential R that is exactly "a new escape
 *   extends the compromise to the later end" (the max of exponential clocks);
 * - a state is absorbing (a security failure) where some service has all of its hosts compromised —
 *   per phase, since the hosts of a service change at switches; a switch that moves a service onto
 *   compromised hosts fails the system at that instant.
 * The phases are solved one after the other by uniformization (the transient distribution and the
 * expected time alive in each phase), until the survival probability is below `tolerance`; the rest
 * is added as a geometric tail with the decay rate of the last half of the schedule.
 *
 * Assumptions (what is exact and what is not), with `options.escape`:
 * - exact for: fixed D, exponential R, the recorded schedule (the strategy's for `seed`; the built-in
 *   strategies break ties at random, so `averagedRotatingMttsf` averages over seeds), K large enough
 *   (K = 2 vs 3: < 0.1% on the preset);
 * - exponential D: the landing rate varies continuously and is taken at the midpoint of pieces of at
 *   most D/2 (a small approximation);
 * - fixed R: the compromise ends R after the *last* escape, so each escape restarts it; modelled as
 *   K Erlang stages of R/K (default 3) restarted by every escape — exact as K → ∞, the approximation
 *   that remains for the preset, measured beside the simulation by `scitsim security` (at E = 60 s,
 *   conventional: chain 8530 s, 2000 simulated seeds 8446 s [8077, 8815]).
 */
import { ConfigError } from '../../core/errors.js';
import { RunScope } from '../../core/run-scope.js';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import { meanExposureSeconds, onlineVmCount } from '../../entities/scit/config.js';
import { resolveRotationStrategy, runDecisionObserver } from '../../entities/scit/rotation-strategy.js';
import { buildScitSystem } from '../../entities/scit/scit-system.js';
import type { AttackRates } from '../../policies/attacks/attack-model.js';
import type { VmEscapeOptions } from '../../policies/attacks/vm-escape.js';
import { initialActiveLayout, layoutFailureRates } from './hazard.js';

/** One phase of the rotation: a layout held from `startSeconds` for `durationSeconds`. */
export interface RotationPhase {
  readonly startSeconds: number;
  readonly durationSeconds: number;
  /** Active VMs of service s on host h. */
  readonly active: readonly (readonly number[])[];
  /** Successful escapes landing on each host per second in this phase (when the schedule gives them). */
  readonly landing?: readonly number[];
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
  return recordSchedule(container, config, untilSeconds, seed);
}

/**
 * Runs the container's strategy attack-free on `config` until `untilSeconds` and records its layout
 * phases; `watch` sees the system before the run (to follow more of it, e.g. activations).
 */
function recordSchedule(
  container: Parameters<typeof RunScope.of>[0],
  config: ResolvedScitConfig,
  untilSeconds: number,
  seed: number | string,
  watch?: (system: ReturnType<typeof buildScitSystem>) => void,
): RotationPhase[] {
  const scope = RunScope.of(container);
  const sim = scope.begin({ seed });
  const system = buildScitSystem(sim, config, resolveRotationStrategy(scope), {
    observer: runDecisionObserver(),
  });
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
  watch?.(system);
  sim.run({ until: untilSeconds });
  phases.push({ startSeconds: start, durationSeconds: untilSeconds - start, active });
  return phases;
}

/**
 * The schedule refined by when escapes land, for `vm-escape` with `attack`: an attempt on VM v
 * (Active from a_v to b_v, online until b_v + G) at time s lands at s + D on v's host iff
 * s + D ≤ b_v + G. Attempts are Poisson at rate 1/(A·N) per Active VM (N Active VMs), so landings on
 * host h are Poisson with rate
 *   λ_h(t) = (1/(A·N)) Σ_{v on h, a_v ≤ t ≤ b_v + G} [F_D(t − a_v) − F_D(t − min(t, b_v))],
 * F_D the distribution of D. For fixed D this is piecewise constant with breaks at a_v + D and
 * b_v + min(D, G), and the phases are split there: exact. For exponential D it varies continuously;
 * phases are split into pieces of at most D/2 and λ_h taken at each piece's midpoint.
 */
export function landingSchedule(
  container: Parameters<typeof RunScope.of>[0],
  config: ResolvedScitConfig,
  untilSeconds: number,
  attack: VmEscapeOptions,
  seed: number | string = 1,
): RotationPhase[] {
  // Activations: host, start, end (∞ while Active), in order of start.
  const host: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const layouts = recordSchedule(container, config, untilSeconds, seed, (system) => {
    const view = system.view;
    const current = new Int32Array(view.vmCount).fill(-1);
    const activate = (vm: number, time: number) => {
      current[vm] = host.length;
      host.push(view.hostOf(vm));
      from.push(time);
      to.push(Number.POSITIVE_INFINITY);
    };
    for (let vm = 0; vm < view.vmCount; vm++) if (view.state(vm) === 'active') activate(vm, 0);
    system.controller.switched.subscribe((record) => {
      to[current[record.expiredVm]] = record.timeSeconds;
      current[record.expiredVm] = -1;
      activate(record.spareVm, record.timeSeconds);
    });
  });

  const D = attack.escapeSeconds;
  const G = config.graceSeconds;
  const fixed = attack.escapeDistribution === 'fixed';
  const F = fixed ? (x: number) => (x >= D ? 1 : 0) : (x: number) => (x <= 0 ? 0 : -Math.expm1(-x / D));
  const online = onlineVmCount(config);
  const perAttempt = 1 / (attack.meanIntervalSeconds * online);
  // Breaks inside layout phases (fixed D): a_v + D and b_v + min(D, G).
  const breaks: number[] = [];
  if (fixed) {
    for (let i = 0; i < host.length; i++) {
      breaks.push(from[i] + D);
      if (Number.isFinite(to[i])) breaks.push(to[i] + Math.min(D, G));
    }
    breaks.sort((a, b) => a - b);
  }
  const phases: RotationPhase[] = [];
  let next = 0; // first activation not yet open
  let open: number[] = [];
  let b = 0;
  const hosts = config.hostCount;
  const rateAt = (m: number): number[] => {
    while (next < host.length && from[next] <= m) open.push(next++);
    open = open.filter((i) => to[i] + G >= m);
    const rates = new Array<number>(hosts).fill(0);
    for (const i of open) {
      const contribution = F(m - from[i]) - (m > to[i] ? F(m - to[i]) : 0);
      rates[host[i]] += contribution * perAttempt;
    }
    return rates;
  };
  for (const layout of layouts) {
    const s0 = layout.startSeconds;
    const s1 = s0 + layout.durationSeconds;
    if (s1 <= s0) {
      phases.push({ ...layout, landing: rateAt(s0) });
      continue;
    }
    const points = [s0];
    while (b < breaks.length && breaks[b] <= s0) b++;
    for (let c = b; c < breaks.length && breaks[c] < s1; c++)
      if (breaks[c] > points[points.length - 1]) points.push(breaks[c]);
    points.push(s1);
    for (let k = 0; k + 1 < points.length; k++) {
      const pieces = fixed ? 1 : Math.max(1, Math.ceil((points[k + 1] - points[k]) / (D / 2)));
      const width = (points[k + 1] - points[k]) / pieces;
      for (let piece = 0; piece < pieces; piece++) {
        const t0 = points[k] + piece * width;
        phases.push({
          startSeconds: t0,
          durationSeconds: width,
          active: layout.active,
          landing: rateAt(t0 + width / 2),
        });
      }
    }
  }
  return phases;
}

/**
 * The mean time a VM stays Active under the container's strategy, measured on an attack-free schedule
 * of `switches` nominal switches: online VMs × time / switches. It is E (with per-service exposures:
 * `meanExposureSeconds`, N / Σ r_s/E_s) when no switch waits; more when cleansing cannot keep up
 * (E < C × online / spares) and VMs wait for a spare.
 */
export function effectiveExposureSeconds(
  container: Parameters<typeof RunScope.of>[0],
  config: ResolvedScitConfig,
  switches = 400,
  seed: number | string = 1,
): number {
  const online = onlineVmCount(config);
  const nominal = meanExposureSeconds(config);
  const schedule = rotationSchedule(container, config, (switches * nominal) / online, seed);
  const last = schedule[schedule.length - 1].startSeconds;
  // The first expiries are staggered over E from t = 0: count from the first switch on.
  const first = schedule.length > 1 ? schedule[1].startSeconds : 0;
  const counted = schedule.length - 2;
  return counted > 0 ? Math.max(nominal, (online * (last - first)) / counted) : nominal;
}

/** Options of {@link rotatingMttsf}. */
export interface RotatingChainOptions {
  /**
   * Per host: recovery clocks (exponential R; default 2: 3 changes the preset's values by < 0.1%) or
   * Erlang stages of a fixed R (with `escape` and fixed R; default 3).
   */
  maxClocks?: number;
  /** Stop the phase-by-phase solution once the survival probability is below this (default 1e-3; the rest is added as memoryless). */
  tolerance?: number;
  /** Seed of the attack-free schedule (default 1). */
  seed?: number | string;
  /** Which failure: the system's (default) or one service's (by index). */
  service?: number;
  /**
   * `vm-escape`'s parameters: escapes then land D after their attempt, on VMs still online
   * ({@link landingSchedule}), instead of at once at the thinned rate `rates.escapesPerActiveVmSecond`.
   */
  escape?: VmEscapeOptions;
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

/** Numbers the cached phase matrices of one solver may hold at most (32 MB). */
const MAX_TRANSFER_NUMBERS = 4_000_000;

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
  solvers?: Map<string, PhaseSolver>,
): RotatingMttsf {
  // Fixed R (with vm-escape's parameters): the compromise ends R after the last escape, so every
  // escape restarts it — K Erlang stages of R/K each, restarted at each escape (exact as K → ∞).
  const stages = options.escape?.recoveryDistribution === 'fixed';
  const K = options.maxClocks ?? (stages ? 3 : 2);
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
  if (r === 0 && options.escape === undefined)
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
  const online = onlineVmCount(config);
  const switchSeconds = meanExposureSeconds(config) / online;
  let horizon = Math.min(rate > 0 ? 10 / rate : Number.POSITIVE_INFINITY, 1000 * switchSeconds);
  // Solvers (and their cached phase matrices) are shared by the schedules of one average.
  const solverKey = `${K}/${r}/${R}/${service}/${stages}`;
  const solver = solvers?.get(solverKey) ?? new PhaseSolver(H, K, r, R, service, stages);
  solvers?.set(solverKey, solver);
  for (;;) {
    const schedule =
      options.escape === undefined
        ? rotationSchedule(container, config, horizon, options.seed ?? 1)
        : landingSchedule(container, config, horizon, options.escape, options.seed ?? 1);
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
  key: string;
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
  const solvers = new Map<string, PhaseSolver>();
  const values = Array.from(
    { length: schedules },
    (_, i) => rotatingMttsf(scope, config, rates, { ...options, seed: i + 1 }, solvers).mttsf,
  );
  const mean = values.reduce((a, b) => a + b, 0) / schedules;
  const variance = schedules < 2 ? 0 : values.reduce((a, b) => a + (b - mean) ** 2, 0) / (schedules - 1);
  return { mttsf: mean, standardError: Math.sqrt(variance / schedules), schedules, values };
}

/** {@link averagedRotatingMttsf} with fixed R's Erlang stages extrapolated to infinitely many. */
export interface StageExtrapolatedMttsf extends AveragedRotatingMttsf {
  /**
   * `exact` (exponential R: no stages), or `stages-extrapolated`: with a fixed R, the chain with
   * K = 3 and K = 6 Erlang stages, extrapolated in 1/K to K → ∞ (per schedule: 2·m₆ − m₃).
   */
  method: 'exact' | 'stages-extrapolated';
  /** What the 3-stage chain alone would say (equal to `mttsf` when exact). */
  threeStageMttsf: number;
}

/**
 * The rotating chain's MTTSF averaged over `schedules` schedules, without the bias of approximating a
 * fixed R by K Erlang stages. The chain with K stages is m(K) ≈ m(∞) + c/K (the stages' variance is
 * R²/K): Richardson extrapolation from K = 3 and K = 6 gives m(∞) ≈ 2·m(6) − m(3), per schedule. On
 * the paper's system (redundancy-preserving) the 3-stage chain is +6% high at A = 60 s and +4.5% at
 * A = 100 s against tens of thousands of simulated seeds; the extrapolation from (3, 6) agrees with
 * the one from (6, 12) within 0.2% there and with those simulations within about 0.5%. With an
 * exponential R the chain is exact and solved once.
 */
export function stageExtrapolatedMttsf(
  container: Parameters<typeof RunScope.of>[0],
  config: ResolvedScitConfig,
  rates: AttackRates,
  schedules: number,
  options: Omit<RotatingChainOptions, 'seed' | 'maxClocks'> = {},
): StageExtrapolatedMttsf {
  const three = averagedRotatingMttsf(container, config, rates, schedules, options);
  if (options.escape?.recoveryDistribution !== 'fixed')
    return { ...three, method: 'exact', threeStageMttsf: three.mttsf };
  const six = averagedRotatingMttsf(container, config, rates, schedules, { ...options, maxClocks: 6 });
  const values = six.values.map((m6, i) => 2 * m6 - three.values[i]);
  const mean = values.reduce((a, b) => a + b, 0) / schedules;
  const variance = schedules < 2 ? 0 : values.reduce((a, b) => a + (b - mean) ** 2, 0) / (schedules - 1);
  return {
    mttsf: mean,
    standardError: Math.sqrt(variance / schedules),
    schedules,
    values,
    method: 'stages-extrapolated',
    threeStageMttsf: three.mttsf,
  };
}

/** Solves the host chain phase by phase (the module comment). */
class PhaseSolver {
  private readonly states: number;
  /** Per host, the stride of its digit in a state's code. */
  private readonly stride: number[];
  private readonly clocks: Int8Array[];
  private readonly cache = new Map<string, LayoutChain>();
  private readonly transfers = new Map<string, { matrix: Float64Array; alive: Float64Array }>();
  private readonly uses = new Map<string, number>();
  private readonly maxTransfers: number;
  private readonly term: Float64Array;
  private readonly work: Float64Array;

  constructor(
    private readonly hosts: number,
    private readonly K: number,
    private readonly r: number,
    private readonly R: number,
    private readonly service: number | undefined,
    /** Fixed R as K Erlang stages restarted by every escape (else: K exponential clocks). */
    private readonly stages = false,
  ) {
    this.states = (K + 1) ** hosts;
    this.maxTransfers = Math.floor(MAX_TRANSFER_NUMBERS / this.states ** 2);
    this.term = new Float64Array(this.states);
    this.work = new Float64Array(this.states);
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
  private layoutChain(phase: RotationPhase): LayoutChain {
    const active = phase.active;
    const landing = phase.landing;
    const key =
      active.map((row) => row.join(',')).join(';') +
      (landing === undefined ? '' : `|${landing.map((x) => x.toPrecision(12)).join(',')}`);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const { states, hosts, K, r, R, stride, clocks } = this;
    const masks = active
      .map((row, s) => (this.service === undefined || s === this.service ? row : []))
      .map((row) => row.flatMap((count, h) => (count > 0 ? [h] : [])))
      .filter((set) => set.length > 0);
    const down = new Uint8Array(states);
    for (let x = 0; x < states; x++) if (masks.some((set) => set.every((h) => clocks[h][x] > 0))) down[x] = 1;
    const up =
      landing ?? Array.from({ length: hosts }, (_, h) => active.reduce((sum, row) => sum + row[h], 0) * r);
    // q: the largest exit rate (an escape at K clocks adds none: a self-loop, not an exit).
    let q = 0;
    const out = new Float64Array(states);
    for (let x = 0; x < states; x++) {
      for (let h = 0; h < hosts; h++) {
        const k = clocks[h][x];
        if (k < K) out[x] += up[h];
        out[x] += this.stages ? (k > 0 ? K / R : 0) : k / R;
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
        // An escape adds a clock, or (fixed R as Erlang stages) restarts the compromise: k → K.
        const hit = x + (this.stages ? K - k : 1) * stride[h];
        if (k < K && up[h] > 0 && !down[hit]) {
          column.push(hit);
          value.push(up[h] / q);
        }
        if (k > 0 && !down[x - stride[h]]) {
          column.push(x - stride[h]);
          value.push((this.stages ? K / R : k / R) / q);
        }
      }
    }
    start[states] = column.length;
    const chain = { key, down, q, start, column: Int32Array.from(column), value: Float64Array.from(value) };
    // Landing rates that vary continuously (exponential D) make many one-off chains: keep the cache small.
    if (this.cache.size > 10_000) this.cache.clear();
    if (this.uses.size > 100_000) this.uses.clear();
    this.cache.set(key, chain);
    return chain;
  }

  /**
   * Uniformization over one phase: `out` ← p(τ) = Σ_n Pois(n; qτ) p U^n; returns the expected time
   * alive in the phase, ∫₀^τ p(t) dt · 1 = (1/q) Σ_n P(N > n) ‖p U^n‖₁.
   */
  private advance(p: Float64Array, chain: LayoutChain, tau: number, out: Float64Array): number {
    const { states } = this;
    const { q, start, column, value } = chain;
    let term = this.term;
    let work = this.work;
    const qt = q * tau;
    // Poisson weights in logs (e^{−qτ} underflows for long phases); stop once the rest is < 1e-12.
    let logWeight = -qt;
    let cumulative = 0;
    term.set(p);
    out.fill(0);
    let alive = 0;
    for (let n = 0; ; n++) {
      const w = Math.exp(logWeight);
      cumulative += w;
      let mass = 0;
      for (let x = 0; x < states; x++) {
        const v = term[x];
        out[x] += w * v;
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
    return alive / q;
  }

  /** The phase as a matrix: row x is p(τ) from state x, `alive[x]` the time alive from it. */
  private transferOf(chain: LayoutChain, tau: number): { matrix: Float64Array; alive: Float64Array } {
    const { states } = this;
    const matrix = new Float64Array(states * states);
    const alive = new Float64Array(states);
    const unit = new Float64Array(states);
    const row = new Float64Array(states);
    for (let x = 0; x < states; x++) {
      if (chain.down[x]) continue;
      unit.fill(0);
      unit[x] = 1;
      alive[x] = this.advance(unit, chain, tau, row);
      matrix.set(row, x * states);
    }
    return { matrix, alive };
  }

  /**
   * The MTTSF over `schedule`, or undefined when the survival at its end is still too high for the
   * geometric tail.
   */
  solve(schedule: readonly RotationPhase[], tolerance: number): Omit<RotatingMttsf, 'states'> | undefined {
    const { states } = this;
    let p = new Float64Array(states);
    let next = new Float64Array(states);
    p[0] = 1;
    let mean = 0;
    let survival = 1;
    const end = schedule[schedule.length - 1];
    const total = end.startSeconds + end.durationSeconds;
    let halfSurvival = Number.NaN;
    let halfTime = 0;
    for (let i = 0; i < schedule.length; i++) {
      const phase = schedule[i];
      const chain = this.layoutChain(phase);
      const { down, q } = chain;
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
      // A phase met often (same chain, same length) is applied as a cached matrix: p ← p·P, mean += p·a.
      // Lengths equal to 9 digits share a matrix (a relative error of 1e-9 in the phase length).
      const key = `${chain.key}|${tau.toPrecision(9)}`;
      let transfer = this.transfers.get(key);
      if (transfer === undefined) {
        const uses = (this.uses.get(key) ?? 0) + 1;
        this.uses.set(key, uses);
        if (uses >= this.states && this.transfers.size < this.maxTransfers) {
          transfer = this.transferOf(chain, tau);
          this.transfers.set(key, transfer);
        }
      }
      if (transfer !== undefined) {
        next.fill(0);
        const { matrix, alive } = transfer;
        for (let x = 0; x < states; x++) {
          const v = p[x];
          if (v === 0) continue;
          mean += v * alive[x];
          const row = x * states;
          for (let y = 0; y < states; y++) next[y] += v * matrix[row + y];
        }
      } else mean += this.advance(p, chain, tau, next);
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
