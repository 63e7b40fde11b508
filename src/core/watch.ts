/**
 * What user code (a researcher's module, constructor or decision) this thread is running, told to
 * whoever watches it: a watchdog in another thread that reports code that never returns. The watch is
 * carried by the asynchronous context (`AsyncLocalStorage`), not by a module variable, so a watched
 * task and an unwatched one can run in one process; code that runs user code asks
 * {@link currentWatch} and tells it before and after.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** What is running: loading a module, constructing a class. (Decisions are told through `decisions`.) */
export type WatchedPhase = 'load' | 'constructor';

export interface CodeWatch {
  /** User code is about to run: loading the module at path `subject`, or constructing `subject`. */
  enter(phase: WatchedPhase, subject: string): void;
  /** It returned (or threw). */
  leave(): void;
  /**
   * The observer of a SCIT strategy's decisions (an `entities/scit` `DecisionObserver`), when this
   * watch follows decisions too.
   */
  readonly decisions?: unknown;
  /** The user code just built calls itself `name` (a rotation strategy's name), for reports. */
  named?(name: string): void;
  /** A run starts with `seed`, on a system with these services (the same array while it is unchanged). */
  run?(seed: number | string, services: readonly { readonly name: string }[]): void;
}

const context = new AsyncLocalStorage<CodeWatch>();

/** Runs `task` (and everything it awaits) with `watch` as the current watch. */
export function withWatch<T>(watch: CodeWatch, task: () => T): T {
  return context.run(watch, task);
}

/** The watch of the running task, if it is watched. */
export function currentWatch(): CodeWatch | undefined {
  return context.getStore();
}

/** Runs `code` (user code in `phase`) told to the current watch, if any. */
export function watched<T>(phase: WatchedPhase, subject: string, code: () => T): T {
  const watch = context.getStore();
  if (watch === undefined) return code();
  watch.enter(phase, subject);
  try {
    return code();
  } finally {
    watch.leave();
  }
}

/** Like {@link watched}, for asynchronous user code (a module import): the watch stays entered until it settles. */
export async function watchedAsync<T>(
  phase: WatchedPhase,
  subject: string,
  code: () => Promise<T>,
): Promise<T> {
  const watch = context.getStore();
  if (watch === undefined) return code();
  watch.enter(phase, subject);
  try {
    return await code();
  } finally {
    watch.leave();
  }
}
