/**
 * How a security study runs each seed: the horizon, the measurement window, when a run may stop, and
 * how many seeds — validated with the rest of the configuration, every default stated in `derivation`
 * (reports print it beside the numbers):
 *
 * - window W (availability, outages per escape): the time in which 100 successful escapes are
 *   expected, 100 / (Σ_s r_s · r), r the model's escapes per Active VM per second (`AttackModel.rates`);
 * - horizon H, by `horizonBasis`: `every-service` (the default here, and what `paper`/`run` use):
 *   max(W, 5 × the largest per-service MTTSF estimated for the initial layout by the quasi-stationary
 *   failure rates of `analytic/hazard.ts`) — a service's time to failure is then censored with
 *   probability ≈ e^{−5} ≈ 0.7% if that estimate is right; `system` (what `scitsim security` uses
 *   unless asked to run until every service fails): max(W, 5 × the estimated system MTTSF) — a service
 *   that rarely fails is then mostly censored at H, its MTTSF a Kaplan–Meier restricted mean flagged as
 *   a lower bound with the constant-hazard estimate beside it. A derived H is capped at the time of
 *   `maxSwitches` switches (default 100,000; the derivation says so when the cap applies), and W at H;
 *   a given H is never capped;
 * - stopWhen `every-service-failed`, so the MTTSF of each service is observed, not only the system's.
 *
 * A model without `rates` needs an explicit horizon (the window then defaults to the horizon).
 */

import { z } from 'zod';
import { initialActiveLayout, layoutFailureRates } from '../../analysis/ctmc/hazard.js';
import { limitError, parseConfig } from '../../core/config-issues.js';
import { ConfigError } from '../../core/errors.js';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import { meanExposureSeconds, onlineVmCount } from '../../entities/scit/config.js';
import type { AttackModel } from '../../policies/attacks/attack-model.js';
import { LIMITS } from '../../runs/run-limits.js';
import { SECURITY_STOPS, type SecurityStop } from '../../runs/security-monitor.js';

/** What a caller may set (every field optional). */
export interface SecuritySettingsInput {
  /** Seeds (runs) per strategy. */
  seeds?: number;
  horizonSeconds?: number;
  windowSeconds?: number;
  stopWhen?: SecurityStop;
  /** What the default horizon covers (see the module comment; default `every-service`). */
  horizonBasis?: HorizonBasis;
  /** Switches a derived horizon may cover at most (default 100,000). */
  maxSwitches?: number;
}

/** What a derived horizon is long enough for: every service's first failure, or the system's. */
export type HorizonBasis = 'every-service' | 'system';

/** The settings in force, defaults filled in. */
export interface SecuritySettings {
  seeds: number;
  horizonSeconds: number;
  windowSeconds: number;
  stopWhen: SecurityStop;
  /** What a derived horizon covers. */
  horizonBasis: HorizonBasis;
  /** The cap on a derived horizon, in switches. */
  maxSwitches: number;
  /** How each default was derived (for reports), or `given`. */
  derivation: { seeds: string; horizon: string; window: string };
}

/** Switches a default horizon may cover at most. */
export const MAX_DEFAULT_SWITCHES = 100_000;

/** Escapes expected in the default window. */
const WINDOW_ESCAPES = 100;

/** Multiple of the largest estimated per-service MTTSF in the default horizon. */
const HORIZON_MULTIPLE = 5;

const SECONDS = 'must be a finite number of seconds > 0';
const seconds = () =>
  z
    .number({ error: SECONDS })
    .positive({ error: SECONDS })
    .max(LIMITS.seconds.max, { error: limitError(LIMITS.seconds) });
const SEEDS = 'must be an integer >= 1';

