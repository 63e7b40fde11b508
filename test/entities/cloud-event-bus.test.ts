import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/core/index.js';
import { CloudEntity, type CloudEventBus, CloudSimulation } from '../../src/entities/index.js';

type Note = { type: 'note'; text: string; replyTo?: Recorder };

/** Records (time, id, text) of every message; replies with zero delay when asked. */
class Recorder extends CloudEntity<Note> {
  constructor(
    bus: CloudEventBus,
    name: string,
    private readonly log: string[],
  ) {
    super(bus, name);
  }

  override handle(message: Note, _event: SimEvent<Note>): void {
    this.log.push(`${this.sim.now}:${this.id}:${message.text}`);
    if (message.replyTo !== undefined)
      this.sendTo(message.replyTo, 0, { type: 'note', text: `re-${message.text}` });
  }

  say(target: Recorder, delay: number, text: string, replyTo?: Recorder): void {
    this.sendTo(target, delay, { type: 'note', text, replyTo });
  }
}

function setup() {
  const cloud = new CloudSimulation();
  const log: string[] = [];
  const a = new Recorder(cloud.bus, 'a', log); // id 2
  const b = new Recorder(cloud.bus, 'b', log); // id 3
  return { cloud, log, a, b };
}

describe('CloudEventBus (CloudSim event order)', () => {
  it('processes a same-time wave entity by entity in id order, each in send order', () => {
    const { cloud, log, a, b } = setup();
    b.say(b, 1, 'b1');
    a.say(b, 1, 'b2');
    b.say(a, 1, 'a1');
    cloud.sim.run();
    // FIFO would give b1, b2, a1; CloudSim gives entity 2 (a) first.
    expect(log).toEqual(['1:2:a1', '1:3:b1', '1:3:b2']);
  });

  it('zero-delay messages sent while processing form the next wave at the same time', () => {
    const { cloud, log, a, b } = setup();
    a.say(b, 1, 'x', a); // b replies to a with zero delay
    b.say(b, 1, 'y');
    cloud.sim.run();
    expect(log).toEqual(['1:3:x', '1:3:y', '1:2:re-x']);
  });

  it('pause, case 1: the wave dispatched last before the pause time is processed at the pause time', () => {
    const { cloud, log, a, b } = setup();
    a.say(b, 5, 'early');
    a.say(b, 50, 'late');
    cloud.bus.pauseAt(20);
    cloud.sim.run({ until: 20 });
    expect(log).toEqual([]); // dispatched at 5, held
    cloud.sim.run();
    expect(log).toEqual(['20:3:early', '50:3:late']);
  });

  it('pause, case 2: a last wave beyond the pause time is processed at the pause time', () => {
    const { cloud, log, a, b } = setup();
    a.say(b, 50, 'last');
    cloud.bus.pauseAt(20);
    cloud.sim.run({ until: 20 });
    cloud.sim.run();
    // CloudSim dispatches it, finds its queue empty and sets its clock back to 20.
    expect(log).toEqual(['20:3:last']);
  });

  it('an entity created while paused starts at the current time, after the held wave', () => {
    const { cloud, log, a, b } = setup();
    a.say(b, 5, 'held');
    a.say(b, 60, 'later');
    cloud.bus.pauseAt(20);
    cloud.sim.run({ until: 20 });
    class Starter extends Recorder {
      override startEntity(): void {
        this.say(b, 0, 'hello');
      }
    }
    new Starter(cloud.bus, 'c', log);
    cloud.sim.run();
    expect(log).toEqual(['20:3:held', '20:3:hello', '60:3:later']);
  });

  it('postEach delivers, counts and orders its messages as that many posts in a row would', () => {
    const texts = ['r0', 'r1', 'r2'];
    const run = (each: boolean) => {
      const { cloud, log, a, b } = setup();
      const events: number[] = [];
      const seen = (entity: Recorder) => {
        const handle = entity.handle.bind(entity);
        entity.handle = (message, event) => {
          events.push(event.seq);
          handle(message, event);
        };
      };
      seen(a);
      seen(b);
      b.say(b, 2, 'before');
      if (each) cloud.bus.postEach(a, b, 2, texts.length, (i) => ({ type: 'note', text: texts[i] }));
      else for (const text of texts) cloud.bus.post(a, b, 2, { type: 'note', text });
      b.say(a, 2, 'after');
      b.say(b, 2, 'last', a);
      const pendingBefore = cloud.bus.pending;
      cloud.sim.run();
      return { log, events, pendingBefore, delivered: cloud.bus.messagesDelivered };
    };
    const together = run(true);
    expect(together).toEqual(run(false));
    expect(together.log).toEqual([
      '2:2:after',
      '2:3:before',
      '2:3:r0',
      '2:3:r1',
      '2:3:r2',
      '2:3:last',
      '2:2:re-last',
    ]);
    expect([together.pendingBefore, together.delivered]).toEqual([6, 7]);
  });

  it('postRepeat delivers, orders and counts each message where post would', () => {
    const tick = { type: 'note', text: 'tick' } as const;
    const run = (repeat: boolean) => {
      const { cloud, log, a, b } = setup();
      const send = (delay: number) =>
        repeat ? cloud.bus.postRepeat(b, b, delay, tick) : cloud.bus.post(b, b, delay, tick);
      send(1);
      send(2);
      send(1); // right after the first one for time 1
      a.say(b, 1, 'between');
      send(1); // after 'between'
      a.say(a, 1, 'other');
      const pending = cloud.bus.pending;
      cloud.sim.run();
      return { log, pending, delivered: cloud.bus.messagesDelivered };
    };
    const repeated = run(true);
    expect(repeated).toEqual(run(false));
    expect(repeated.log).toEqual([
      '1:2:other',
      '1:3:tick',
      '1:3:tick',
      '1:3:between',
      '1:3:tick',
      '2:3:tick',
    ]);
    expect([repeated.pending, repeated.delivered]).toEqual([6, 6]);
  });
});
