/**
 * Analytic model (a): the MTTSF of a *static* placement (no rotation) under `vm-escape` with
 * exponential escape and recovery times, as an absorbing continuous-time Markov chain solved with
 * mathjs (sparse LU, `slu` + `lusolve`).
 *
 * The placement is the configuration's initial layout, frozen: n_h Active VMs on host h, N in all.
 * Attempts arrive at rate 1/A and pick a uniformly random Active VM, so host h is attempted at rate
 * n_h / (A·N); without rotation every attempt succeeds after its escape time D ~ Exp(mean D̄). A
 * compromise lasts R ~ Exp(mean R̄), and a new escape extends it to the later end: with exponential
 * times that is "the host stays compromised until all of its pending recovery clocks have run out".
 * So each host is a chain over (j, k) — j escapes in flight, k recovery clocks pending —
 *   (j, k) → (j+1, k) at rate n_h/(A·N),  (j, k) → (j−1, k+1) at rate j/D̄,  (j, k) → (j, k−1) at rate k/R̄,
 * the hosts move independently, h is compromised iff k_h > 0, and the chain is absorbed when a
 * service is down (every host of S_s compromised; per service: that service). The MTTSF from the
 * all-clear state solves (−Q_TT)·m = 1 over the transient states.
 *
 * Truncation: j ≤ J and k ≤ K per host (default 2 and 2); an attempt beyond J is dropped and an
 * escape beyond K adds no clock. With the preset's rates a host has on average ≈ 0.04 escapes in
 * flight and ≈ 0.08 clocks pending (M/M/∞ means), so P(j ≥ 3) ≈ 10⁻⁵ and P(k ≥ 3) ≈ 10⁻⁴;
 * `truncationCheck` solves the system's chain again with J + 1 and K + 1 and reports the relative
 * change (for the preset with exponential times: 0.16%).
 */
import type { Matrix } from 'mathjs';
import { ConfigError } from '../../core/errors.js';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import type { VmEscapeOptions } from '../../policies/attacks/vm-escape.js';
import { mathjs } from '../mathjs.js';
import { initialActiveLayout } from './hazard.js';

/** Truncation of the per-host chain. */
export interface StaticTruncation {
  /** Escapes in flight per host (J). */
  maxInFlight: number;
  /** Pending recovery clocks per host (K). */
  maxClocks: number;
}

/** The analytic MTTSF of a static placement. */
export interface StaticMttsf {
  /** Mean time to the first security failure (seconds), of the system and of each service. */
  system: number;
  services: Record<string, number>;
  /** States of the joint chain (all hosts), and the truncation used. */
  states: number;
  truncation: StaticTruncation;
}

/**
 * States beyond which the joint chain is too slow for mathjs's sparse LU (≈ 1 s per solve at 729
 * states — three hosts with J = K = 2 — and ≈ 5–10 s at 4096).
 */
export const STATIC_CTMC_MAX_STATES = 5000;

type SparseConstructor = new (data: {
  values: number[];
  index: number[];
  ptr: number[];
  size: [number, number];
}) => Matrix;

/** mathjs's SparseMatrix class (the bundle has it; its type definitions do not list it). */
function sparseMatrix(values: number[], index: number[], ptr: number[], size: number) {
  const SparseMatrix = (mathjs() as unknown as { SparseMatrix: SparseConstructor }).SparseMatrix;
  return new SparseMatrix({ values, index, ptr, size: [size, size] });
}

/**
 * The MTTSF of `config`'s initial layout, frozen, under `attack` (exponential escape and recovery
 * times only), of the system and (unless `perService` is false) of each service. Throws a
 * `ConfigError` for fixed times or a chain of more than {@link STATIC_CTMC_MAX_STATES} states.
 */
export function staticMttsf(
  config: ResolvedScitConfig,
  attack: VmEscapeOptions,
  truncation: StaticTruncation = { maxInFlight: 2, maxClocks: 2 },
  perService = true,
): StaticMttsf {
  if (attack.escapeDistribution !== 'exponential' || attack.recoveryDistribution !== 'exponential')
    throw new ConfigError(
      'attack',
      { escapeDistribution: attack.escapeDistribution, recoveryDistribution: attack.recoveryDistribution },
      'the static Markov model needs exponential escape and recovery times',
    );
  for (const key of ['maxInFlight', 'maxClocks'] as const)
    if (!Number.isInteger(truncation[key]) || truncation[key] < 1)
      throw new ConfigError(`truncation.${key}`, truncation[key], 'must be an integer >= 1');
  const layout = initialActiveLayout(config);
  const hosts = config.layout.map((_, h) => h).filter((h) => layout.some((row) => row[h] > 0));
  const { maxInFlight: J, maxClocks: K } = truncation;
  const perHost = (J + 1) * (K + 1);
  const states = perHost ** hosts.length;
  if (!(states <= STATIC_CTMC_MAX_STATES))
    throw new ConfigError(
      'hosts',
      hosts.length,
      `the static Markov model has (J+1)(K+1) = ${perHost} states per host with Active VMs: ` +
        `${states} is more than ${STATIC_CTMC_MAX_STATES}`,
    );
  const online = layout.flat().reduce((a, b) => a + b, 0);
  const attemptRates = hosts.map(
    (h) => layout.reduce((sum, row) => sum + row[h], 0) / (attack.meanIntervalSeconds * online),
  );
  // Per service, the positions (in `hosts`) of its hosts.
  const serviceHosts = layout.map((row) => hosts.flatMap((h, i) => (row[h] > 0 ? [i] : [])));
  const chain: Chain = { hostCount: hosts.length, J, K, perHost, states, attemptRates, attack };
  const names = config.services.map((s) => s.name);
  const solve = (down: (compromised: boolean[]) => boolean) => absorptionTime(chain, down);
  const serviceDown = (s: number) => (c: boolean[]) => serviceHosts[s].every((i) => c[i]);
  return {
    system: solve((c) => serviceHosts.some((_, s) => serviceDown(s)(c))),
    services: perService ? Object.fromEntries(names.map((name, s) => [name, solve(serviceDown(s))])) : {},
    states,
    truncation,
  };
}

