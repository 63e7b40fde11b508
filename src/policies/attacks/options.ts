/**
 * Reading an attack model's options: defaults, unknown fields, and bad values named by their field
 * (`attack.escapeSeconds: must be a finite number of seconds > 0 (got 0)`), so a zero, negative or
 * NaN time never reaches the kernel. Also the two time distributions the models offer.
 */
import { ConfigError } from '../../core/errors.js';
import type { RandomStream } from '../../core/random.js';
import { checkLimit, SCIT_LIMITS } from '../../entities/scit/config-limits.js';

/** How a duration is drawn: always its mean (`fixed`), or exponentially distributed with that mean. */
export type TimeDistribution = 'fixed' | 'exponential';

export const TIME_DISTRIBUTIONS: readonly TimeDistribution[] = ['fixed', 'exponential'];

/** A duration of mean `meanSeconds` drawn as `distribution` says (fixed: no draw). */
export function drawSeconds(
  random: RandomStream,
  meanSeconds: number,
  distribution: TimeDistribution,
): number {
  return distribution === 'fixed' ? meanSeconds : random.exponential(meanSeconds);
}

/** Reads the fields of one options object; each problem is a `ConfigError` naming `<field>.<key>`. */
export class OptionReader {
  private readonly given: Record<string, unknown>;

  /**
   * @param options what the caller gave (an object; `undefined` or `{}` means every default).
   * @param known the valid field names, for the "unknown field" message.
   */
  constructor(
    options: unknown,
    private readonly field: string,
    known: readonly string[],
  ) {
    if (options === undefined) options = {};
    if (typeof options !== 'object' || options === null || Array.isArray(options))
      throw new ConfigError(field, options, 'must be an object of attack parameters');
    this.given = options as Record<string, unknown>;
    for (const key of Object.keys(this.given))
      if (!known.includes(key))
        throw new ConfigError(
          `${field}.${key}`,
          this.given[key],
          `unknown field; valid fields are: ${known.join(', ')}`,
        );
  }

  /** Whether `key` was given. */
  has(key: string): boolean {
    return this.given[key] !== undefined;
  }

  /** A time in seconds, > 0 and finite (default `fallback`). */
  seconds(key: string, fallback: number): number {
    return this.positive(key, fallback, 'must be a finite number of seconds > 0', true);
  }

  /** A plain number > 0 and finite (default `fallback`). */
  positiveNumber(key: string, fallback: number): number {
    return this.positive(key, fallback, 'must be a finite number > 0', false);
  }

  /** One of `TIME_DISTRIBUTIONS` (default `fallback`). */
  distribution(key: string, fallback: TimeDistribution): TimeDistribution {
    const value = this.given[key] ?? fallback;
    if (!TIME_DISTRIBUTIONS.includes(value as TimeDistribution))
      throw new ConfigError(
        `${this.field}.${key}`,
        value,
        `unknown distribution; valid values are: ${TIME_DISTRIBUTIONS.join(', ')}`,
      );
    return value as TimeDistribution;
  }

  private positive(key: string, fallback: number, reason: string, isTime: boolean): number {
    const value = this.given[key] ?? fallback;
    const at = `${this.field}.${key}`;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
      throw new ConfigError(at, value, reason);
    if (isTime) checkLimit(at, value, SCIT_LIMITS.seconds);
    return value;
  }
}