/** What a caller may set (see {@link SecuritySettingsInput}): one schema, checked once. */
export const securitySettingsInputSchema = z
  .object(
    {
      seeds: z
        .number({ error: SEEDS })
        .int({ error: SEEDS })
        .min(1, { error: SEEDS })
        .max(LIMITS.seeds.max, { error: limitError(LIMITS.seeds) })
        .optional()
        .describe('seeds (runs) per strategy'),
      horizonSeconds: seconds().optional().describe('simulated seconds per run (default: derived)'),
      windowSeconds: seconds().optional().describe('measurement window (default: derived)'),
      stopWhen: z
        .enum(SECURITY_STOPS as [SecurityStop, ...SecurityStop[]], {
          error: `valid values are: ${SECURITY_STOPS.join(', ')}`,
        })
        .optional()
        .describe('when a run may stop (default every-service-failed)'),
      horizonBasis: z
        .enum(['every-service', 'system'], { error: 'valid values are: every-service, system' })
        .optional()
        .describe('what a derived horizon is long enough for (default every-service)'),
      maxSwitches: z
        .number({ error: SEEDS })
        .int({ error: SEEDS })
        .min(1, { error: SEEDS })
        .max(1e9, { error: 'must be ≤ 1000000000' })
        .optional()
        .describe('switches a derived horizon may cover at most (default 100000)'),
    },
    {
      error: (issue) =>
        issue.code === 'invalid_type'
          ? 'must be an object (seeds, horizonSeconds, windowSeconds, stopWhen, horizonBasis, maxSwitches)'
          : undefined,
    },
  )
  .strict();

/**
 * Validates `input` (once, with {@link securitySettingsInputSchema}: every problem at once) and fills
 * in the defaults for `model` with `attackOptions` on `config`. Each problem names `<field>.<key>`
 * and the value.
 */
export function resolveSecuritySettings<O>(
  input: SecuritySettingsInput,
  model: AttackModel<O>,
  attackOptions: O,
  config: ResolvedScitConfig,
  defaultSeeds: number,
  field = 'security',
  defaultSeedsText = 'default',
): SecuritySettings {
  const source = 'the security settings';
  const given = parseConfig(securitySettingsInputSchema, input, source, field);
  const seeds =
    given.seeds ??
    parseConfig(securitySettingsInputSchema.shape.seeds.unwrap(), defaultSeeds, source, `${field}.seeds`);
  const stopWhen = given.stopWhen ?? 'every-service-failed';
  const horizonBasis = given.horizonBasis ?? 'every-service';
  const maxSwitches = given.maxSwitches ?? MAX_DEFAULT_SWITCHES;
  const givenHorizon = given.horizonSeconds;
  const givenWindow = given.windowSeconds;
  const rates = model.rates?.(attackOptions, config);
  if (rates === undefined && givenHorizon === undefined)
    throw new ConfigError(
      `${field}.horizonSeconds`,
      undefined,
      `the attack model "${model.name}" gives no rates to derive a default from: give the horizon`,
    );
  const online = onlineVmCount(config);
  const cap = (maxSwitches * meanExposureSeconds(config)) / online;
  let window = givenWindow;
  let horizon = givenHorizon;
  const derivation = {
    seeds: given.seeds === undefined ? defaultSeedsText : 'given',
    horizon: 'given',
    window: 'given',
  };
  if (rates !== undefined) {
    const escapesPerSecond = online * rates.escapesPerActiveVmSecond;
    if (window === undefined) {
      window = Math.min(escapesPerSecond > 0 ? WINDOW_ESCAPES / escapesPerSecond : cap, horizon ?? cap, cap);
      derivation.window = `time of ${WINDOW_ESCAPES} expected successful escapes`;
    }
    if (horizon === undefined) {
      const estimate = layoutFailureRates(
        initialActiveLayout(config),
        rates.escapesPerActiveVmSecond,
        rates.recoverySeconds,
      );
      const meanTime = (rate: number) => (rate > 0 ? 1 / rate : Number.POSITIVE_INFINITY);
      const longest =
        horizonBasis === 'system' ? meanTime(estimate.system) : Math.max(...estimate.services.map(meanTime));
      horizon = Math.min(Math.max(window, HORIZON_MULTIPLE * longest), cap);
      const basis =
        horizonBasis === 'system'
          ? 'the system MTTSF estimated for the initial layout'
          : 'the largest per-service MTTSF estimated for the initial layout';
      derivation.horizon =
        horizon === cap
          ? `${HORIZON_MULTIPLE} × ${basis}, capped at ${maxSwitches} switches`
          : `${HORIZON_MULTIPLE} × ${basis}`;
    }
  }
  horizon = Math.ceil(horizon as number);
  window = Math.ceil(window ?? horizon);
  if (window > horizon)
    throw new ConfigError(`${field}.windowSeconds`, window, `must be ≤ the horizon (${horizon} s)`);
  return {
    seeds,
    horizonSeconds: horizon,
    windowSeconds: window,
    stopWhen,
    horizonBasis,
    maxSwitches,
    derivation,
  };
}
