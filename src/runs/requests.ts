/**
 * Client requests in a SCIT run: picks the request model, builds what it needs from the run's
 * container and starts it on the SCIT system's read-only view.
 *
 * The model is CloudSim's: requests are cloudlets that a broker entity routes (the container's
 * `REQUEST_ROUTING`) to Active VMs of their service, run by the VMs' cloudlet schedulers (the
 * container's `CLOUDLET_SCHEDULER_FACTORY`) in a `Datacenter` whose VMs sit where the experiment placed
 * them. With the built-in time-shared scheduler the same model runs on a fast path with identical
 * per-request results (see `RequestEngineChoice`).
 *
 * Two steps, because the cloud's entities must exist before the SCIT controller (CloudSim numbers its
 * entities from 0): {@link prepareRequests} before the system is built, then `start` once it is.
 */

import { ConfigError } from '../core/errors.js';
import type { Simulation } from '../core/simulation.js';
import { CloudSimulation, DEFAULT_MIN_TIME_BETWEEN_EVENTS } from '../entities/cloud-simulation.js';
import { CLOUDLET_SCHEDULER_FACTORY, PROCESSING_BATCH_FACTORY } from '../entities/cloudlet-scheduler.js';
import { Datacenter, EXAMPLE_CHARACTERISTICS } from '../entities/datacenter.js';
import { freshScitCloud, PlannedPlacement, scitCloudOnLayout } from '../entities/scit/cloud-placement.js';
import type { ResolvedScitConfig } from '../entities/scit/config.js';
import { ScitRequestBroker } from '../entities/scit/request-broker.js';
import {
  RequestDispatcher,
  type RequestEngine,
  type RequestModel,
} from '../entities/scit/request-dispatch.js';
import { FastRequestPath } from '../entities/scit/request-fast-path.js';
import { REQUEST_ROUTING } from '../entities/scit/request-routing.js';
import {
  ArrivalProcess,
  type RequestEngineChoice,
  type RequestWorkload,
  requestStreamName,
} from '../entities/scit/request-workload.js';
import type { ScitSystemView } from '../entities/scit/scit-system.js';
import type { Vm } from '../entities/vm.js';
import { VM_SCHEDULER_FACTORY } from '../entities/vm-scheduler.js';
import type { AttackSession } from '../policies/attacks/attack-model.js';
import { CLOUDLET_SCHEDULERS } from '../policies/cloudsim-module.js';
import type { RunScope } from './container.js';

/** Options of {@link prepareRequests}. */
export interface RequestRunOptions {
  /** No request arrives at or after this time. */
  readonly arrivalsEndSeconds: number;
  /** The placed cloud VMs behind the SCIT VMs (SCIT VM i = `cloudVms[i]`); built from the layout when omitted. */
  readonly cloudVms?: readonly Vm[];
  /** Keep a record per request. */
  readonly record?: boolean;
}

/** The cloud of a run's requests, built before the SCIT system; `start` begins the requests. */
export interface PreparedRequests {
  readonly engine: RequestEngine;
  /** The cloudlet model's datacenter and its VMs (VM i is SCIT VM i); absent on the fast path. */
  readonly datacenter?: Datacenter;
  readonly vms?: readonly Vm[];
  start(system: ScitSystemView, attack?: AttackSession): RequestModel;
}

/** True if `factory` is one of the built-in time-shared cloudlet schedulers (what the fast path computes). */
function isBuiltInTimeShared(factory: unknown): boolean {
  return (
    factory === CLOUDLET_SCHEDULERS['time-shared'] || factory === CLOUDLET_SCHEDULERS['time-shared-general']
  );
}

/** The model `choice` asks for, given the container's cloudlet scheduler. */
export function requestEngineFor(choice: RequestEngineChoice, scope: RunScope): RequestEngine {
  const timeShared = isBuiltInTimeShared(scope.get(CLOUDLET_SCHEDULER_FACTORY));
  if (choice === 'fast' && !timeShared)
    throw new ConfigError(
      'requests.engine',
      choice,
      'the fast path computes the built-in time-shared cloudlet scheduler only, and the container binds another one ' +
        '(use "cloudlets" or "auto")',
    );
  return choice === 'auto' ? (timeShared ? 'fast' : 'cloudlets') : choice;
}

