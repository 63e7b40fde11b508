/** What a listener can do with a signal: subscribe (and so unsubscribe). Nothing else. */
export type Subscribable<T> = Pick<Signal<T>, 'subscribe'>;

/** The listeners of a signal nobody has subscribed to: shared, never changed (frozen). */
const NO_LISTENERS: readonly never[] = Object.freeze([]);

/**
 * A typed signal: listeners subscribe, the owner emits after a change has happened (SimGrid style).
 * Emitting with no listener costs one length check, so signals can sit on hot paths.
 *
 * Allocation (a sweep builds ~10 signals per run): a signal without listeners holds no array of its
 * own; subscribing makes a copy of exactly the new length, and unsubscribing edits the array in place
 * unless an emit is going through it (then it is copied), so an emit always calls the listeners that
 * were subscribed when it began.
 */
export class Signal<T> {
  private listeners: ((value: T) => void)[] = NO_LISTENERS as never[];
  /** Emits in progress (nested emits count each): while > 0, changes copy `listeners`. */
  private emitting = 0;

  get size(): number {
    return this.listeners.length;
  }

  /**
   * Adds `listener`; returns a function that removes it. With `until` (e.g. `sim.hooks.finished`),
   * it is also removed when `until` fires.
   */
  subscribe(listener: (value: T) => void, until?: Subscribable<unknown>): () => void {
    // A copy of exactly the new length (concat): pushing onto a full array would grow it by 16 slots
    // (a signal has one to three listeners), and the array an emit iterates must not change anyway.
    this.listeners = this.listeners.concat(listener);
    const unsubscribe = (): void => {
      this.remove(listener);
      stopWatching?.();
    };
    const stopWatching = until?.subscribe(unsubscribe);
    return unsubscribe;
  }

  /** Removes every subscription of `listener`. */
  private remove(listener: (value: T) => void): void {
    const listeners = this.listeners;
    if (!listeners.includes(listener)) return;
    if (this.emitting > 0) {
      this.listeners = listeners.filter((l) => l !== listener);
      return;
    }
    let kept = 0;
    for (let i = 0; i < listeners.length; i++)
      if (listeners[i] !== listener) listeners[kept++] = listeners[i];
    listeners.length = kept;
  }

  /** Calls every listener with `value`, in subscription order. Exceptions propagate. */
  emit(value: T): void {
    const listeners = this.listeners;
    if (listeners.length === 0) return;
    this.emitting++;
    try {
      for (let i = 0; i < listeners.length; i++) listeners[i](value);
    } finally {
      this.emitting--;
    }
  }
}

/**
 * `signal` without its `emit`, also at run time: an object whose only member is `subscribe` (frozen,
 * the signal in a private field). One small object, no closure: systems are built once per run.
 */
export function subscribeOnly<T>(signal: Subscribable<T>): Subscribable<T> {
  return new SubscribeOnly(signal);
}

class SubscribeOnly<T> implements Subscribable<T> {
  readonly #signal: Subscribable<T>;

  constructor(signal: Subscribable<T>) {
    this.#signal = signal;
    Object.freeze(this);
  }

  subscribe(listener: (value: T) => void, until?: Subscribable<unknown>): () => void {
    return this.#signal.subscribe(listener, until);
  }
}
