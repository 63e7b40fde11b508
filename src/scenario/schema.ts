/**
 * The scenario-file schema (zod): what a scenario can say, with types, ranges and defaults. It is the
 * one description of the format — validation, defaults and the published JSON Schema
 * (`schema/scenario.schema.json`, for editor completion) all come from it.
 *
 * Two kinds: `scit` (a SCIT system, the strategies to compare, attacks, requests, seeds and cycles or a
 * horizon) and `cloudsim` (datacenters, hosts, brokers, VMs and cloudlets). Either may carry a `sweep`:
 * a grid of values at JSON paths (`"services[1].required": [1, 2, 3]`) for `scitsim sweep`.
 */
import { z } from 'zod';
import {
  scitConfigFields,
  scitServiceSchema,
  scitServicesSchema,
  withScitConfigRules,
} from '../entities/scit/config-schema.js';
import { serviceLoadFields, workloadVmFields } from '../entities/scit/request-workload.js';
import { securitySettingsInputSchema } from '../experiments/scit/security-settings.js';
import { LIMITS } from '../runs/run-limits.js';
import { sweepGridSchema } from './sweep-grid.js';

const positiveSeconds = z.number().positive().max(LIMITS.seconds.max);
const count = (max: number) => z.number().int().min(1).max(max);

/** A built-in name, or a class exported by a module file (path relative to the scenario file). */
export const pluginRefSchema = z.union(
  [
    z.string().min(1),
    z
      .object({
        file: z.string().min(1).describe('a .ts, .mts or .js module, relative to the scenario file'),
        export: z.string().min(1).optional().describe('the exported class (default: the only matching one)'),
      })
      .strict(),
  ],
  { error: 'must be a built-in name or {"file": "my.ts", "export": "ClassName"}' },
);

/** A service of a scenario: the SCIT configuration's, with its client load (the workload's fields). */
const serviceSchema = scitServiceSchema.extend({
  requests: z
    .object({
      ratePerSecond: serviceLoadFields.ratePerSecond,
      meanLengthMi: serviceLoadFields.meanLengthMi,
    })
    .strict()
    .optional()
    .describe('client load of this service (none when omitted: the run says so)'),
});

const settings = securitySettingsInputSchema.shape;
const secondsList = (what: string) =>
  z.array(positiveSeconds).min(1).max(100).optional().describe(`${what} (s)`);

/**
 * How the security summaries run (`run`: the summary under attack; `security`: the study). Every field
 * is optional; the defaults that apply are printed in each report's header and written under
 * `settings` in its JSON.
 */
export const securityScenarioSchema = z
  .object({
    seeds: settings.seeds.describe(
      'seeds per strategy: of the summary under attack (run; default min(seeds, 200)) and of each grid point (security; default 200)',
    ),
    presetSeeds: settings.seeds.describe(
      'security: seeds of the full summary at the scenario’s own E and attack interval (default 400)',
    ),
    horizonSeconds: settings.horizonSeconds.describe(
      'simulated seconds per run of the summary (default: derived, see horizonBasis; never capped when given)',
    ),
    windowSeconds: settings.windowSeconds.describe(
      'measurement window of availability and outages (default: the time of 100 expected successful escapes)',
    ),
    stop: settings.stopWhen.describe(
      'when a run of the summary may stop before the horizon (default every-service-failed)',
    ),
    horizonBasis: settings.horizonBasis.describe(
      'what a derived horizon is long enough for: every-service (5 × the largest per-service MTTSF estimate: ' +
        'run, paper) or system (5 × the system MTTSF estimate, rarely failing services censored: security)',
    ),
    maxSwitches: settings.maxSwitches.describe(
      'switches a derived horizon may cover at most (default 100000)',
    ),
    exposures: secondsList(
      'security: exposure times E of the first grid line (default 30, 60, 120, 180, 300, 600)',
    ),
    attackIntervals: secondsList(
      'security: mean attack intervals A of the second grid line (default 60, 120, 300, 600)',
    ),
    schedules: z
      .number()
      .int()
      .min(0)
      .max(LIMITS.seeds.max)
      .optional()
      .describe(
        'security: rotation schedules the Markov chain averages over (default 10; 0 when the chain has more than 256 states; 0: no chain)',
      ),
  })
  .strict();

