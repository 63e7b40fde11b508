/**
 * Named, seeded random streams: independent xoshiro128** generators (Blackman & Vigna, 2018) seeded by
 * hashing the master seed with the stream's name, so draws on one stream never shift another.
 */
import { SimulationError } from './errors.js';

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
/** Mixes a 32-bit value (the finaliser of splitmix32). */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Hashes text into four well-mixed 32-bit words (never all zero). */
export function hashToState(text: string): [number, number, number, number] {
  let [a, b, c, d] = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
    c = Math.imul(c ^ code, 0x27d4eb2d);
    d = Math.imul(d ^ code, 0x165667b1);
    // Cross the lanes so that every input character affects every word.
    a = (a + d) | 0;
    b = (b ^ (a >>> 15)) | 0;
    c = (c + b) | 0;
    d = (d ^ (c >>> 13)) | 0;
  }
  const state: [number, number, number, number] = [mix32(a ^ text.length), mix32(b), mix32(c), mix32(d)];
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return state;
}

/** The error for a bad argument of `RandomStream.method`: what it needs and what it got. */
function badArgument(method: string, what: string, value: unknown): SimulationError {
  return new SimulationError('invalid-argument', `RandomStream.${method}: ${what} (got ${String(value)})`);
}

/** An independent, reproducible stream of random numbers. Obtain one with `Simulation.random(name)`. */
export class RandomStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | undefined;

  /** Same `name` and master `seed` ⇒ same sequence. */
  constructor(
    readonly name: string,
    readonly seed: number | string = 0,
  ) {
    [this.s0, this.s1, this.s2, this.s3] = hashToState(`${typeof seed}:${String(seed)}\u0000${name}`);
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / TWO_POW_53;
  }

  /** Uniform double in [min, max). */
  uniform(min: number, max: number): number {
    if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max))
      throw badArgument('uniform', 'needs finite min <= max', `${min}, ${max}`);
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, maxInclusive]. */
  int(min: number, maxInclusive: number): number {
    if (!(Number.isSafeInteger(min) && Number.isSafeInteger(maxInclusive) && min <= maxInclusive))
      throw badArgument('int', 'needs integers min <= maxInclusive', `${min}, ${maxInclusive}`);
    const span = maxInclusive - min + 1;
    if (span <= TWO_POW_32) {
      // Rejection sampling on 32 bits: exactly uniform.
      const limit = TWO_POW_32 - (TWO_POW_32 % span);
      let x = this.nextUint32();
      while (x >= limit) x = this.nextUint32();
      return min + (x % span);
    }
    return min + Math.floor(this.next() * span);
  }

  /** True with probability `p`. */
  bernoulli(p: number): boolean {
    if (!(p >= 0 && p <= 1)) throw badArgument('bernoulli', 'p must be in [0, 1]', p);
    return this.next() < p;
  }

  /** Exponential variate with the given MEAN (not rate). */
  exponential(mean: number): number {
    if (!(mean > 0 && Number.isFinite(mean)))
      throw badArgument('exponential', 'mean must be a positive finite number', mean);
    return -mean * Math.log(1 - this.next());
  }

  /** Normal variate (Box–Muller; the second value of each pair is kept for the next call). */
  normal(mean: number, sd: number): number {
    if (!(Number.isFinite(mean) && sd >= 0 && Number.isFinite(sd)))
      throw badArgument('normal', 'needs finite mean and sd >= 0', `${mean}, ${sd}`);
    let z = this.spareNormal;
    this.spareNormal = undefined;
    if (z === undefined) {
      const r = Math.sqrt(-2 * Math.log(1 - this.next())); // 1 − next() is in (0, 1]
      const angle = 2 * Math.PI * this.next();
      z = r * Math.cos(angle);
      this.spareNormal = r * Math.sin(angle);
    }
    return mean + sd * z;
  }

  /** Log-normal variate: exp of a normal with parameters `mu` and `sigma`. */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** A uniformly chosen element of a non-empty array. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw badArgument('choice', 'needs a non-empty array', 'length 0');
    return items[this.int(0, items.length - 1)];
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** A new stream derived from this one's identity and `name`, independent of this stream's draws. */
  fork(name: string): RandomStream {
    return new RandomStream(`${this.name}/${name}`, this.seed);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
