/**
 * Loading a researcher's own classes (rotation strategies, allocation policies …) from a module file,
 * so that a class can be given wherever a built-in name goes (`--strategy-file`, scenario files).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Newable } from 'inversify';
import { ConfigError } from '../core/errors.js';
import { prepareImport } from '../core/typescript.js';
import { watchedAsync } from '../core/watch.js';
import type { RotationStrategy } from '../entities/scit/rotation-strategy.js';
import { checkInputFile } from './input-files.js';

/** What kind of class to look for in a module: a name for messages and a test on each export. */
export interface PluginKind<T> {
  /** For messages, e.g. `a RotationStrategy class (with a choose() method)`. */
  readonly description: string;
  readonly matches: (value: unknown) => value is Newable<T>;
}

/** Classes whose prototype has a `choose` method. */
export const ROTATION_STRATEGY_KIND: PluginKind<RotationStrategy> = {
  description: 'class with a choose() method (a RotationStrategy)',
  matches: (value): value is Newable<RotationStrategy> =>
    typeof value === 'function' && typeof (value.prototype as { choose?: unknown })?.choose === 'function',
};

/**
 * Loads the class of `kind` exported by `file` (named `exportName`, or the only matching export).
 * Every problem is a `ConfigError` naming the file or the export and the cause (a path that is not a
 * regular file is refused before it is opened).
 */
export async function loadPluginClass<T>(
  file: string,
  kind: PluginKind<T>,
  exportName?: string,
  field = 'file',
  exportField = '--export',
): Promise<Newable<T>> {
  let module: Record<string, unknown>;
  const path = resolve(file);
  // A named pipe or a device would block the import forever, beyond any watchdog's reach.
  await checkInputFile(file, field);
  try {
    await prepareImport(pathToFileURL(path).href);
    // Its top level is user code: the current watch, if any, sees a load that never finishes.
    module = (await watchedAsync('load', path, () => import(pathToFileURL(path).href))) as Record<
      string,
      unknown
    >;
  } catch (error) {
    throw new ConfigError(field, file, `cannot load it: ${loadFailure(error)}`);
  }
  const candidates = Object.entries(module).filter(([, value]) => kind.matches(value));
  const names = candidates.map(([name]) => name);
  if (exportName !== undefined) {
    const found = candidates.find(([name]) => name === exportName);
    if (found === undefined)
      throw new ConfigError(
        exportField,
        exportName,
        `no such ${kind.description} in ${file}; valid values are: ${names.join(', ') || '(none)'}`,
      );
    return found[1] as Newable<T>;
  }
  if (candidates.length !== 1)
    throw new ConfigError(
      field,
      file,
      candidates.length === 0
        ? `exports no ${kind.description}`
        : `exports several; pick one with --export (valid values are: ${names.join(', ')})`,
    );
  return candidates[0][1] as Newable<T>;
}

/** Loads the rotation strategy class exported by `file` (see {@link loadPluginClass}). */
export function loadStrategyClass(file: string, exportName?: string): Promise<Newable<RotationStrategy>> {
  return loadPluginClass(file, ROTATION_STRATEGY_KIND, exportName);
}

/** Why a module did not load, with a hint for the usual TypeScript-module mistake. */
function loadFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/require\(\)|ERR_REQUIRE/.test(message))
    return (
      `${message} (it was loaded as CommonJS: put a package.json with "type": "module" beside it, ` +
      'or name it .mts)'
    );
  return message;
}
