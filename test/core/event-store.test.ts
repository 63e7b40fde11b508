import { describe, expect, it } from 'vitest';
import { EventStore } from '../../src/core/event-store.js';
import type { EventRecord } from '../../src/core/events.js';

/** Schedules a plain timer event labelled `label` at `time`; returns its record. */
function add(store: EventStore, time: number, label: string): EventRecord<string> {
  const slot = store.fill(undefined, undefined, label, undefined);
  return {
    time,
    seq: store.push(time, slot),
    source: undefined,
    target: undefined,
    message: label,
    cancelled: false,
    slot,
  };
}

/** Takes every live event in order, as the kernel does: `nextTime`, `take`, read, `release`. */
function drain(store: EventStore): string[] {
  const out: string[] = [];
  while (store.nextTime() !== Number.POSITIVE_INFINITY) {
    const slot = store.take();
    out.push(store.messages[slot] as string);
    store.release(slot);
  }
  return out;
}

describe('EventStore', () => {
  it('gives events back in (time, sequence) order and reuses freed slots', () => {
    const store = new EventStore();
    const first = add(store, 2, 'b');
    add(store, 1, 'a');
    add(store, 2, 'c');
    expect(store.pending).toBe(3);
    expect(drain(store)).toEqual(['a', 'b', 'c']);
    expect(store.pending).toBe(0);
    expect(add(store, 5, 'd').slot).toBeLessThanOrEqual(first.slot + 2);
  });

  it('cancel: a cancelled event is skipped by nextTime and counted out of pending', () => {
    const store = new EventStore();
    const a = add(store, 1, 'a');
    add(store, 2, 'b');
    expect(store.cancel(a)).toBe(true);
    expect(a.cancelled).toBe(true);
    expect(store.cancel(a)).toBe(false);
    expect(store.pending).toBe(1);
    expect(store.nextTime()).toBe(2);
    expect(drain(store)).toEqual(['b']);
  });

  it('a record whose slot was reused by a later event no longer cancels anything', () => {
    const store = new EventStore();
    const old = add(store, 1, 'old');
    drain(store);
    add(store, 3, 'new'); // takes the freed slot, with a new sequence number
    expect(store.cancel(old)).toBe(false);
    expect(drain(store)).toEqual(['new']);
  });

  it('lanes: only the head is in the heap; the rest follow in order', () => {
    const store = new EventStore();
    const lane = store.addLane();
    for (const [time, label] of [
      [10, 'l1'],
      [11, 'l2'],
      [12, 'l3'],
    ] as const) {
      store.pushOnLane(lane, time, store.fill(undefined, undefined, label, undefined));
    }
    add(store, 10.5, 'plain');
    expect(store.pending).toBe(4);
    expect(drain(store)).toEqual(['l1', 'plain', 'l2', 'l3']);
  });

  it('purges cancelled events once they are many and the majority, keeping the rest in order', () => {
    const store = new EventStore();
    const records = Array.from({ length: 10_000 }, (_, i) => add(store, i % 7, `e${i}`));
    for (const record of records) if (Number(record.message.slice(1)) % 1000 !== 0) store.cancel(record);
    expect(store.pending).toBe(10);
    const kept = records.filter((r) => !r.cancelled);
    kept.sort((x, y) => x.time - y.time || x.seq - y.seq);
    expect(drain(store)).toEqual(kept.map((r) => r.message));
  });
});
