/**
 * The one schema of a SCIT system's configuration: types, ranges, limits (with their reasons) and the
 * rules between fields (services named in the layout exist, the layout has one entry per host and the
 * required counts, targets are reachable, first expiries fit the online VMs…). `resolveScitConfig`
 * parses with it once; scenario files compose it (`scenario/schema.ts`), so a scenario and a script are
 * checked by the same rules, and `schema/scenario.schema.json` shows its ranges and descriptions.
 *
 * Fields are checked one by one first (every problem at once); the rules between fields then run when
 * the fields they read are valid on their own.
 */
import { z } from 'zod';
import { limitError } from '../../core/config-issues.js';
import { nameProblem } from '../../core/names.js';
import { SCIT_LIMITS } from './config-limits.js';

/** Layout tokens that are not services. */
export const OFFLINE_TOKENS: readonly string[] = ['spare', 'cleansing'];

const L = SCIT_LIMITS;

/** A count from 1 to `limit.max`, with the limit's reason when exceeded. */
const count = (limit: { max: number; why: string }) =>
  z
    .number()
    .int()
    .min(1)
    .max(limit.max, { error: limitError(limit) });

/** Seconds, > 0 (or ≥ 0 with `allowZero`) and at most the time limit. */
export const secondsSchema = (allowZero = false) =>
  (allowZero ? z.number().min(0) : z.number().positive()).max(L.seconds.max, {
    error: limitError(L.seconds),
  });

/** A service and its guarantees (r_s, m_s, T_s). */
export const scitServiceSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .refine((name) => !OFFLINE_TOKENS.includes(name), {
        error: 'must be a service name other than "spare" and "cleansing" (layout tokens)',
      })
      .superRefine((name, ctx) => {
        const problem = nameProblem(name);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', input: name, message: problem });
      })
      .describe('unique service name; layout slots refer to services by it'),
    required: count(L.vms).describe('r_s, in VMs: Active VMs of the service at all times'),
    minimum: count(L.vms)
      .optional()
      .describe('m_s, in VMs: Active VMs on uncompromised hosts the service needs to be up (default 1)'),
    target: count(L.hosts)
      .optional()
      .describe(
        'T_s, in hosts: distinct hosts with an Active VM of the service to keep (default min(required, hosts))',
      ),
    exposureSeconds: secondsSchema()
      .optional()
      .describe(
        "E_s, in seconds: how long a VM of this service stays Active before it is replaced (default: the system's exposureSeconds)",
      ),
  })
  .strict();

/** One host of a system given host by host (`hosts: [{vms: 4}, {vms: 6}]`). */
export const scitHostSchema = z
  .object({ vms: count(L.vmsPerHost).describe('in VMs: VM slots of this host') })
  .strict();

/** H identical hosts (with `vmsPerHost`), or one entry per host with its own VM slots. */
const hostsSchema = z.union(
  [
    count(L.hosts),
    z
      .array(scitHostSchema)
      .min(1)
      .max(L.hosts.max, { error: limitError(L.hosts) }),
  ],
  { error: 'must be a host count (with vmsPerHost) or a list of hosts: [{"vms": 4}, {"vms": 6}, …]' },
);

/** The services of a system: 1 to `SCIT_LIMITS.services.max` of `service` (scenarios extend it). */
export const scitServicesSchema = <S extends z.ZodType>(service: S) =>
  z
    .array(service)
    .min(1)
    .max(L.services.max, { error: limitError(L.services) });

