/** What a listener can do with a signal: subscribe, and later unsubscribe. Nothing else. */
export interface Subscribable<T> {
  /** Adds `listener`; returns a function that removes it. */
  subscribe(listener: (value: T) => void): () => void;
}

/**
 * A typed signal: listeners subscribe, the owner emits after a change has happened (SimGrid style).
 * Emitting with no listener costs one length check, so signals can sit on hot paths.
 */
export class Signal<T> implements Subscribable<T> {
  private listeners: ((value: T) => void)[] = [];

  /** Number of subscribed listeners. */
  get size(): number {
    return this.listeners.length;
  }

  subscribe(listener: (value: T) => void): () => void {
    // Copy on write: a listener may unsubscribe while an emit is iterating.
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Calls every listener with `value`, in subscription order. Exceptions propagate. */
  emit(value: T): void {
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i](value);
  }
}

/**
 * Subscribes `listener` to `signal` until `end` fires (e.g. `sim.hooks.finished`), then removes
 * both subscriptions. Returns a function that removes them earlier.
 */
export function subscribeUntil<T>(
  signal: Subscribable<T>,
  end: Subscribable<unknown>,
  listener: (value: T) => void,
): () => void {
  const off = signal.subscribe(listener);
  const release = (): void => {
    off();
    offEnd();
  };
  const offEnd = end.subscribe(release);
  return release;
}
