/**
 * A port of `java.util.Random`'s documented algorithm (a 48-bit linear congruential generator,
 * multiplier 0x5DEECE66D, addend 0xB), so that workloads drawn in CloudSim experiments can be drawn
 * identically here. The 48-bit state is kept as two exact 24-bit halves in doubles.
 *
 * Seeded with 42, `10000 + nextInt(90001)` gives 23770, 41459, 24946, 87741, 32604, … as in Java.
 */

const TWO_24 = 0x1000000;
const MULT_HI = 0x5de;
const MULT_LO = 0xece66d;
const ADDEND = 0xb;

/** `java.util.Random` with the same seed produces the same numbers. */
export class JavaRandom {
  private hi = 0;
  private lo = 0;

  /** @param seed a Java `long` seed; must be a safe integer (|seed| < 2^53) */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed))
      throw new RangeError(`JavaRandom seed must be a safe integer (got ${seed})`);
    this.setSeed(seed);
  }

  /** Java's `setSeed`: the state is `(seed XOR 0x5DEECE66D) mod 2^48`. */
  setSeed(seed: number): void {
    const big = (BigInt(seed) ^ 0x5deece66dn) & 0xffffffffffffn;
    this.hi = Number(big >> 24n);
    this.lo = Number(big & 0xffffffn);
  }

  /** Java's protected `next(bits)`: the top `bits` bits of the advanced state, as a signed 32-bit int. */
  next(bits: number): number {
    const product = this.lo * MULT_LO + ADDEND;
    const lo = product % TWO_24;
    const carry = Math.floor(product / TWO_24);
    const hi = (this.hi * MULT_LO + this.lo * MULT_HI + carry) % TWO_24;
    this.hi = hi;
    this.lo = lo;
    const state = hi * TWO_24 + lo;
    return Math.floor(state / 2 ** (48 - bits)) | 0;
  }

  /** Java's `nextInt(bound)`: uniform in [0, bound), `bound` a positive int. */
  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > 0x7fffffff) {
      throw new RangeError(`nextInt bound must be a positive 32-bit integer (got ${bound})`);
    }
    if ((bound & -bound) === bound) {
      return Number((BigInt(bound) * BigInt(this.next(31))) >> 31n);
    }
    let bits: number;
    let value: number;
    do {
      bits = this.next(31);
      value = bits % bound;
    } while (((bits - value + (bound - 1)) | 0) < 0);
    return value;
  }
}
