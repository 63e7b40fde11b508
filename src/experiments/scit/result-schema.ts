/**
 * The output contract: the JSON results of `paper`, `run` (`summary.json`, `--json`), `security`
 * (`security.json`, `--json`) and `sweep` (`sweep.json`), described once with zod. The published JSON
 * Schema (`schema/results.schema.json`, `scitsim schema --results`) is generated from it, and the tests
 * validate every command's output against it.
 *
 * Every result has `schemaVersion` (bumped when a key is renamed or removed) and `kind`; results per
 * strategy live under one `strategies` object keyed by name (names are letters, digits, `.`, `_`, `-`:
 * `STRATEGY_NAME`), so no metadata key can collide with a strategy; the same block has the same name in
 * every command: `settings` (every setting in force, defaults filled in; `settings.attack`,
 * `settings.security`), `warnings` (always present), `strategies`. Numbers that are NaN or ±∞ are
 * written as null.
 */
import { z } from 'zod';

/** The version of the result format. */
export const RESULT_SCHEMA_VERSION = 1;

const version = z.literal(RESULT_SCHEMA_VERSION).describe('version of the result format');
/** A number, or null for NaN / ±∞ (no value, or an infinite one). */
const num = z.number().nullable();
const interval = z.tuple([num, num]).describe('95% confidence interval [low, high]');
const byName = <T extends z.ZodType>(value: T) => z.record(z.string(), value);
const strategyName = z.string().regex(/^[A-Za-z0-9._-]+$/);

/** A mean (or ratio) with its 95% interval over seeds. */
export const estimateSchema = z.object({ mean: num, ci95: interval, count: z.number().int() }).strict();

/** A mean time to an event from possibly censored runs (`meanTimeToEvent`). */
export const meanTimeSchema = z
  .object({
    mean: num.describe('the estimate; a lower bound when lowerBound'),
    ci95: interval,
    runs: z.number().int(),
    failures: z.number().int(),
    censored: z.number().int().describe('runs that ended without the event (never dropped)'),
    estimator: z.enum(['mean', 'km-restricted-mean']),
    lowerBound: z
      .boolean()
      .describe('true: the Kaplan–Meier restricted mean stops short; the mean is at least this'),
    restrictedToSeconds: z.number().optional(),
    exponential: z.object({ mean: num, ci95: interval }).strict().optional(),
  })
  .strict();

/** How the runs under attack were made (`SecuritySettings`). */
export const securitySettingsSchema = z
  .object({
    seeds: z.number().int(),
    horizonSeconds: z.number(),
    windowSeconds: z.number(),
    stopWhen: z.enum(['never', 'system-failure', 'every-service-failed']),
    horizonBasis: z.enum(['every-service', 'system']),
    maxSwitches: z.number().int(),
    derivation: z.object({ seeds: z.string(), horizon: z.string(), window: z.string() }).strict(),
  })
  .strict();

const delaySchema = z
  .object({
    probability: num,
    probabilityCi95: interval,
    meanGivenDelaySeconds: num,
    meanGivenDelayCi95: interval,
    maxSeconds: num,
    meanRunMaxSeconds: num,
    meanRunMaxCi95: interval,
    delayedSwitches: z.number().int(),
    switches: z.number().int(),
  })
  .strict();

/** One strategy's results (`strategyJson`), with its request summary when there was one. */
export const strategyResultSchema = z
  .object({
    degradedCycleShare: byName(num),
    degradedRunShare: num,
    minLevel: byName(num),
    belowTarget: byName(z.object({ cycleShare: estimateSchema, timeShare: estimateSchema }).strict()),
    delay: delaySchema,
    maxExposureWindowSeconds: num,
    waitedSwitchShare: num,
    starvedRuns: z.number().int(),
    mttsf: z
      .object({ system: meanTimeSchema, services: byName(meanTimeSchema) })
      .strict()
      .optional(),
    availability: z
      .object({ system: estimateSchema, services: byName(estimateSchema) })
      .strict()
      .optional(),
    outagesPerEscape: z
      .object({ system: estimateSchema, services: byName(estimateSchema) })
      .strict()
      .optional(),
    belowMinimumShare: byName(estimateSchema).optional(),
    attacks: z
      .object({
        attempts: z.number().int(),
        lostAttempts: z.number().int(),
        escapes: z.number().int(),
        defeatedByRotation: z.number().int(),
        escapesPerRun: estimateSchema,
      })
      .strict()
      .optional(),
    longRuns: z
      .object({
        runs: z.number().int(),
        meanRunSeconds: num,
        meanWindowSeconds: num,
        starvedRuns: z.number().int(),
        delay: delaySchema,
        maxExposureWindowSeconds: num,
      })
      .strict()
      .optional(),
    requests: byName(z.record(z.string(), z.unknown()))
      .optional()
      .describe('per service: the request summary'),
  })
  .strict();