/** A SCIT scenario: a SCIT configuration (its schema and rules, `entities/scit/config-schema.ts`) and how to run it. */
export const scitScenarioSchema = withScitConfigRules(
  z
    .object({
      $schema: z.string().optional(),
      kind: z.literal('scit'),
      name: z.string().min(1).optional().describe('how reports name the system'),
      ...scitConfigFields,
      services: scitServicesSchema(serviceSchema),
      strategies: z
        .array(pluginRefSchema)
        .min(1)
        .default(['conventional', 'redundancy-preserving'])
        .describe('rotation strategies to compare: built-in names or {file, export}'),
      allocation: pluginRefSchema
        .default('simple')
        .describe(
          'VM allocation policy: without a layout it places each VM, created for its first role, and so decides the initial layout (e.g. service-aware)',
        ),
      attack: z
        .union(
          [
            z.null(),
            z
              .object({ model: pluginRefSchema.default('vm-escape') })
              .catchall(z.unknown())
              .describe('the attack model and its parameters (checked by the model); null: no attacks'),
          ],
          { error: 'must be null (no attacks) or an object: {"model": "vm-escape", …its parameters}' },
        )
        .default(null),
      requests: z
        .object({
          vmMips: workloadVmFields.vmMips.default(1000),
          queueCapacity: workloadVmFields.queueCapacity.default(100),
          seeds: z
            .number()
            .int()
            .min(0)
            .max(LIMITS.seeds.max)
            .optional()
            .describe(
              'seeds of the summary run again with client requests (default min(seeds, 20); 0: none; ' +
                'none either when no service has requests)',
            ),
        })
        .strict()
        .default({ vmMips: 1000, queueCapacity: 100 }),
      seeds: count(LIMITS.seeds.max)
        .default(1000)
        .describe('runs per strategy: seeds firstSeed, firstSeed + 1, …'),
      firstSeed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1)
        .default(1),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1)
        .default(1)
        .describe('seed of the single run with figures'),
      cycles: count(LIMITS.cycles.max).optional().describe('clock cycles per run (default 30)'),
      horizonSeconds: positiveSeconds.optional().describe('simulated seconds per run, instead of cycles'),
      output: z
        .object({
          dir: z
            .string()
            .min(1)
            .optional()
            .describe(
              'output directory, relative to the scenario file (default out/scenario; --out overrides it)',
            ),
        })
        .strict()
        .default({}),
      security: securityScenarioSchema
        .optional()
        .describe(
          'how the security summaries run (scitsim run, scitsim security); defaults printed with the results',
        ),
      sweep: sweepGridSchema.optional(),
    })
    .strict(),
).refine((s) => s.cycles === undefined || s.horizonSeconds === undefined, {
  message: 'give cycles or horizonSeconds, not both',
  path: ['horizonSeconds'],
});

const hostSchema = z
  .object({
    pes: count(1024),
    mipsPerPe: z.number().positive().max(1e9),
    ramMb: z.number().min(0).max(1e12),
    bwMbps: z.number().min(0).max(1e12).default(10000),
    storageMb: z.number().min(0).max(1e15).default(1_000_000),
    vmScheduler: z.enum(['time-shared', 'space-shared']).optional().describe('default: the container’s'),
    count: count(LIMITS.hosts.max).default(1).describe('identical hosts'),
  })
  .strict();

const vmSchema = z
  .object({
    count: count(1_000_000).default(1),
    mips: z.number().positive().max(1e9),
    pes: count(1024).default(1),
    ramMb: z.number().min(0).max(1e12),
    bwMbps: z.number().min(0).max(1e12).default(1000),
    sizeMb: z.number().min(0).max(1e15).default(10000),
  })
  .strict();

const cloudletSchema = z
  .object({
    count: count(10_000_000).default(1),
    lengthMi: z.number().int().min(1).max(1e12),
    pes: count(1024).default(1),
    vm: z.number().int().min(0).optional().describe('bind to this VM (index in the broker’s VM list)'),
  })
  .strict();

/** A CloudSim scenario: datacenters of hosts, brokers with VMs and cloudlets (ids in list order). */
export const cloudsimScenarioSchema = z
  .object({
    $schema: z.string().optional(),
    kind: z.literal('cloudsim'),
    name: z.string().min(1).optional(),
    allocation: pluginRefSchema.default('simple'),
    vmScheduler: z.enum(['time-shared', 'space-shared']).default('time-shared'),
    cloudletScheduler: z.enum(['time-shared', 'time-shared-general', 'space-shared']).default('time-shared'),
    datacenters: z
      .array(
        z
          .object({
            name: z.string().min(1),
            costPerStorage: z.number().min(0).default(0.001),
            costPerBw: z.number().min(0).default(0),
            hosts: z.array(hostSchema).min(1),
          })
          .strict(),
      )
      .min(1),
    brokers: z
      .array(
        z
          .object({
            name: z.string().min(1),
            vms: z.array(vmSchema).min(1),
            cloudlets: z.array(cloudletSchema).min(1),
          })
          .strict(),
      )
      .min(1),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(0),
    output: z
      .object({
        json: z.boolean().default(false).describe('print the cloudlet table as JSON'),
        dir: z
          .string()
          .min(1)
          .optional()
          .describe(
            'directory for cloudlets.csv, cloudlets.json and report.html, relative to the scenario file (--out overrides it; none by default)',
          ),
      })
      .strict()
      .default({ json: false }),
  })
  .strict();

/** A scenario file: either kind. */
export const scenarioSchema = z.discriminatedUnion('kind', [scitScenarioSchema, cloudsimScenarioSchema]);

export type ScitScenario = z.output<typeof scitScenarioSchema>;
export type SecurityScenario = z.output<typeof securityScenarioSchema>;
export type CloudsimScenario = z.output<typeof cloudsimScenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type PluginRef = z.output<typeof pluginRefSchema>;

/** The JSON Schema of scenario files (what `schema/scenario.schema.json` holds). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'scitsim scenario',
    description: 'A scitsim scenario (scitsim run FILE, scitsim sweep FILE): kind "scit" or "cloudsim".',
  };
}
