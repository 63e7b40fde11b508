import { InvalidArgumentError } from '@commander-js/extra-typings';
import { MAX_DECISION_TIMEOUT_SECONDS } from '../parallel/decision-timeout.js';
import type { Limit } from '../runs/run-limits.js';

/**
 * A commander argument parser for a whole number (decimal digits only: no `1e9`, no `0x10`) from
 * `min` up to `limit` (the library's own bound, so both agree); the error names the option.
 */
export function wholeNumber(name: string, min = 0, limit?: Limit) {
  return (text: string): number => {
    const value = Number(text);
    const range = limit === undefined ? `≥ ${min}` : `from ${min} to ${limit.max}`;
    if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < min)
      throw new InvalidArgumentError(
        `${name} must be a whole number ${range} (got ${JSON.stringify(text)}).`,
      );
    if (limit !== undefined && value > limit.max)
      throw new InvalidArgumentError(`${name} must be at most ${limit.max}: ${limit.why} (got ${text}).`);
    return value;
  };
}

/**
 * `--decision-timeout S`: seconds user code (loading a module, a constructor, one decision) may take
 * before the command stops it. The command's supervisor (bin/scitsim.mjs) applies it; a run of the
 * command in this thread (`scitsim(args)` in a test) is not watched.
 */
export const DECISION_TIMEOUT_OPTION = {
  flags: '--decision-timeout <seconds>',
  description: 'seconds a strategy may spend loading, in its constructor or on one decision',
  parse: wholeNumber('--decision-timeout', 1, {
    max: MAX_DECISION_TIMEOUT_SECONDS,
    why: 'an hour is the largest budget',
  }),
  default: 10,
} as const;