/** `paper` and `run`: the experiment's summary. */
export const experimentResultSchema = z
  .object({
    schemaVersion: version,
    kind: z.literal('experiment'),
    settings: z
      .object({
        seeds: z.number().int(),
        firstSeed: z.number().int(),
        cyclesPerRun: z.number().int().nullable().describe('null when runs had a horizon instead'),
        horizonSeconds: z.number().nullable(),
        requestsInSummary: z
          .literal(false)
          .describe('requests are off in the many-seed summary (they do not affect rotation)'),
        requestSeeds: z
          .object({ first: z.number().int(), count: z.number().int() })
          .strict()
          .describe('seeds run again with requests (count 0: none)'),
        attack: z.unknown().nullable().describe('the attack model’s parameters; null: no attacks'),
        security: securitySettingsSchema.nullable().describe('the runs under attack; null: no attacks'),
      })
      .strict(),
    targets: byName(z.number()),
    warnings: z.array(z.string()),
    strategies: z.record(strategyName, strategyResultSchema),
  })
  .strict();

const studyPointSchema = z
  .object({
    sweep: z.enum(['exposure', 'interval']),
    exposureSeconds: z.number(),
    effectiveExposureSeconds: num,
    meanIntervalSeconds: z.number(),
    strategy: strategyName,
    mttsf: meanTimeSchema,
    availability: estimateSchema,
    delayProbability: num,
    analyticMttsf: num.describe('null when no schedules were solved'),
    analyticStandardError: num,
    analyticMethod: z.enum(['exact', 'stages-extrapolated', 'none']),
    analyticThreeStageMttsf: num.describe(
      'the chain with 3 Erlang stages of a fixed R, before extrapolation',
    ),
    deviation: num,
    analyticInCi: z.boolean(),
  })
  .strict();

/** `security`: the study. */
export const securityStudyResultSchema = z
  .object({
    schemaVersion: version,
    kind: z.literal('security-study'),
    system: z.string(),
    settings: z
      .object({
        seedsPerPoint: z.number().int(),
        seedsPerPointDerivation: z.string(),
        presetSeeds: z.number().int(),
        exposures: z.array(z.number()),
        attackIntervals: z.array(z.number()),
        schedules: z.number().int(),
        schedulesDerivation: z.string(),
        gridStop: z.literal('system-failure'),
        attack: z.record(z.string(), z.unknown()),
        security: securitySettingsSchema.describe('the preset’s long runs'),
      })
      .strict(),
    targets: byName(z.number()),
    warnings: z.array(z.string()),
    strategies: z.record(strategyName, strategyResultSchema),
    points: z.array(studyPointSchema),
  })
  .strict();

/** `sweep.json`: the manifest of a sweep directory (other keys may follow in later versions). */
export const sweepManifestSchema = z
  .object({
    schemaVersion: version,
    kind: z.literal('sweep'),
    fingerprint: z.string(),
    shape: z
      .object({
        fingerprint: z.string(),
        parameters: z.array(z.object({ path: z.string(), values: z.array(z.unknown()) }).strict()),
        cells: z.number().int(),
        strategies: z.array(z.string()),
        seeds: z.number().int(),
        firstSeed: z.number().int(),
        metrics: z.array(z.string()),
      })
      .loose(),
    shard: z.object({ index: z.number().int(), count: z.number().int() }).strict().nullable(),
    cellsPresent: z.array(z.number().int()),
    metric: z.string(),
  })
  .loose();

/** Any result of a command. */
export const resultSchema = z.discriminatedUnion('kind', [
  experimentResultSchema,
  securityStudyResultSchema,
  sweepManifestSchema,
]);

/** The JSON Schema of results (what `schema/results.schema.json` holds). */
export function resultsJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(resultSchema, { io: 'output', unrepresentable: 'any' }),
    title: 'scitsim results',
    description:
      'JSON results of scitsim paper/run (kind "experiment"), security ("security-study") and sweep ' +
      '(sweep.json, "sweep"). NaN and ±∞ are null.',
  };
}
