/**
 * A CloudSim-style simulation: a kernel {@link Simulation}, the {@link CloudEventBus} that gives
 * CloudSim's event order, and the two entities CloudSim always creates first — the shutdown entity
 * (id 0) and the cloud information service (id 1). Datacenters and brokers created next get ids 2, 3, …
 * in creation order, as in CloudSim.
 *
 * @example
 * ```ts
 * const cloud = new CloudSimulation();
 * const dc = new Datacenter(cloud.bus, { name: 'Datacenter_0', characteristics: EXAMPLE_CHARACTERISTICS,
 *   hosts, vmAllocationPolicy: new VmAllocationPolicySimple(), informationService: cloud.informationService });
 * const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
 * broker.submitVmList(vms);
 * broker.submitCloudletList(cloudlets);
 * cloud.sim.run();
 * console.log(broker.cloudletsReceived);
 * ```
 */
import { ConfigError, Simulation } from '../core/index.js';
import { CloudEventBus } from './cloud-event-bus.js';
import { CloudInformationService, ShutdownEntity } from './cloud-information-service.js';

/** CloudSim 7.0.1's minimum time between events, in seconds: the default of the one setting. */
export const DEFAULT_MIN_TIME_BETWEEN_EVENTS = 0.01;

/** Options of a CloudSim-style simulation. */
export interface CloudSimulationOptions {
  /** Master seed of the kernel's random streams. Default 0. */
  seed?: number | string;
  /**
   * CloudSim's minimum time between events, in seconds (> 0): the delay of a VM-creation
   * acknowledgement and the datacenter's update cadence. Default {@link DEFAULT_MIN_TIME_BETWEEN_EVENTS}.
   * The bus and the datacenters read it from here (through `bus.minTimeBetweenEvents`).
   */
  minTimeBetweenEvents?: number;
  /** Use this kernel (e.g. the container's SIMULATION) instead of a new one; it must have no entities yet. */
  sim?: Simulation;
}

/** The kernel plus CloudSim's bus, shutdown entity (id 0) and information service (id 1). */
export class CloudSimulation {
  readonly sim: Simulation;
  readonly bus: CloudEventBus;
  readonly shutdown: ShutdownEntity;
  readonly informationService: CloudInformationService;

  constructor(options: CloudSimulationOptions = {}) {
    const gap = options.minTimeBetweenEvents ?? DEFAULT_MIN_TIME_BETWEEN_EVENTS;
    if (!(gap > 0) || !Number.isFinite(gap)) {
      throw new ConfigError('minTimeBetweenEvents', gap, 'must be a finite number of seconds > 0');
    }
    this.sim = options.sim ?? new Simulation({ seed: options.seed ?? 0 });
    if (this.sim.entities.length > 0) {
      throw new ConfigError(
        'sim',
        this.sim.entities.length,
        'must have no entities yet (CloudSim ids start at 0)',
      );
    }
    this.bus = new CloudEventBus(this.sim, gap);
    this.shutdown = new ShutdownEntity(this.bus);
    this.informationService = new CloudInformationService(this.bus);
  }

  /** The one minimum-gap setting (see {@link CloudSimulationOptions.minTimeBetweenEvents}), the bus's. */
  get minTimeBetweenEvents(): number {
    return this.bus.minTimeBetweenEvents;
  }
}
