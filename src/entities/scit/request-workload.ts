/**
 * Client requests of a SCIT system ("equal generated packets" in the paper): what a run's workload
 * is, how it is checked, how arrivals and lengths are drawn, and what a run reports about them.
 *
 * Per service, requests arrive as a Poisson process on the service's own seeded stream
 * (`requests.<service>`), so every strategy sees exactly the same requests for the same seed. Each
 * request is a cloudlet of one PE whose length is a whole number of MI (CloudSim counts whole
 * instructions and whole MI): exponential with the given mean, rounded to the nearest MI and at
 * least 1, or fixed at the mean.
 */
import { z } from 'zod';
import { limitError, parseConfig } from '../../core/config-issues.js';
import type { RandomStream } from '../../core/random.js';
import type { ResolvedScitConfig } from './config.js';
import type { ResponseTimes, RUN_EXACT_RESPONSE_TIMES } from './response-times.js';

/** How request lengths are distributed around their mean. */
export type RequestLengths = 'exponential' | 'fixed';

/** Load of one service. */
export interface ServiceLoad {
  /** Mean arrivals per second (Poisson). */
  ratePerSecond: number;
  /** Mean request length, million instructions (≥ 1 for fixed lengths, which must be whole). */
  meanLengthMi: number;
  /** Length distribution (default exponential). */
  lengths?: RequestLengths;
}

/**
 * How requests are simulated. `cloudlets`: every request a `Cloudlet` sent by a broker entity through
 * CloudSim's event bus to the SCIT VMs' `Vm`s in a `Datacenter`, run by their cloudlet schedulers.
 * `fast`: the same model computed without entities (time-shared scheduler only); its per-request
 * results equal the cloudlet path's (a property test checks it). `auto` (default): `fast` when the
 * container's cloudlet scheduler is the built-in time-shared one, `cloudlets` otherwise.
 */
export type RequestEngineChoice = 'auto' | 'cloudlets' | 'fast';

/** The request workload of a run. */
export interface RequestWorkload {
  /** Load per service name; services not listed get no requests. */
  services: Record<string, ServiceLoad>;
  /** MIPS of every SCIT VM's one PE (when the run builds its cloud; placed VMs must agree). */
  vmMips: number;
  /** Unfinished requests a VM holds at most; a request routed to a full VM is rejected (default 100). */
  queueCapacity?: number;
  /**
   * What happens to the requests a VM has not finished when it starts cleansing: `false` (default)
   * they fail (counted as dropped at cleansing); `true` each is sent again, from scratch, to an Active
   * VM of its service chosen by the routing (dropped only if there is none or it is full).
   */
  resubmitOnCleansing?: boolean;
  /** See {@link RequestEngineChoice} (default `auto`). */
  engine?: RequestEngineChoice;
}

const FINITE_POSITIVE = 'must be a finite number > 0';
const finitePositive = () => z.number({ error: FINITE_POSITIVE }).positive({ error: FINITE_POSITIVE });

/** Longest mean request length: a cloudlet counts whole instructions in a safe integer (with room). */
export const MAX_REQUEST_LENGTH_MI = Number.MAX_SAFE_INTEGER / 64 / 1e6;

/** The fields of one service's load (scenario files take `ratePerSecond` and `meanLengthMi`). */
export const serviceLoadFields = {
  ratePerSecond: finitePositive()
    .max(1e6, {
      error: limitError({
        max: 1e6,
        why: 'each request is an event: 10^6 a second are 10^6 events per simulated second',
      }),
    })
    .describe('mean client requests per second (Poisson)'),
  meanLengthMi: finitePositive()
    .max(MAX_REQUEST_LENGTH_MI, { error: 'is too long to count in whole instructions' })
    .describe('mean request length, million instructions'),
  lengths: z
    .enum(['exponential', 'fixed'], { error: 'valid values are: exponential, fixed' })
    .optional()
    .describe('length distribution (default exponential)'),
};

/** The load of one service: its fields, and whole MI for fixed lengths. */
export const serviceLoadSchema = z
  .object(serviceLoadFields)
  .strict()
  .superRefine((load, ctx) => {
    if (load.lengths === 'fixed' && !(Number.isInteger(load.meanLengthMi) && load.meanLengthMi >= 1))
      ctx.addIssue({
        code: 'custom',
        path: ['meanLengthMi'],
        input: load.meanLengthMi,
        message: 'must be a whole number of MI >= 1 with fixed lengths (a cloudlet runs whole MI)',
      });
  });

/** The VM speed and queue of a workload (scenario files compose them under `requests`). */
export const workloadVmFields = {
  vmMips: finitePositive()
    .max(1e9, { error: limitError({ max: 1e9, why: 'speeds beyond 10^9 MIPS are unit mistakes' }) })
    .describe('processing speed of every VM'),
  queueCapacity: z
    .number({ error: 'must be an integer >= 1' })
    .int({ error: 'must be an integer >= 1' })
    .min(1, { error: 'must be an integer >= 1' })
    .max(1e6, { error: limitError({ max: 1e6, why: 'each queued request holds memory on its VM' }) })
    .describe('unfinished requests a VM holds at most (default 100)'),
};

