/**
 * Client requests for a SCIT run ("equal generated packets" in the paper): per service, a Poisson
 * arrival process on its own seeded stream `requests.<service>`, so both strategies see exactly the same
 * requests for the same seed. Each request is a cloudlet-like job (length in MI, Exp-distributed) that a
 * broker routes to one of the service's Active VMs, chosen by the run's `REQUEST_ROUTING` (default: the
 * one with the fewest unfinished requests, ties to the lowest VM id).
 * A VM runs its requests one at a time, FIFO, at `vmMips`. A Grace VM receives nothing new and only
 * finishes what it holds; whatever is unfinished when it enters Cleansing is dropped. A request that
 * finds every Active VM of its service full (`queueCapacity`) is dropped too.
 *
 * Requests never influence rotation decisions. Cost: one event per arrival; completions need no event
 * (FIFO finish times are known on arrival and settled lazily).
 */

import { ConfigError } from '../../core/errors.js';
import type { RandomStream } from '../../core/random.js';
import type { Simulation } from '../../core/simulation.js';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import type { ScitSystemView } from '../../entities/scit/scit-system.js';
import type { RequestRouting } from '../../policies/routing/types.js';

/** Load of one service. */
export interface ServiceLoad {
  /** Mean arrivals per second. */
  ratePerSecond: number;
  /** Mean request length (million instructions). */
  meanLengthMi: number;
}

/** The request workload of a run. */
export interface RequestWorkload {
  /** Load per service name; services not listed get no requests. */
  services: Record<string, ServiceLoad>;
  /** Processing speed of every VM (MIPS). */
  vmMips: number;
  /** Unfinished requests a VM holds at most (default 100). */
  queueCapacity?: number;
}

/**
 * Checks a workload against the services of `config`; each problem names the field (under `field`)
 * and the value: a service that does not exist, a rate or length that is not a positive finite number,
 * a VM speed or a queue capacity out of range.
 */
export function checkRequestWorkload(
  workload: RequestWorkload,
  config: ResolvedScitConfig,
  field: string,
): void {
  const names = config.services.map((s) => s.name);
  for (const [name, load] of Object.entries(workload.services ?? {})) {
    const at = `${field}.services.${name}`;
    if (!names.includes(name))
      throw new ConfigError(at, name, `no such service; valid values are: ${names.join(', ')}`);
    for (const key of ['ratePerSecond', 'meanLengthMi'] as const) {
      const value = load?.[key];
      if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value))
        throw new ConfigError(`${at}.${key}`, value, 'must be a finite number > 0');
    }
  }
  if (typeof workload.vmMips !== 'number' || !(workload.vmMips > 0) || !Number.isFinite(workload.vmMips))
    throw new ConfigError(`${field}.vmMips`, workload.vmMips, 'must be a finite number > 0');
  const capacity = workload.queueCapacity ?? 100;
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new ConfigError(`${field}.queueCapacity`, capacity, 'must be an integer >= 1');
}

/** Request outcome of one service. */
export interface ServiceRequestStats {
  generated: number;
  served: number;
  /** Rejected (every Active VM full) plus cut off by cleansing. */
  dropped: number;
  droppedByCleansing: number;
  /** Still being processed when the run ended. */
  inFlight: number;
  /** Response times (seconds) of served requests. */
  responseTimesSeconds: number[];
}

interface PendingRequest {
  readonly service: number;
  readonly arrival: number;
  readonly finish: number;
}

/**
 * Generates and routes requests for one SCIT system, seen through its read-only view; read `stats()`
 * after the run (which also unsubscribes it; so does the end of the run).
 */
