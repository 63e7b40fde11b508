import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventStore } from '../../src/core/event-store.js';
import type { EventRecord } from '../../src/core/events.js';

/** Schedules a plain timer event labelled `label` at `time`; returns its record. */
function add(store: EventStore, time: number, label: string): EventRecord<string> {
  const slot = store.fill(-1, -1, label);
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
    out.push(store.payloads[slot] as string);
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

  it('sequence numbers past the int32 range come back exact (the slot record keeps only int32 ones)', () => {
    const store = new EventStore();
    (store as unknown as { nextSeq: number }).nextSeq = 2 ** 31 - 2;
    const records = ['a', 'b', 'c', 'd'].map((label) => add(store, 1, label));
    expect(records.map((r) => r.seq)).toEqual([2 ** 31 - 2, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1]);
    const seen: [string, number][] = [];
    while (store.nextTime() !== Number.POSITIVE_INFINITY) {
      const slot = store.take();
      seen.push([store.payloads[slot] as string, store.seqOf(slot)]);
      store.release(slot);
    }
    expect(seen).toEqual(records.map((r) => [r.message, r.seq]));
  });

  it('equal times stay FIFO across the int32 limit, with events stored before it and slots grown after it', () => {
    const store = new EventStore();
    const before = Array.from({ length: 50 }, (_, i) => add(store, 7, `b${i}`));
    (store as unknown as { nextSeq: number }).nextSeq = 2 ** 31 - 25;
    // 150 more at the same time: the numbers cross 2^31 and the slots grow past their first 64.
    const after = Array.from({ length: 150 }, (_, i) => add(store, 7, `a${i}`));
    const cancelled = after[100];
    expect(store.cancel(cancelled)).toBe(true);
    expect(after[149].seq).toBe(2 ** 31 + 124);
    expect(drain(store)).toEqual([...before, ...after].filter((r) => r !== cancelled).map((r) => r.message));
  });

  it('lanes: only the head is in the heap; the rest follow in order', () => {
    const store = new EventStore();
    const lane = store.addLane();
    for (const [time, label] of [
      [10, 'l1'],
      [11, 'l2'],
      [12, 'l3'],
    ] as const) {
      store.pushOnLane(lane, time, store.fill(-1, -1, label));
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

  it('property: events scheduled or cancelled right after a take (in its handler) keep (time, sequence) order', () => {
    // The taken event leaves the heap lazily (replaced by the handler's first event, else at the next
    // read); pending, nextTime, cancel and lanes must not see it, whatever follows the take.
    const op = fc.oneof(
      fc.record({ kind: fc.constant('send' as const), delay: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('lane' as const), lane: fc.integer({ min: 0, max: 1 }) }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('next' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const store = new EventStore();
        const laneDelays = [1, 2];
        const lanes = laneDelays.map(() => store.addLane());
        type Ref = { time: number; seq: number; label: number; record: EventRecord<number> };
        let live: Ref[] = [];
        let now = 0;
        let label = 0;
        const schedule = (time: number, lane: number | undefined) => {
          const slot = store.fill(-1, -1, label);
          const seq = lane === undefined ? store.push(time, slot) : store.pushOnLane(lanes[lane], time, slot);
          const record = {
            time,
            seq,
            source: undefined,
            target: undefined,
            message: label,
            cancelled: false,
            slot,
          };
          live.push({ time, seq, label: label++, record });
        };
        for (const o of ops) {
          if (o.kind === 'send') schedule(now + o.delay, undefined);
          else if (o.kind === 'lane') schedule(now + laneDelays[o.lane], o.lane);
          else if (o.kind === 'cancel') {
            if (live.length === 0) continue;
            const victim = live[o.pick % live.length];
            expect(store.cancel(victim.record)).toBe(true);
            live = live.filter((r) => r !== victim);
          } else {
            live.sort((x, y) => x.time - y.time || x.seq - y.seq);
            const first = live.shift();
            expect(store.nextTime()).toBe(first?.time ?? Number.POSITIVE_INFINITY);
            if (first === undefined) continue;
            const slot = store.take();
            expect(store.payloads[slot]).toBe(first.label);
            store.release(slot);
            now = first.time;
          }
          expect(store.pending).toBe(live.length);
        }
        live.sort((x, y) => x.time - y.time || x.seq - y.seq);
        expect(drain(store)).toEqual(live.map((r) => r.label));
      }),
    );
  });
});
