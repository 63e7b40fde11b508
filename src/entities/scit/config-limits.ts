/**
 * Upper bounds of a SCIT system's configuration, and why (checked by `resolveScitConfig`; the
 * run layer adds its own in `runs/run-limits.ts`). Every bound is given with its reason, so
 * a refused value says what it would have cost.
 */
import { ConfigError } from '../../core/errors.js';

/** A bound and the reason given when it is exceeded. */
export interface Limit {
  readonly max: number;
  readonly why: string;
}

/** Bounds of a SCIT configuration. */
export const SCIT_LIMITS = {
  seconds: { max: 1e9, why: 'times beyond ~30 years of simulated time are mistakes (and lose precision)' },
  hosts: { max: 100_000, why: 'a SCIT host costs a few hundred bytes and its VMs ~1 KB each' },
  vmsPerHost: { max: 1_000, why: 'VMs per host beyond 1000 are not a SCIT system' },
  vms: { max: 1_000_000, why: 'a SCIT VM costs ~1 KB with its records and timers' },
  services: { max: 256, why: 'metrics and tables have a column per service' },
} as const satisfies Record<string, Limit>;

/** Throws a `ConfigError` naming `field`, the value and the bound if `value` exceeds `limit`. */
export function checkLimit(field: string, value: number, limit: Limit): void {
  if (value > limit.max) throw new ConfigError(field, value, `must be ≤ ${limit.max} (${limit.why})`);
}
