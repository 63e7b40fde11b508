/**
 * Files the user names as input (a scenario, a strategy's module) are checked before they are read:
 * a named pipe, a device or a socket could block the reader forever (opening a FIFO waits for a
 * writer) or never end (`/dev/zero`), so only regular files are read. `stat` itself never blocks.
 */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ConfigError } from '../core/errors.js';

/** What kind of file `info` describes, for messages: `a named pipe (FIFO)`, `a directory`, …. */
export function fileKind(info: Stats): string {
  if (info.isFile()) return 'a regular file';
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Refuses, with a `ConfigError` naming `field` and the path, an input that exists and is not a regular
 * file, or that is larger than `maxBytes`. A path that does not exist (or cannot be looked at) passes:
 * reading it reports why.
 */
export async function checkInputFile(
  path: string,
  field: string,
  maxBytes?: { readonly max: number; readonly why: string },
): Promise<void> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch {
    return;
  }
  if (!info.isFile())
    throw new ConfigError(
      field,
      path,
      `is ${fileKind(info)}, not a regular file${info.isDirectory() ? '' : ' (reading it could wait forever)'}`,
    );
  if (maxBytes !== undefined && info.size > maxBytes.max)
    throw new ConfigError(field, path, `is ${info.size} bytes, more than ${maxBytes.max} (${maxBytes.why})`);
}

/** Whether `path` is a regular file that can be read without blocking (false if absent or anything else). */
export async function isRegularFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