/**
 * Builds what the run's requests need in `sim` (which must have no entity yet): for the cloudlet model,
 * a CloudSim simulation on it, fresh hosts and VMs like the placed ones and a datacenter that places
 * them where they were placed.
 */
export function prepareRequests(
  scope: RunScope,
  sim: Simulation,
  config: ResolvedScitConfig,
  workload: RequestWorkload,
  options: RequestRunOptions,
): PreparedRequests {
  const engine = requestEngineFor(workload.engine ?? 'auto', scope);
  const placed = options.cloudVms ?? defaultCloud(scope, config, workload);
  if (placed.length !== config.layout.reduce((n, host) => n + host.length, 0))
    throw new ConfigError(
      'cloudVms',
      placed.length,
      'must have one placed VM per SCIT VM of the configuration',
    );
  placed.forEach((vm, i) => {
    if (vm.mips !== workload.vmMips || vm.pes !== 1)
      throw new ConfigError(
        `cloudVms[${i}]`,
        { mips: vm.mips, pes: vm.pes },
        `a SCIT VM has one PE of the workload's vmMips (${workload.vmMips})`,
      );
  });
  const routing = () => {
    const bound = scope.get(REQUEST_ROUTING);
    return { routing: bound, random: sim.random(`requests.routing.${bound.name}`) };
  };
  const arrivals = (system: ScitSystemView) =>
    system.config.services.flatMap((service, s) => {
      const load = workload.services[service.name];
      return load === undefined
        ? []
        : [new ArrivalProcess(s, load, sim.random(requestStreamName(service.name)))];
    });
  const dispatcher = (system: ScitSystemView) => {
    const { routing: bound, random } = routing();
    return new RequestDispatcher({
      system,
      routing: bound,
      random,
      queueCapacity: workload.queueCapacity ?? 100,
      resubmitOnCleansing: workload.resubmitOnCleansing ?? false,
      record: options.record ?? false,
    });
  };
  // When the attack model compromises a host, that host's VMs fail their unfinished requests.
  const follow = (model: RequestModel, attack: AttackSession | undefined): RequestModel => {
    attack?.compromiseChanged.subscribe(({ host, compromised }) => {
      if (compromised) model.cutOffHost(host);
    }, sim.hooks.finished);
    return model;
  };
  if (engine === 'fast') {
    return {
      engine,
      start: (system, attack) =>
        follow(
          new FastRequestPath({
            sim,
            system,
            dispatcher: dispatcher(system),
            vmMips: placed.map((vm) => vm.mips),
            minTimeBetweenEvents: DEFAULT_MIN_TIME_BETWEEN_EVENTS,
            arrivals: arrivals(system),
            arrivalsEndSeconds: options.arrivalsEndSeconds,
          }),
          attack,
        ),
    };
  }
  const cloud = new CloudSimulation({ sim });
  const fresh = freshScitCloud(
    placed,
    scope.get(VM_SCHEDULER_FACTORY),
    scope.get(CLOUDLET_SCHEDULER_FACTORY),
  );
  const datacenter = new Datacenter(cloud.bus, {
    name: 'SCIT_Datacenter',
    characteristics: EXAMPLE_CHARACTERISTICS,
    hosts: fresh.hosts,
    vmAllocationPolicy: new PlannedPlacement(fresh.hostOfVm),
    informationService: cloud.informationService,
    processingBatch: scope.get(PROCESSING_BATCH_FACTORY)(),
  });
  return {
    engine,
    datacenter,
    vms: fresh.vms,
    start: (system, attack) =>
      follow(
        new ScitRequestBroker(cloud.bus, 'SCIT_RequestBroker', {
          datacenter,
          vms: fresh.vms,
          system,
          dispatcher: dispatcher(system),
          arrivals: arrivals(system),
          arrivalsEndSeconds: options.arrivalsEndSeconds,
          record: options.record ?? false,
        }),
        attack,
      ),
  };
}

/** The cloud of a configuration placed by its (resolved) layout, with the container's VM scheduler. */
function defaultCloud(scope: RunScope, config: ResolvedScitConfig, workload: RequestWorkload): readonly Vm[] {
  return scitCloudOnLayout(config, {
    vmMips: workload.vmMips,
    vmRamMb: 1024,
    vmScheduler: scope.get(VM_SCHEDULER_FACTORY),
  }).vms;
}
