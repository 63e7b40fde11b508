/**
 * The lock on a sweep's output directory: one file, `sweep.lock`, saying which process writes there
 * (pid, host, since when). A sweep or a merge takes it before touching the directory and removes it
 * when done, so a second one into the same directory is refused at once, naming the holder, instead
 * of two of them racing on the same cell files.
 *
 * The file appears whole or not at all (written under a private name, then hard-linked to its name:
 * the link fails if a lock exists). A lock whose process is gone (same host, no such pid: killed with
 * `kill -9`, the machine rebooted…) is stale: it is taken over, and the caller is told so. A lock held
 * on another host cannot be checked from here (nor a pid reused by another program): the message says
 * which file to remove if that process is gone.
 */
import { link, mkdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.js';

/** The lock file's name in a sweep directory. */
export const LOCK_FILE = 'sweep.lock';

/** Who holds a lock. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** When the lock was taken (ISO 8601). */
  readonly started: string;
  /** What holds it (`sweep`, `merge`). */
  readonly what: string;
}

/** A lock held by this process. */
export interface DirLock {
  /** Removes the lock (and the directory, if the lock made it and nothing else was put there). */
  release(): Promise<void>;
}

/** `pid 123 on host h (a sweep since 2026-…)`. */
export function describeHolder(holder: LockHolder): string {
  return `pid ${holder.pid} on host ${holder.host} (a ${holder.what} since ${holder.started})`;
}

/** Whether `holder` still runs: `true` when it cannot be told (another host). */
function holderAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (
      Number.isInteger(value.pid) &&
      typeof value.host === 'string' &&
      typeof value.started === 'string' &&
      typeof value.what === 'string'
    )
      return value as LockHolder;
  } catch {
    // not a lock of ours: reported as unreadable below
  }
  return undefined;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The live holder of `dir`'s lock, if any: what a reader (merge, resume) checks so that it never reads
 * a directory another process is writing.
 */
export async function lockHolder(dir: string): Promise<LockHolder | undefined> {
  const text = await readText(join(dir, LOCK_FILE));
  if (text === undefined) return undefined;
  const holder = parseHolder(text);
  return holder === undefined || holderAlive(holder) ? holder : undefined;
}

/**
 * Takes the lock on `dir` (made if missing) for `what` (`sweep`, `merge`); `field` names the directory
 * in errors. Refuses (a `ConfigError`, exit code 2) when a live process holds it; takes over a stale one
 * and calls `onWarning` with what it did.
 */
export async function lockDir(
  dir: string,
  field: string,
  what: string,
  onWarning: (message: string) => void = () => {},
): Promise<DirLock> {
  const made = (await stat(dir).catch(() => undefined)) === undefined;
  await mkdir(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(), // allow-wallclock: when the lock was taken, for people to read
    what,
  };
  const mine = `${path}.${process.pid}.new`;
  await writeFile(mine, `${JSON.stringify(holder)}\n`);
  try {
    // A few rounds: another process may take over the same stale lock at the same moment.
    for (let round = 0; round < 5; round++) {
      try {
        await link(mine, path);
        return {
          release: async () => {
            await rm(path, { force: true });
            if (made) await rmdir(dir).catch(() => {});
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const text = await readText(path);
      if (text === undefined) continue;
      const other = parseHolder(text);
      if (other === undefined)
        throw new ConfigError(
          field,
          dir,
          `holds a ${LOCK_FILE} that is not a scitsim lock: remove ${path} if no sweep writes there`,
        );
      if (holderAlive(other))
        throw new ConfigError(
          field,
          dir,
          `is in use by ${describeHolder(other)}: wait for it to finish or use another directory ` +
            `(if that process is gone, remove ${path})`,
        );
      // Stale: move it aside under a name of our own; only one taker's rename finds it.
      const aside = `${path}.${process.pid}.stale`;
      try {
        await rename(path, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const moved = await readText(aside);
      if (moved !== text) {
        // Another taker's fresh lock was moved, not the stale one: put it back (if its place is free).
        await link(aside, path).catch(() => {});
        await rm(aside, { force: true });
        continue;
      }
      await rm(aside, { force: true });
      onWarning(
        `${path} was left by ${describeHolder(other)}, which no longer runs (stopped with kill -9 or a ` +
          'crash?); taking it over',
      );
    }
    throw new ConfigError(field, dir, `could not take its lock ${path}: other processes keep taking it`);
  } finally {
    await rm(mine, { force: true });
  }
}