/** The fields of a SCIT configuration, each checked on its own (no rules between fields yet). */
export const scitConfigFields = {
  hosts: hostsSchema.describe(
    'H, in hosts: the number of identical hosts (with vmsPerHost), or one entry per host with its VM slots',
  ),
  vmsPerHost: count(L.vmsPerHost)
    .optional()
    .describe('in VMs: VM slots of each host, with hosts: N (not with a list of hosts)'),
  services: scitServicesSchema(scitServiceSchema),
  exposureSeconds: secondsSchema().describe(
    'E, in seconds: how long a VM stays Active before it is replaced',
  ),
  cleansingSeconds: secondsSchema().describe('C, in seconds: how long a VM is cleansed'),
  graceSeconds: secondsSchema(true)
    .default(0)
    .describe('G, in seconds: how long a replaced VM finishes its work before cleansing (default 0)'),
  graceCountsTowardLevel: z
    .boolean()
    .optional()
    .describe('whether Grace VMs count toward the measured redundancy level (default false: Active only)'),
  layout: z
    .array(z.array(z.string().min(1)))
    .optional()
    .describe("initial layout: per host, per VM a service name, 'spare' or 'cleansing'"),
  firstExpirySeconds: z
    .array(secondsSchema(true))
    .optional()
    .describe('first expiry of each online VM, in layout order (default: staggered over E)'),
  firstExpiryOrder: z
    .union([z.enum(['layout', 'random']), z.array(z.number().int().min(0).max(L.vms.max))], {
      error: "must be 'layout', 'random' or a list of online VM indices",
    })
    .optional()
    .describe(
      "which online VM takes which staggered first expiry: 'layout' (default, layout order), 'random' " +
        '(per seed) or a list: its k-th entry is the online VM (index in layout order) that expires k-th',
    ),
  firstCleansingDoneSeconds: z
    .array(secondsSchema(true))
    .optional()
    .describe(
      'when each initially cleansing VM becomes a live spare, in layout order (default: staggered over C)',
    ),
};

/** The configuration object, fields only (scenario files extend it with their own fields). */
export const scitConfigObject = z.object(scitConfigFields).strict();

/** What {@link checkScitConfigRules} reads: a configuration whose fields are each valid. */
export type ScitConfigFields = z.output<typeof scitConfigObject>;

const FIELD_NAMES = new Set(Object.keys(scitConfigFields));

/**
 * Adds the rules between the fields of a SCIT configuration to `schema` (the configuration object, or
 * a scenario that extends it). They run once the configuration's own fields are valid: a rule on a
 * bad value would only repeat its problem.
 */
export function withScitConfigRules<S extends z.ZodType<ScitConfigFields>>(schema: S): S {
  return schema.check(
    z.superRefine(checkScitConfigRules, {
      when: (payload) =>
        payload.issues.every(
          (issue) =>
            issue.code === 'unrecognized_keys' ||
            ((issue.path?.length ?? 0) > 0 && !FIELD_NAMES.has(String(issue.path?.[0]))),
        ),
    }),
  ) as S;
}

/** A SCIT configuration (`ScitConfig`): its fields and the rules between them. */
export const scitConfigSchema = withScitConfigRules(scitConfigObject);

/** The rules between fields (see the module comment); each problem names its path and value. */
export function checkScitConfigRules(config: ScitConfigFields, ctx: z.RefinementCtx<ScitConfigFields>): void {
  const add = (path: PropertyKey[], input: unknown, message: string) =>
    ctx.addIssue({ code: 'custom', path, input, message });
  const { vmsPerHost, services } = config;
  if (Array.isArray(config.hosts) && vmsPerHost !== undefined) {
    add(
      ['vmsPerHost'],
      vmsPerHost,
      'give VM slots one way: hosts: N with vmsPerHost, or a list of hosts with their vms, not both',
    );
    return;
  }
  if (!Array.isArray(config.hosts) && vmsPerHost === undefined) {
    add(
      ['vmsPerHost'],
      undefined,
      'is required with hosts: N (VM slots of each host); or give hosts as a list: [{"vms": 4}, …]',
    );
    return;
  }
  const slots = hostSlotsOf(config);
  const hosts = slots.length;
  const capacity = slots.reduce((sum, n) => sum + n, 0);
  if (capacity > L.vms.max) {
    if (vmsPerHost !== undefined)
      add(['vmsPerHost'], vmsPerHost, `hosts × vmsPerHost = ${capacity}: ${limitError(L.vms)}`);
    else add(['hosts'], capacity, `VM slots of all hosts = ${capacity}: ${limitError(L.vms)}`);
  }

  const seen = new Set<string>();
  let servicesOk = true;
  services.forEach((service, s) => {
    if (seen.has(service.name)) {
      add(['services', s, 'name'], service.name, 'duplicate service name');
      servicesOk = false;
    }
    seen.add(service.name);
    if (service.minimum !== undefined && service.minimum > service.required) {
      add(['services', s, 'minimum'], service.minimum, `must be ≤ required (${service.required})`);
      servicesOk = false;
    }
    const reachable = Math.min(service.required, hosts);
    if (service.target !== undefined && service.target > reachable) {
      add(['services', s, 'target'], service.target, `must be ≤ min(required, hosts) = ${reachable}`);
      servicesOk = false;
    }
  });
  const online = services.reduce((sum, service) => sum + service.required, 0);
  if (online > capacity) {
    add(
      ['services'],
      online,
      `required VMs cannot be placed: ${describeHosts(config)} hold only ${capacity}`,
    );
    return;
  }

  let cleansing = 0;
  if (config.layout !== undefined) {
    const layout = config.layout;
    let layoutOk = true;
    if (layout.length !== hosts) {
      add(['layout'], layout.length, `must have one entry per host (hosts = ${hosts})`);
      layoutOk = false;
    }
    const valid = [...seen, ...OFFLINE_TOKENS];
    layout.forEach((host, h) => {
      if (h < hosts && host.length > slots[h]) {
        const field = vmsPerHost === undefined ? `hosts[${h}].vms` : 'vmsPerHost';
        add(['layout', h], host.length, `more VMs than a host holds (${field} = ${slots[h]})`);
        layoutOk = false;
      }
      host.forEach((token, v) => {
        if (token === 'cleansing') cleansing++;
        if (!valid.includes(token)) {
          add(['layout', h, v], token, `unknown service; valid values are: ${valid.join(', ')}`);
          layoutOk = false;
        }
      });
    });
    if (!layoutOk) return;
    if (servicesOk)
      services.forEach((service, s) => {
        const count = layout.flat().filter((token) => token === service.name).length;
        const level = layout.filter((host) => host.includes(service.name)).length;
        const target = service.target ?? Math.min(service.required, hosts);
        if (count !== service.required)
          add(
            ['services', s, 'required'],
            service.required,
            `the layout has ${count} Active VMs of "${service.name}"`,
          );
        else if (level < target)
          add(
            ['services', s, 'target'],
            target,
            `unreachable from the initial layout: "${service.name}" is Active on only ${level} host(s)`,
          );
      });
  }
  checkFirstTimes(config, online, cleansing, add);
}

