/**
 * The response times of a service's served requests, in bounded memory: every value is kept (in a
 * typed array, in return order) while there are at most `exactLimit` of them, so that the mean, p99
 * and max are exact, as before; past the limit the values are folded into a log-bucketed histogram
 * (buckets of relative width 2·10⁻⁴), whose p99 is within {@link RESPONSE_TIME_RELATIVE_ERROR} of
 * the exact one, while the count, sum and max stay exact. Memory then no longer grows with the
 * requests served: a run of 10⁷ requests holds a few thousand buckets, not 10⁷ numbers.
 */

/** Relative accuracy of a p99 read from the histogram (0.01%). */
export const RESPONSE_TIME_RELATIVE_ERROR = 1e-4;

/** Values kept exactly per run and service before the histogram takes over (8 MiB of doubles). */
export const RUN_EXACT_RESPONSE_TIMES = 1 << 20;

const GAMMA = (1 + RESPONSE_TIME_RELATIVE_ERROR) / (1 - RESPONSE_TIME_RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);
/** Times at or below this (seconds) count as zero in the histogram. */
const SMALLEST = 1e-9;
/** Times up to this (seconds, ~11.6 days) have their bucket in a typed array (~1.4 MB). */
const LARGEST_BUCKETED = 1e6;
const FIRST_INDEX = Math.ceil(Math.log(SMALLEST) / LOG_GAMMA);
const BUCKETS = Math.ceil(Math.log(LARGEST_BUCKETED) / LOG_GAMMA) - FIRST_INDEX + 1;

/** A sample of response times (see the module doc). */
export class ResponseTimes {
  private exact: Float64Array | undefined = new Float64Array(64);
  /** Counts per bucket index − {@link FIRST_INDEX} (created when the values spill). */
  private buckets: Float64Array | undefined;
  /** Values of more than {@link LARGEST_BUCKETED} seconds, by bucket index (a run of days: rare). */
  private beyond: Map<number, number> | undefined;
  private zeros = 0;
  private n = 0;
  private total = 0;
  private largest = Number.NEGATIVE_INFINITY;

  constructor(
    /** At most this many values are kept exactly (then the histogram). */
    readonly exactLimit: number = RUN_EXACT_RESPONSE_TIMES,
  ) {}

  /** Values added. */
  get count(): number {
    return this.n;
  }

  /** Sum of the values (in the order added). */
  get sum(): number {
    return this.total;
  }

  /** The largest value (−∞ when empty). */
  get max(): number {
    return this.largest;
  }

  /** The values in the order added while all are kept, else undefined (the histogram holds them). */
  values(): Float64Array | undefined {
    return this.exact?.subarray(0, this.n);
  }

  add(value: number): void {
    this.total += value;
    if (value > this.largest) this.largest = value;
    if (this.exact !== undefined && this.n < this.exactLimit) {
      if (this.n === this.exact.length) {
        const grown = new Float64Array(Math.min(this.exactLimit, this.exact.length * 2));
        grown.set(this.exact);
        this.exact = grown;
      }
      this.exact[this.n++] = value;
      return;
    }
    if (this.exact !== undefined) this.spill();
    this.bucket(value, 1);
    this.n++;
  }

  /** Adds every value of `other` (in its order while both are exact). */
  addAll(other: ResponseTimes): void {
    const values = other.values();
    if (values !== undefined && this.exact !== undefined && this.n + values.length <= this.exactLimit) {
      for (let i = 0; i < values.length; i++) this.add(values[i]);
      return;
    }
    if (this.exact !== undefined) this.spill();
    this.total += other.total;
    if (other.largest > this.largest) this.largest = other.largest;
    this.n += other.n;
    if (values !== undefined) for (let i = 0; i < values.length; i++) this.bucket(values[i], 1);
    else {
      this.zeros += other.zeros;
      const mine = this.buckets as Float64Array;
      const theirs = other.buckets as Float64Array;
      for (let i = 0; i < BUCKETS; i++) mine[i] += theirs[i];
      for (const [index, count] of other.beyond ?? []) this.beyondBucket(index, count);
    }
  }

  /**
   * The q-quantile from the histogram (linear interpolation between order statistics at q·(n − 1), as
   * the exact definition), within {@link RESPONSE_TIME_RELATIVE_ERROR}. Only once the values spilled.
   */
  estimatedQuantile(q: number): number {
    if (this.buckets === undefined) throw new Error('ResponseTimes: the values are exact; read them');
    if (this.n === 0) return 0;
    const rank = q * (this.n - 1);
    const low = Math.floor(rank);
    const fraction = rank - low;
    const left = this.orderStatistic(low);
    return fraction > 0 && low + 1 < this.n ? left + (this.orderStatistic(low + 1) - left) * fraction : left;
  }

  private orderStatistic(k: number): number {
    if (k < this.zeros) return 0;
    let seen = this.zeros;
    // The bucket's midpoint in relative terms: within α of every value in it.
    const midpoint = (index: number) => Math.min(this.largest, (2 * GAMMA ** index) / (GAMMA + 1));
    const buckets = this.buckets as Float64Array;
    for (let i = 0; i < BUCKETS; i++) {
      seen += buckets[i];
      if (k < seen) return midpoint(i + FIRST_INDEX);
    }
    for (const index of [...(this.beyond ?? new Map<number, number>()).keys()].sort((a, b) => a - b)) {
      seen += this.beyond?.get(index) ?? 0;
      if (k < seen) return midpoint(index);
    }
    return this.largest;
  }

  private spill(): void {
    const values = this.values() ?? new Float64Array(0);
    this.exact = undefined;
    this.buckets = new Float64Array(BUCKETS);
    for (let i = 0; i < values.length; i++) this.bucket(values[i], 1);
  }

  private bucket(value: number, count: number): void {
    if (value <= SMALLEST) {
      this.zeros += count;
      return;
    }
    const index = Math.ceil(Math.log(value) / LOG_GAMMA);
    if (value <= LARGEST_BUCKETED) (this.buckets as Float64Array)[index - FIRST_INDEX] += count;
    else this.beyondBucket(index, count);
  }

  private beyondBucket(index: number, count: number): void {
    this.beyond ??= new Map();
    this.beyond.set(index, (this.beyond.get(index) ?? 0) + count);
  }
}
