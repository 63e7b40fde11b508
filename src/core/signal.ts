/**
 * A typed signal: listeners subscribe, the owner emits after a change has happened (SimGrid style).
 * Emitting with no listener costs one length check, so signals can sit on hot paths.
 */
export class Signal<T> {
  private listeners: ((value: T) => void)[] = [];

  /** Number of subscribed listeners. */
  get size(): number {
    return this.listeners.length;
  }

  /** Adds `listener`; returns a function that removes it. */
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
