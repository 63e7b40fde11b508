import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../src/core/index.js';
import { CloudEntity, type CloudEventBus, CloudSimulation } from '../../src/entities/index.js';

type Note = { type: 'note'; text: string };

class Node extends CloudEntity<Note> {
  readonly log: string[] = [];
  constructor(bus: CloudEventBus, name: string) {
    super(bus, name);
  }
  override handle(message: Note): void {
    this.log.push(`${this.sim.now} ${message.text}`);
  }
  viaBus(target: Node, text: string): void {
    this.sendTo(target, 1, { type: 'note', text });
    this.sendToSelf(2, { type: 'note', text: `self ${text}` });
  }
  viaKernel(target: Node): void {
    // @ts-expect-error The kernel's send would bypass CloudSim's order: not callable on a CloudEntity.
    this.send(target, 1, { type: 'note', text: 'bypass' });
  }
  viaKernelSelf(): void {
    // @ts-expect-error Likewise sendSelf.
    this.sendSelf(1, { type: 'note', text: 'bypass' });
  }
}

describe('CloudEntity', () => {
  it('sends only through the bus (sendTo, sendToSelf)', () => {
    const cloud = new CloudSimulation();
    const a = new Node(cloud.bus, 'a');
    const b = new Node(cloud.bus, 'b');
    a.viaBus(b, 'hello');
    cloud.sim.run();
    expect(b.log).toEqual(['1 hello']);
    expect(a.log).toEqual(['2 self hello']);
    expect(cloud.bus.messagesDelivered).toBe(2);
  });

  it("cannot use the kernel's send or sendSelf: a compile error, and a clear error at run time", () => {
    const cloud = new CloudSimulation();
    const a = new Node(cloud.bus, 'a');
    const b = new Node(cloud.bus, 'b');
    expect(() => a.viaKernel(b)).toThrow(SimulationError);
    expect(() => a.viaKernel(b)).toThrow(
      "a: send() would bypass CloudSim's event order on a CloudEntity; use sendTo()",
    );
    expect(() => a.viaKernelSelf()).toThrow(/use sendToSelf\(\)/);
    expect(cloud.sim.pending).toBe(0);
  });

  it('the bus hands the handler a SimEvent naming time, source and target', () => {
    const cloud = new CloudSimulation();
    const a = new Node(cloud.bus, 'a');
    const b = new Node(cloud.bus, 'b');
    const event = cloud.bus.send(a, b, 3, { type: 'note', text: 'x' });
    expect([event.time, event.source, event.target, event.cancelled]).toEqual([3, a, b, false]);
  });
});
