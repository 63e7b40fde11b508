/**
 * Output files, checked before any computation and written so that nothing half-done is ever left:
 * a file goes to a temporary name and is renamed; a result set (several files) goes to a temporary
 * sibling directory and replaces the previous set only once complete.
 */
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError, systemErrorCode, systemErrorReason } from '../core/errors.js';
import { fileKind } from '../runs/input-files.js';

/**
 * A result that could not be written (the disk is full, the file system read-only …): its message is
 * one line, `could not write PATH: no space left on device`; nothing half-written was left behind.
 */
export class OutputError extends Error {
  override readonly name = 'OutputError';

  constructor(
    /** The file or directory being written. */
    readonly path: string,
    /** What failed (a system error), or why the path cannot be written. */
    cause: unknown,
  ) {
    super(`could not write ${path}: ${typeof cause === 'string' ? cause : systemErrorReason(cause)}`, {
      cause,
    });
  }
}

/** `error` as an {@link OutputError} about `path` (configuration and output errors pass as they are). */
export function asOutputError(error: unknown, path: string): unknown {
  return error instanceof OutputError || error instanceof ConfigError ? error : new OutputError(path, error);
}

/**
 * Writes `content` (a string, bytes, or chunks of bytes written in order) to `path` (creating its
 * folder) via a temporary file and a rename. Through a symbolic link, the file it points to is
 * replaced. Fails with an {@link OutputError} (and leaves no temporary file) when the disk is full,
 * or when `path` is a device or a pipe (a rename would replace it).
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array | Iterable<Uint8Array>,
): Promise<void> {
  const target = await realpath(path).catch(() => path);
  const info = await statOrUndefined(target);
  if (info !== undefined && !info.isFile())
    throw new OutputError(path, `it is ${fileKind(info)}, not a regular file`);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(temporary, content);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw asOutputError(error, path);
  }
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

/** The nearest existing ancestor of `path` must be a writable directory (where `path` will be made). */
async function checkCreatable(path: string, field: string, what: string): Promise<void> {
  let ancestor = dirname(resolve(path));
  let info = await statOrUndefined(ancestor);
  while (info === undefined && dirname(ancestor) !== ancestor) {
    ancestor = dirname(ancestor);
    info = await statOrUndefined(ancestor);
  }
  if (info === undefined || !info.isDirectory())
    throw new ConfigError(field, path, `cannot be created: ${ancestor} is not a directory`);
  await probeWritable(
    ancestor,
    () => new ConfigError(field, path, `cannot be created: ${ancestor} is not writable (${what})`),
  );
}

/**
 * Whether files can really be made in `dir`: by making and removing one (permission bits alone do not
 * say it — root ignores them, read-only and virtual file systems refuse anyway).
 */
async function probeWritable(dir: string, failure: () => ConfigError): Promise<void> {
  let probe: string | undefined;
  try {
    probe = await mkdtemp(join(dir, '.scitsim-probe-'));
  } catch (error) {
    const refused = failure();
    // A full disk is not a permission problem: say which it is.
    const code = systemErrorCode(error);
    if (code === 'ENOSPC' || code === 'EDQUOT') refused.message += ` (${systemErrorReason(error)})`;
    throw refused;
  } finally {
    if (probe !== undefined) await rm(probe, { recursive: true, force: true });
  }
}

/**
 * Checks, before anything runs, that `file` can be written: a non-empty path that is not a directory,
 * writable if it exists, in a directory that exists and is writable or can be made.
 */
export async function checkOutputFile(file: string, field: string): Promise<void> {
  if (file.trim() === '') throw new ConfigError(field, file, 'must name a file');
  const info = await statOrUndefined(file);
  if (info?.isDirectory()) throw new ConfigError(field, file, 'is a directory, not a file');
  // A device or a pipe (/dev/null, a FIFO) would be replaced by the rename that writes the file.
  if (info !== undefined && !info.isFile())
    throw new ConfigError(field, file, `is ${fileKind(info)}, not a regular file`);
  if (info !== undefined) {
    await access(file, constants.W_OK).catch(() => {
      throw new ConfigError(field, file, 'exists and is not writable');
    });
    return;
  }
  await checkCreatable(file, field, 'a new file goes there');
}

/**
 * Checks, before anything runs, that `dir` can receive a result set: a non-empty path that is not a
 * file; if it exists, a writable directory that is empty or holds an earlier result set (one of
 * `markers` present) — never someone's other files; otherwise creatable.
 */
export async function checkOutputDir(
  dir: string,
  field: string,
  markers: readonly string[] = [],
): Promise<void> {
  if (dir.trim() === '') throw new ConfigError(field, dir, 'must name a directory');
  const info = await statOrUndefined(dir);
  if (info === undefined) return checkCreatable(dir, field, 'a new directory goes there');
  if (!info.isDirectory()) throw new ConfigError(field, dir, 'exists and is a file, not a directory');
  await probeWritable(dir, () => new ConfigError(field, dir, 'exists and is not writable'));
  const entries = await readdir(dir);
  if (entries.length > 0 && !markers.some((marker) => entries.includes(marker)))
    throw new ConfigError(
      field,
      dir,
      `exists and holds other files (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}): ` +
        'give a new or empty directory, or one with earlier results',
    );
}

/**
 * Writes a result set: every file into a temporary sibling of `dir`, then the sibling replaces `dir`
 * (whose earlier set, if any, is removed only afterwards). An interrupted or failing write leaves the
 * earlier set as it was and no partial one. `files` are (name relative to `dir`, content) pairs.
 */
export async function writeResultSet(
  dir: string,
  files: readonly (readonly [string, string])[],
): Promise<void> {
  const target = resolve(dir);
  const parent = dirname(target);
  const partial = join(parent, `.${basename(target)}.partial-${process.pid}`);
  const previous = join(parent, `.${basename(target)}.previous-${process.pid}`);
  for (const [name] of files) {
    const path = relative(target, resolve(target, name));
    if (path === '' || path.startsWith('..') || isAbsolute(path))
      throw new ConfigError('file name', name, `must name a file inside ${dir}`);
  }
  /** What an error names: the file being written, else the set's directory. */
  let writing = dir;
  let moved = false;
  try {
    await mkdir(parent, { recursive: true });
    await rm(partial, { recursive: true, force: true });
    for (const [name, content] of files) {
      writing = join(dir, name);
      await mkdir(dirname(join(partial, name)), { recursive: true });
      await writeFile(join(partial, name), content);
    }
    writing = dir;
    if ((await statOrUndefined(target)) !== undefined) {
      await rename(target, previous);
      moved = true;
    }
    await rename(partial, target);
    if (moved) {
      moved = false;
      await rm(previous, { recursive: true, force: true });
    }
  } catch (error) {
    await rm(partial, { recursive: true, force: true }).catch(() => {});
    if (moved) await rename(previous, target).catch(() => {});
    throw asOutputError(error, writing);
  }
}