export class RequestBroker {
  private readonly activeByService: number[][];
  private readonly pending: PendingRequest[][];
  private readonly busyUntil: Float64Array;
  private readonly perService: ServiceRequestStats[];
  private readonly capacity: number;
  private readonly routingStream: RandomStream;
  /** Unfinished requests of a VM now (settling the finished ones): what the routing compares. */
  private readonly load = (vm: number): number => this.settle(vm, this.sim.now);
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly sim: Simulation,
    private readonly system: ScitSystemView,
    private readonly workload: RequestWorkload,
    private readonly arrivalsEndSeconds: number,
    private readonly routing: RequestRouting,
  ) {
    this.routingStream = sim.random(`requests.routing.${routing.name}`);
    const services = system.config.services;
    this.capacity = workload.queueCapacity ?? 100;
    this.activeByService = services.map(() => []);
    for (let vm = 0; vm < system.vmCount; vm++)
      if (system.state(vm) === 'active') this.activeByService[system.service(vm)].push(vm);
    this.pending = Array.from({ length: system.vmCount }, () => []);
    this.busyUntil = new Float64Array(system.vmCount);
    this.perService = services.map(() => ({
      generated: 0,
      served: 0,
      dropped: 0,
      droppedByCleansing: 0,
      inFlight: 0,
      responseTimesSeconds: [],
    }));
    const end = sim.hooks.finished;
    this.unsubscribe = [
      system.switched.subscribe((record) => {
        const list = this.activeByService[record.service];
        list.splice(list.indexOf(record.expiredVm), 1);
        list.push(record.spareVm);
        list.sort((a, b) => a - b);
      }, end),
      system.cleansingStarted.subscribe(({ vm }) => this.cutOff(vm), end),
    ];
    services.forEach((service, s) => {
      const load = workload.services[service.name];
      if (load !== undefined) this.startArrivals(s, load);
    });
  }

  private startArrivals(service: number, load: ServiceLoad): void {
    const stream = this.sim.random(`requests.${this.system.config.services[service].name}`);
    const meanGap = 1 / load.ratePerSecond;
    const arrive = (): void => {
      if (this.sim.now >= this.arrivalsEndSeconds) return;
      const length = stream.exponential(load.meanLengthMi);
      this.route(service, length / this.workload.vmMips);
      this.sim.schedule(stream.exponential(meanGap), arrive);
    };
    this.sim.schedule(stream.exponential(meanGap), arrive);
  }

  private route(service: number, serviceSeconds: number): void {
    const now = this.sim.now;
    const stats = this.perService[service];
    stats.generated++;
    const candidates = this.activeByService[service];
    const best = this.routing.route(candidates, this.load, this.routingStream, service);
    if (best >= 0 && !candidates.includes(best))
      throw new Error(
        `request routing "${this.routing.name}" chose VM ${best}, which is not an Active VM of ` +
          `service "${this.system.config.services[service].name}" (Active: ${candidates.join(', ')})`,
      );
    if (best < 0 || this.settle(best, now) >= this.capacity) {
      stats.dropped++;
      return;
    }
    const start = Math.max(now, this.busyUntil[best]);
    const finish = start + serviceSeconds;
    this.busyUntil[best] = finish;
    this.pending[best].push({ service, arrival: now, finish });
  }

  /** Counts requests of `vm` finished by `time` as served; returns how many remain. */
  private settle(vm: number, time: number): number {
    const queue = this.pending[vm];
    let done = 0;
    while (done < queue.length && queue[done].finish <= time) {
      const request = queue[done++];
      const stats = this.perService[request.service];
      stats.served++;
      stats.responseTimesSeconds.push(request.finish - request.arrival);
    }
    if (done > 0) queue.splice(0, done);
    return queue.length;
  }

  private cutOff(vm: number): void {
    this.settle(vm, this.sim.now);
    for (const request of this.pending[vm]) {
      const stats = this.perService[request.service];
      stats.dropped++;
      stats.droppedByCleansing++;
    }
    this.pending[vm] = [];
    this.busyUntil[vm] = this.sim.now;
  }

  /** Final counts per service (settles everything finished by now; the rest is in flight). */
  stats(): ServiceRequestStats[] {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    const now = this.sim.now;
    for (let vm = 0; vm < this.pending.length; vm++) {
      this.settle(vm, now);
      for (const request of this.pending[vm]) this.perService[request.service].inFlight++;
      this.pending[vm] = [];
    }
    return this.perService;
  }
}
