/** What a listener can do with a signal: subscribe (and so unsubscribe). Nothing else. */
export type Subscribable<T> = Pick<Signal<T>, 'subscribe'>;

/**
 * A typed signal: listeners subscribe, the owner emits after a change has happened (SimGrid style).
 * Emitting with no listener costs one length check, so signals can sit on hot paths.
 */
export class Signal<T> {
  private listeners: ((value: T) => void)[] = [];

  get size(): number {
    return this.listeners.length;
  }

  /**
   * Adds `listener`; returns a function that removes it. With `until` (e.g. `sim.hooks.finished`),
   * it is also removed when `until` fires.
   */
  subscribe(listener: (value: T) => void, until?: Subscribable<unknown>): () => void {
    // Copy on write: a listener may unsubscribe while an emit is iterating.
    this.listeners = [...this.listeners, listener];
    const unsubscribe = (): void => {
      this.listeners = this.listeners.filter((l) => l !== listener);
      stopWatching?.();
    };
    const stopWatching = until?.subscribe(unsubscribe);
    return unsubscribe;
  }

  /** Calls every listener with `value`, in subscription order. Exceptions propagate. */
  emit(value: T): void {
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i](value);
  }
}