/**
 * The system's MTTSF with J, K and again with J + 1, K + 1 (one solve each: the wider chain has
 * 4096 states for three hosts, seconds with mathjs), and their relative change.
 */
export function truncationCheck(
  config: ResolvedScitConfig,
  attack: VmEscapeOptions,
  truncation: StaticTruncation = { maxInFlight: 2, maxClocks: 2 },
): { system: number; widerSystem: number; relativeChange: number } {
  const system = staticMttsf(config, attack, truncation, false).system;
  const wider = { maxInFlight: truncation.maxInFlight + 1, maxClocks: truncation.maxClocks + 1 };
  const widerSystem = staticMttsf(config, attack, wider, false).system;
  return { system, widerSystem, relativeChange: Math.abs(system - widerSystem) / widerSystem };
}

interface Chain {
  hostCount: number;
  J: number;
  K: number;
  perHost: number;
  states: number;
  attemptRates: number[];
  attack: VmEscapeOptions;
}

/** Expected time to absorption from the all-clear state, absorbing where `down` holds. */
function absorptionTime(chain: Chain, down: (compromised: boolean[]) => boolean): number {
  const { hostCount, J, K, perHost, states, attemptRates, attack } = chain;
  const escapeRate = 1 / attack.escapeSeconds;
  const recoveryRate = 1 / attack.recoverySeconds;
  const digits = (code: number) => {
    const d = new Array<number>(hostCount);
    for (let h = hostCount - 1; h >= 0; h--) {
      d[h] = code % perHost;
      code = Math.floor(code / perHost);
    }
    return d;
  };
  const encode = (d: number[]) => d.reduce((code, x) => code * perHost + x, 0);
  // Transient states get consecutive indices.
  const index = new Int32Array(states).fill(-1);
  let transient = 0;
  for (let code = 0; code < states; code++) {
    const compromised = digits(code).map((x) => x % (K + 1) > 0);
    if (!down(compromised)) index[code] = transient++;
  }
  if (index[0] < 0) return 0;
  // A = −Q_TT, column by column (mathjs's compressed column storage): column `to` holds −q(from, to).
  const columns: Map<number, number>[] = Array.from({ length: transient }, () => new Map());
  for (let code = 0; code < states; code++) {
    const from = index[code];
    if (from < 0) continue;
    const d = digits(code);
    let out = 0;
    const move = (h: number, next: number, rate: number) => {
      if (rate === 0) return;
      out += rate;
      const e = d.slice();
      e[h] = next;
      const to = index[encode(e)];
      if (to >= 0 && to !== from) columns[to].set(from, (columns[to].get(from) ?? 0) - rate);
      else if (to === from) out -= rate;
    };
    for (let h = 0; h < hostCount; h++) {
      const j = Math.floor(d[h] / (K + 1));
      const k = d[h] % (K + 1);
      if (j < J) move(h, (j + 1) * (K + 1) + k, attemptRates[h]);
      if (j > 0) move(h, (j - 1) * (K + 1) + Math.min(K, k + 1), j * escapeRate);
      if (k > 0) move(h, j * (K + 1) + k - 1, k * recoveryRate);
    }
    columns[from].set(from, (columns[from].get(from) ?? 0) + out);
  }
  const values: number[] = [];
  const rows: number[] = [];
  const ptr: number[] = [0];
  for (const column of columns) {
    for (const row of [...column.keys()].sort((a, b) => a - b)) {
      rows.push(row);
      values.push(column.get(row) as number);
    }
    ptr.push(rows.length);
  }
  const A = sparseMatrix(values, rows, ptr, transient);
  const math = mathjs();
  const lu = math.slu(A, 0, 1);
  const m = math.lusolve(lu, math.ones(transient, 1) as Matrix) as Matrix;
  return m.get([index[0], 0]) as number;
}
