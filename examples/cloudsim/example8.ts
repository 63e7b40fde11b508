/**
 * CloudSimExample8 (CloudSim 7.0.1), ported: as example 7, but without pausing. A `GlobalBroker`
 * entity of our own (created first, so it is entity 2) wakes itself up at t = 200 and creates the
 * second broker while the simulation runs.
 *
 *   npx tsx examples/cloudsim/example8.ts [--json]
 */
import {
  assertNever,
  CLOUDLET_SCHEDULER_FACTORY,
  CloudEntity,
  Cloudlet,
  CloudSimulation,
  type Container,
  createRunContainer,
  Datacenter,
  DatacenterBroker,
  EXAMPLE_CHARACTERISTICS,
  Host,
  makePes,
  runScript,
  SIMULATION,
  VM_ALLOCATION_POLICY,
  VM_SCHEDULER_FACTORY,
  Vm,
} from 'scitsim';
import { printCloudletResults } from 'scitsim/report';

/** A broker with 5 VMs of 250 MIPS and 10 unbound cloudlets of 40000 MI; ids start at `firstId`. */
function createBroker(container: Container, cloud: CloudSimulation, name: string, firstId: number) {
  const broker = new DatacenterBroker(cloud.bus, name, cloud.informationService);
  const vms = Array.from(
    { length: 5 },
    (_, i) =>
      new Vm({
        id: firstId + i,
        mips: 250,
        pes: 1,
        ramMb: 512,
        bwMbps: 1000,
        sizeMb: 10000,
        cloudletScheduler: container.get(CLOUDLET_SCHEDULER_FACTORY)(),
      }),
  );
  const cloudlets = Array.from(
    { length: 10 },
    (_, i) =>
      new Cloudlet({ id: firstId + i, lengthMi: 40000, pes: 1, fileSizeBytes: 300, outputSizeBytes: 300 }),
  );
  broker.submitVmList(vms);
  broker.submitCloudletList(cloudlets);
  return broker;
}

type GlobalBrokerMessage = { type: 'create-broker' };

/** Creates Broker_1 at t = 200, from inside the running simulation. */
class GlobalBroker extends CloudEntity<GlobalBrokerMessage> {
  created: DatacenterBroker | undefined;

  constructor(
    private readonly container: Container,
    private readonly cloud: CloudSimulation,
  ) {
    super(cloud.bus, 'GlobalBroker');
  }

  override startEntity(): void {
    this.sendToSelf(200, { type: 'create-broker' });
  }

  override handle(message: GlobalBrokerMessage): void {
    switch (message.type) {
      case 'create-broker':
        this.created = createBroker(this.container, this.cloud, 'Broker_1', 100);
        break;
      default:
        assertNever(message.type); // a message type added above and not handled is a compile error
    }
  }
}

/** Builds the scenario with `container`'s policies, runs it and returns both brokers. */
export function example8(container: Container): DatacenterBroker[] {
  const cloud = new CloudSimulation({ sim: container.get(SIMULATION) });
  const global = new GlobalBroker(container, cloud);

  const characteristics = { ...EXAMPLE_CHARACTERISTICS, costPerStorage: 0.1, costPerBw: 0.1 };
  for (const name of ['Datacenter_0', 'Datacenter_1']) {
    const hosts = [4, 2].map(
      (pes, id) =>
        new Host({
          id,
          pes: makePes(pes, 1000),
          ramMb: 16384,
          bwMbps: 10000,
          storageMb: 1_000_000,
          vmScheduler: container.get(VM_SCHEDULER_FACTORY),
        }),
    );
    new Datacenter(cloud.bus, {
      name,
      characteristics,
      hosts,
      vmAllocationPolicy: container.get(VM_ALLOCATION_POLICY),
      informationService: cloud.informationService,
    });
  }
  const first = createBroker(container, cloud, 'Broker_0', 0);

  cloud.sim.run();
  return global.created === undefined ? [first] : [first, global.created];
}

await runScript(
  import.meta.url,
  (values) => printCloudletResults(example8(createRunContainer()), values.json),
  { json: { type: 'boolean', default: false } },
);