/** The schema of a workload for a system whose services are `names`. */
export function requestWorkloadSchema(names: readonly string[]) {
  return z
    .object({
      services: z.record(z.string(), serviceLoadSchema).superRefine((services, ctx) => {
        for (const name of Object.keys(services))
          if (!names.includes(name))
            ctx.addIssue({
              code: 'custom',
              path: [name],
              input: name,
              message: `no such service; valid values are: ${names.join(', ')}`,
            });
      }),
      vmMips: workloadVmFields.vmMips,
      queueCapacity: workloadVmFields.queueCapacity.optional(),
      resubmitOnCleansing: z.boolean({ error: 'must be true or false' }).optional(),
      engine: z
        .enum(['auto', 'cloudlets', 'fast'], { error: 'valid values are: auto, cloudlets, fast' })
        .optional(),
    })
    .strict();
}

/**
 * Checks a workload against the services of `config` with {@link requestWorkloadSchema}; every problem
 * at once, each naming the field (under `field`) and the value: an unknown field, a service that does
 * not exist, a rate or length that is not a positive finite number, a fixed length that is not a whole
 * number of MI, a VM speed or a queue capacity out of range.
 */
export function checkRequestWorkload(
  workload: RequestWorkload,
  config: ResolvedScitConfig,
  field: string,
): void {
  parseConfig(
    requestWorkloadSchema(config.services.map((s) => s.name)),
    workload,
    'the request workload',
    field,
  );
}

/**
 * The arrivals of one service: gaps and lengths drawn from its stream, in a fixed order (at each
 * arrival its length, then the gap to the next), so that every request model draws the same numbers.
 */
export class ArrivalProcess {
  private readonly meanGapSeconds: number;
  private readonly meanLengthMi: number;
  private readonly fixed: boolean;

  constructor(
    readonly service: number,
    load: ServiceLoad,
    private readonly stream: RandomStream,
  ) {
    this.meanGapSeconds = 1 / load.ratePerSecond;
    this.meanLengthMi = load.meanLengthMi;
    this.fixed = load.lengths === 'fixed';
  }

  /** Seconds to the next arrival. */
  nextGapSeconds(): number {
    return this.stream.exponential(this.meanGapSeconds);
  }

  /** Length of the request arriving now, in whole MI (≥ 1). */
  nextLengthMi(): number {
    if (this.fixed) return this.meanLengthMi;
    return Math.max(1, Math.round(this.stream.exponential(this.meanLengthMi)));
  }
}

/** Name of the stream a service's arrivals and lengths are drawn from. */
export function requestStreamName(service: string): string {
  return `requests.${service}`;
}

/** Request outcome of one service in a run. */
export interface ServiceRequestStats {
  generated: number;
  /** Returned finished. */
  served: number;
  /** Not served, all causes: `rejected + droppedByCleansing + droppedByCompromise`. */
  dropped: number;
  /** Never sent to a VM: no Active VM of the service, or the one chosen held `queueCapacity` requests. */
  rejected: number;
  /** Unfinished when their VM started cleansing (and not resubmitted). */
  droppedByCleansing: number;
  /** Unfinished when an attack compromised their VM's host. */
  droppedByCompromise: number;
  /** Sent again after their VM started cleansing (`resubmitOnCleansing`); each counted once per resubmission. */
  resubmitted: number;
  /** Still on a VM when the run ended. */
  inFlight: number;
  /**
   * Response times (seconds, arrival to return) of the served requests: every one, in return order, up
   * to {@link RUN_EXACT_RESPONSE_TIMES}, then a histogram (bounded memory; see `response-times.ts`).
   */
  responseTimes: ResponseTimes;
}

/** Final outcome of one request (see {@link RequestRecord}). */
export type RequestOutcome = 'served' | 'rejected' | 'dropped-cleansing' | 'dropped-compromise' | 'in-flight';

/** One request's story, kept when a run asks for it (`recordRequests`): what the equality test compares. */
export interface RequestRecord {
  /** Order of arrival in the run (0, 1, …, over all services). */
  readonly id: number;
  readonly service: number;
  readonly arrivalSeconds: number;
  readonly lengthMi: number;
  /** The SCIT VM it ran on last (−1 if rejected). */
  readonly vm: number;
  readonly outcome: RequestOutcome;
  /** When it was returned (served or dropped); −1 when rejected or in flight. */
  readonly endSeconds: number;
  /** Times it was sent to a VM (more than 1 after resubmissions; 0 if rejected). */
  readonly attempts: number;
}
