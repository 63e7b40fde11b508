/**
 * The pieces of an attack model's options schema: times, positive numbers, distributions, and the
 * object that allows no other field. Each model declares its schema (`optionsSchema`) from them and
 * parses its options once with {@link parseAttackOptions}: defaults, unknown fields and bad values
 * named by their field (`attack.escapeSeconds: must be a finite number of seconds > 0 (got 0)`), every
 * problem at once, so a zero, negative or NaN time never reaches the kernel. Also the two time
 * distributions the models offer.
 */
import { z } from 'zod';
import { limitError, parseConfig } from '../../core/config-issues.js';
import type { RandomStream } from '../../core/random.js';
import { SCIT_LIMITS } from '../../entities/scit/config-limits.js';

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

const SECONDS = 'must be a finite number of seconds > 0';
const POSITIVE = 'must be a finite number > 0';

/** An attack time in seconds: > 0, finite, at most the time limit (with its reason); `fallback` when absent. */
export function attackSeconds(fallback: number) {
  return givenAttackSeconds().default(fallback);
}

/** {@link attackSeconds} without a default (absent stays absent). */
export function givenAttackSeconds() {
  return z
    .number({ error: SECONDS })
    .positive({ error: SECONDS })
    .max(SCIT_LIMITS.seconds.max, { error: limitError(SCIT_LIMITS.seconds) });
}

/** A plain number > 0 and finite. */
export function positiveNumber(fallback: number) {
  return z.number({ error: POSITIVE }).positive({ error: POSITIVE }).default(fallback);
}

/** One of {@link TIME_DISTRIBUTIONS}. */
export function timeDistribution(fallback: TimeDistribution) {
  return z
    .enum(['fixed', 'exponential'], {
      error: `unknown distribution; valid values are: ${TIME_DISTRIBUTIONS.join(', ')}`,
    })
    .default(fallback);
}

/** An attack model's options object: `fields`, no others (`undefined` means every default). */
export function attackOptionsObject<T extends z.ZodRawShape>(fields: T) {
  return z
    .object(fields, {
      error: (issue) =>
        issue.code === 'invalid_type' ? 'must be an object of attack parameters' : undefined,
    })
    .strict();
}

/**
 * Parses `options` with a model's schema once: its options with defaults filled in, or one
 * `ConfigError` listing every problem, each named `<field>.<key>` with its value.
 */
export function parseAttackOptions<S extends z.ZodType>(
  schema: S,
  options: unknown,
  field: string,
): z.output<S> {
  return parseConfig(schema, options === undefined ? {} : options, 'the attack options', field);
}
