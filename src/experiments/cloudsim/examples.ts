/**
 * Ports of CloudSim 7.0.1's CloudSimExample1 … CloudSimExample8 (scenarios in cloudsim-examples.md).
 * Each runner builds the scenario, runs it and returns the brokers' cloudlet rows; the scripts in
 * examples/cloudsim and the tests call these same functions.
 */
import { assertNever } from '../../core/index.js';
import { CloudEntity, CloudSimulation, DatacenterBroker } from '../../entities/index.js';
import {
  EXAMPLE_6_8_CHARACTERISTICS,
  type ExampleHostSpec,
  exampleCloudlet,
  exampleCloudlets,
  exampleDatacenter,
  exampleVm,
  exampleVms,
  submitWorkload,
} from './scenario.js';
import { type CloudletRow, cloudletRows } from './table.js';

/** What an example run produces. */
export interface ExampleResult {
  /** Rows of all brokers (creation order), each broker's in return order. */
  readonly rows: CloudletRow[];
  readonly brokers: readonly DatacenterBroker[];
  /** Time of the last event. */
  readonly endTime: number;
  readonly cloud: CloudSimulation;
}

function finish(cloud: CloudSimulation, brokers: readonly DatacenterBroker[]): ExampleResult {
  const summary = cloud.sim.state === 'finished' ? undefined : cloud.sim.run();
  return { rows: cloudletRows(brokers), brokers, endTime: summary?.endTime ?? cloud.sim.now, cloud };
}

const oneHost = (
  ramMb = 2048,
  vmScheduler: ExampleHostSpec['vmScheduler'] = 'time-shared',
): ExampleHostSpec => ({
  pes: 1,
  mipsPerPe: 1000,
  ramMb,
  vmScheduler,
});

/** Example 1: one host, one 1000-MIPS VM, one 400000-MI cloudlet. */
export function runExample1(): ExampleResult {
  const cloud = new CloudSimulation();
  exampleDatacenter(cloud, 'Datacenter_0', [oneHost()]);
  const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
  submitWorkload(broker, [exampleVm(0, 1000, 512)], [exampleCloudlet(0, 400000, 0)]);
  return finish(cloud, [broker]);
}

/** Example 2: two 250-MIPS VMs sharing one host, two 250000-MI cloudlets bound 0→0, 1→1. */
export function runExample2(): ExampleResult {
  const cloud = new CloudSimulation();
  exampleDatacenter(cloud, 'Datacenter_0', [oneHost()]);
  const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
  submitWorkload(
    broker,
    [exampleVm(0, 250, 512), exampleVm(1, 250, 512)],
    [exampleCloudlet(0, 250000, 0), exampleCloudlet(1, 250000, 1)],
  );
  return finish(cloud, [broker]);
}

/** Example 3: two hosts, VMs of 250 and 500 MIPS (2048 MB each), two 40000-MI cloudlets bound. */
export function runExample3(): ExampleResult {
  const cloud = new CloudSimulation();
  exampleDatacenter(cloud, 'Datacenter_0', [oneHost(), oneHost()]);
  const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
  submitWorkload(
    broker,
    [exampleVm(0, 250, 2048), exampleVm(1, 500, 2048)],
    [exampleCloudlet(0, 40000, 0), exampleCloudlet(1, 40000, 1)],
  );
  return finish(cloud, [broker]);
}

/** Example 4: two datacenters with one space-shared host each; VM 1 is created in the second. */
export function runExample4(): ExampleResult {
  const cloud = new CloudSimulation();
  exampleDatacenter(cloud, 'Datacenter_0', [oneHost(2048, 'space-shared')]);
  exampleDatacenter(cloud, 'Datacenter_1', [oneHost(2048, 'space-shared')]);
  const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
  submitWorkload(
    broker,
    [exampleVm(0, 250, 512), exampleVm(1, 250, 512)],
    [exampleCloudlet(0, 40000, 0), exampleCloudlet(1, 40000, 1)],
  );
  return finish(cloud, [broker]);
}

/** Example 5: the datacenters of example 4 and two users, each with one VM and one cloudlet. */
export function runExample5(): ExampleResult {
  const cloud = new CloudSimulation();
  exampleDatacenter(cloud, 'Datacenter_0', [oneHost(2048, 'space-shared')]);
  exampleDatacenter(cloud, 'Datacenter_1', [oneHost(2048, 'space-shared')]);
  const brokers = ['Broker1', 'Broker2'].map((name) => {
    const broker = new DatacenterBroker(cloud.bus, name, cloud.informationService);
    return broker;
  });
  for (const broker of brokers) submitWorkload(broker, [exampleVm(0, 250, 512)], [exampleCloudlet(0, 40000)]);
  return finish(cloud, brokers);
}

