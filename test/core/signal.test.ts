import { describe, expect, it } from 'vitest';
import { Signal, subscribeOnly } from '../../src/core/index.js';

describe('Signal', () => {
  it('calls listeners in subscription order; a listener may unsubscribe during an emit', () => {
    const signal = new Signal<number>();
    const seen: string[] = [];
    const offA = signal.subscribe((v) => {
      seen.push(`a${v}`);
      offA();
    });
    signal.subscribe((v) => seen.push(`b${v}`));
    expect(signal.size).toBe(2);
    signal.emit(1);
    signal.emit(2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
    expect(signal.size).toBe(1);
  });

  it('subscribe(listener, until) removes the listener when `until` fires, or earlier on request', () => {
    const values = new Signal<number>();
    const end = new Signal<void>();
    const seen: number[] = [];
    values.subscribe((v) => seen.push(v), end);
    values.emit(1);
    end.emit();
    values.emit(2);
    expect(seen).toEqual([1]);
    expect([values.size, end.size]).toEqual([0, 0]);
    const unsubscribe = values.subscribe((v) => seen.push(v), end);
    expect([values.size, end.size]).toEqual([1, 1]);
    unsubscribe();
    values.emit(3);
    expect([values.size, end.size, seen.length]).toEqual([0, 0, 1]);
  });

  it('a listener added during an emit is called from the next emit on; a throwing listener leaves the signal usable', () => {
    const signal = new Signal<number>();
    const seen: string[] = [];
    const off = signal.subscribe((v) => {
      seen.push(`a${v}`);
      if (v === 1) signal.subscribe((w) => seen.push(`c${w}`));
      if (v === 2) throw new Error('boom');
    });
    signal.subscribe((v) => seen.push(`b${v}`));
    signal.emit(1);
    expect(() => signal.emit(2)).toThrow('boom');
    off();
    signal.emit(3);
    // After the throw no emit is in progress: removing `a` edited the array, and `b`, `c` still hear.
    expect(seen).toEqual(['a1', 'b1', 'a2', 'b3', 'c3']);
    expect(signal.size).toBe(2);
  });

  it('subscribeOnly exposes subscribe and nothing else, also at run time', () => {
    const signal = new Signal<number>();
    const view = subscribeOnly(signal);
    const seen: number[] = [];
    view.subscribe((v) => seen.push(v));
    signal.emit(4);
    expect(seen).toEqual([4]);
    expect('emit' in view).toBe(false);
    expect(Object.isFrozen(view)).toBe(true);
  });
});