/**
 * VM slots of each host of a configuration whose `hosts` and `vmsPerHost` are valid (one form given):
 * `hosts` times `vmsPerHost`, or each listed host's `vms`.
 */
export function hostSlotsOf(config: {
  readonly hosts: number | readonly { readonly vms: number }[];
  readonly vmsPerHost?: number;
}): number[] {
  if (typeof config.hosts !== 'number') return config.hosts.map((host) => host.vms);
  return new Array<number>(config.hosts).fill(config.vmsPerHost ?? 0);
}

/** `3 hosts × 4 VMs`, or `hosts of 4, 6, 2 VMs` (the first 10, for a long list). */
export function describeHosts(config: Parameters<typeof hostSlotsOf>[0]): string {
  if (typeof config.hosts === 'number') return `${config.hosts} hosts × ${config.vmsPerHost} VMs`;
  const slots = hostSlotsOf(config);
  const shown = slots.slice(0, 10).join(', ');
  return `${slots.length} hosts of ${shown}${slots.length > 10 ? ', …' : ''} VMs`;
}

/** First expiries and cleansing completions: one per VM, and an order that is a permutation. */
function checkFirstTimes(
  config: ScitConfigFields,
  online: number,
  cleansing: number,
  add: (path: PropertyKey[], input: unknown, message: string) => void,
): void {
  if (config.firstExpirySeconds !== undefined && config.firstExpirySeconds.length !== online)
    add(
      ['firstExpirySeconds'],
      config.firstExpirySeconds.length,
      `needs one time per VM (${online} in the layout)`,
    );
  if (config.firstCleansingDoneSeconds !== undefined && config.firstCleansingDoneSeconds.length !== cleansing)
    add(
      ['firstCleansingDoneSeconds'],
      config.firstCleansingDoneSeconds.length,
      `needs one time per VM (${cleansing} in the layout)`,
    );
  const order = config.firstExpiryOrder ?? 'layout';
  if (order === 'layout') return;
  if (config.firstExpirySeconds !== undefined) {
    add(
      ['firstExpiryOrder'],
      order,
      "only 'layout' goes with firstExpirySeconds, which already fixes each VM's first expiry",
    );
    return;
  }
  if (order === 'random') return;
  if (order.length !== online) {
    add(['firstExpiryOrder'], order.length, `needs one entry per online VM (${online} in the layout)`);
    return;
  }
  const seen = new Set<number>();
  order.forEach((vm, k) => {
    if (vm >= online) add(['firstExpiryOrder', k], vm, `must be an online VM index from 0 to ${online - 1}`);
    else if (seen.has(vm)) add(['firstExpiryOrder', k], vm, 'appears twice (each online VM once)');
    seen.add(vm);
  });
}