const HOSTS_4_AND_2 = (ramMb: number): ExampleHostSpec[] => [
  { pes: 4, mipsPerPe: 1000, ramMb },
  { pes: 2, mipsPerPe: 1000, ramMb },
];

/** Example 6: two datacenters of hosts with 4 and 2 PEs; 20 VMs (not all fit), 40 unbound cloudlets. */
export function runExample6(): ExampleResult {
  const cloud = new CloudSimulation();
  const options = { characteristics: EXAMPLE_6_8_CHARACTERISTICS };
  exampleDatacenter(cloud, 'Datacenter_0', HOSTS_4_AND_2(2048), options);
  exampleDatacenter(cloud, 'Datacenter_1', HOSTS_4_AND_2(2048), options);
  const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
  submitWorkload(broker, exampleVms(20, 1000, 512), exampleCloudlets(40, 1000));
  return finish(cloud, [broker]);
}

function examples7and8Datacenters(cloud: CloudSimulation): void {
  const options = { characteristics: EXAMPLE_6_8_CHARACTERISTICS };
  exampleDatacenter(cloud, 'Datacenter_0', HOSTS_4_AND_2(16384), options);
  exampleDatacenter(cloud, 'Datacenter_1', HOSTS_4_AND_2(16384), options);
}

/** A broker with 5 VMs of 250 MIPS and 10 cloudlets of 40000 MI, ids from `idShift`. */
function examples7and8Broker(cloud: CloudSimulation, name: string, idShift: number): DatacenterBroker {
  const broker = new DatacenterBroker(cloud.bus, name, cloud.informationService);
  submitWorkload(broker, exampleVms(5, 250, 512, idShift), exampleCloudlets(10, 40000, idShift));
  return broker;
}

/** Time at which examples 7 and 8 add the second broker. */
export const SECOND_BROKER_TIME = 200;

/**
 * Example 7: Broker_0 starts; the simulation is paused at t = 200 (CloudSim's pauseSimulation, which
 * processes the last events dispatched before 200 at 200), Broker_1 is added, and it resumes.
 */
export function runExample7(): ExampleResult {
  const cloud = new CloudSimulation();
  examples7and8Datacenters(cloud);
  const first = examples7and8Broker(cloud, 'Broker_0', 0);
  cloud.bus.pauseAt(SECOND_BROKER_TIME);
  cloud.sim.run({ until: SECOND_BROKER_TIME });
  const second = examples7and8Broker(cloud, 'Broker_1', 100);
  return finish(cloud, [first, second]);
}

type GlobalBrokerMessage = { type: 'create-broker' };

/** Example 8's GlobalBroker: an entity that creates a second broker at t = 200 (no pause). */
class GlobalBroker extends CloudEntity<GlobalBrokerMessage> {
  created: DatacenterBroker | undefined;

  constructor(
    private readonly cloud: CloudSimulation,
    name: string,
  ) {
    super(cloud.bus, name);
  }

  override startEntity(): void {
    this.sendToSelf(SECOND_BROKER_TIME, { type: 'create-broker' });
  }

  override handle(message: GlobalBrokerMessage): void {
    switch (message.type) {
      case 'create-broker':
        this.created = examples7and8Broker(this.cloud, 'Broker_1', 100);
        break;
      default:
        assertNever(message.type);
    }
  }
}

/** Example 8: as 7 without pausing; a GlobalBroker (entity 2) creates Broker_1 at t = 200. */
export function runExample8(): ExampleResult {
  const cloud = new CloudSimulation();
  const global = new GlobalBroker(cloud, 'GlobalBroker');
  examples7and8Datacenters(cloud);
  const first = examples7and8Broker(cloud, 'Broker_0', 0);
  cloud.sim.run();
  const brokers = global.created === undefined ? [first] : [first, global.created];
  return finish(cloud, brokers);
}

/** The eight runners by example number. */
export const EXAMPLES: Readonly<Record<number, () => ExampleResult>> = Object.freeze({
  1: runExample1,
  2: runExample2,
  3: runExample3,
  4: runExample4,
  5: runExample5,
  6: runExample6,
  7: runExample7,
  8: runExample8,
});
