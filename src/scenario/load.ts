/**
 * Reading a scenario file: JSON (or YAML for `.yaml`/`.yml`), validated against the schema with every
 * problem reported at once, and the classes it names (`{"file": …}`) loaded relative to the file.
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import type { Newable } from 'inversify';
import { safeParseConfig } from '../core/config-issues.js';
import { ConfigError } from '../core/errors.js';
import type { RotationStrategy } from '../entities/scit/rotation-strategy.js';
import type { VmAllocationPolicy } from '../entities/vm-allocation-policy.js';
import type { AttackModel } from '../policies/attacks/attack-model.js';
import type { NameOrClass } from '../policies/registry.js';
import { checkInputFile } from '../runs/input-files.js';
import { loadPluginClass, type PluginKind, ROTATION_STRATEGY_KIND } from '../runs/plugins.js';
import { checkDocument, decodeUtf8 } from './document.js';
import { ScenarioError } from './issues.js';
import { checkNesting, MAX_SCENARIO_DEPTH, tooDeepToParse, yamlFlowDeeperThan } from './nesting.js';
import { type PluginRef, type Scenario, scenarioSchema } from './schema.js';

/** A validated scenario and where it came from. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  /** Absolute path of the file. */
  readonly file: string;
  /** The raw document (before defaults), for sweeps that change it. */
  readonly document: unknown;
}

/** Largest scenario file read (parsing takes several times its size in memory). */
export const MAX_SCENARIO_BYTES = {
  max: 64 * 2 ** 20,
  why: 'a scenario describes its system in kilobytes; parsing takes several times its size in memory',
} as const;

/**
 * Reads and parses `file` (JSON, or YAML by extension) as UTF-8 text (a byte-order mark is dropped).
 * Only a regular file of at most {@link MAX_SCENARIO_BYTES} is read (a named pipe could block forever),
 * and the document may nest at most `MAX_SCENARIO_DEPTH` levels. Bytes that are not UTF-8, a syntax
 * error, a key given twice, a string that is not text: each is one `ConfigError` naming the file and
 * where (byte offset, line, JSON path).
 */
export async function readScenarioDocument(file: string): Promise<unknown> {
  await checkInputFile(file, 'scenario', MAX_SCENARIO_BYTES);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new ConfigError('scenario', file, `cannot read it: ${(error as Error).message}`);
  }
  const text = decodeUtf8(bytes, file);
  const yaml = ['.yaml', '.yml'].includes(extname(file).toLowerCase());
  // The YAML parser spends seconds on deep flow nesting before it overflows: refused before it.
  if (yaml && yamlFlowDeeperThan(text, 4 * MAX_SCENARIO_DEPTH)) throw tooDeepToParse(file);
  let document: unknown;
  try {
    if (yaml) {
      const { parse } = await import('yaml');
      document = parse(text);
    } else document = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof RangeError || /call stack size/.test(message)) throw tooDeepToParse(file);
    // One line: YAML's messages go on with an excerpt of the file below its line and column.
    const cause = message.split('\n')[0].replace(/:$/, '');
    throw new ConfigError('scenario', file, `is not valid ${yaml ? 'YAML' : 'JSON'}: ${cause}`);
  }
  checkNesting(document, file);
  checkDocument(document, file, yaml ? undefined : text);
  return document;
}

/** Validates `document` against the schema; every problem at once, as a {@link ScenarioError}. */
export function validateScenario(document: unknown, source: string): Scenario {
  const result = safeParseConfig(scenarioSchema, document);
  if (result.success) return result.data;
  throw new ScenarioError(source, result.issues);
}

/**
 * A path written in the scenario file `file`, as the commands use it: relative to the scenario file's
 * folder (an absolute path stays as it is), whatever directory the command runs in; returned relative
 * to the working directory when inside it (as printed), absolute otherwise.
 */
export function scenarioPath(file: string, path: string): string {
  const absolute = resolve(dirname(file), path);
  // Shown as the commands print it: relative to the working directory when it lies inside it.
  const shown = relative(process.cwd(), absolute);
  return shown !== '' && !shown.startsWith('..') && !isAbsolute(shown) ? shown : absolute;
}

/** Reads, parses and validates the scenario file `file`. */
export async function loadScenario(file: string): Promise<LoadedScenario> {
  const path = resolve(file);
  const document = await readScenarioDocument(path);
  return { scenario: validateScenario(document, file), file: path, document };
}

const ALLOCATION_KIND: PluginKind<VmAllocationPolicy> = {
  description: 'class with an allocateHostForVm() method (a VmAllocationPolicy)',
  matches: (value): value is Newable<VmAllocationPolicy> =>
    typeof value === 'function' &&
    typeof (value.prototype as { allocateHostForVm?: unknown })?.allocateHostForVm === 'function',
};

const ATTACK_KIND: PluginKind<AttackModel> = {
  description: 'class with start() and resolveOptions() methods (an AttackModel)',
  matches: (value): value is Newable<AttackModel> =>
    typeof value === 'function' && typeof (value.prototype as { start?: unknown })?.start === 'function',
};

/** The plugin kinds a scenario can name by file. */
export const SCENARIO_PLUGIN_KINDS = {
  strategy: ROTATION_STRATEGY_KIND,
  allocation: ALLOCATION_KIND,
  attack: ATTACK_KIND,
} as const;

/**
 * A built-in name as is, or the class a `{file, export}` reference names (the file relative to the
 * scenario file `scenarioFile`). `field` names the reference in errors.
 */
export async function resolvePluginRef<T>(
  ref: PluginRef,
  kind: PluginKind<T>,
  scenarioFile: string,
  field: string,
): Promise<NameOrClass<T>> {
  if (typeof ref === 'string') return ref;
  return loadPluginClass(
    resolve(dirname(scenarioFile), ref.file),
    kind,
    ref.export,
    `${field}.file`,
    `${field}.export`,
  );
}

/** Loads every strategy of a scit scenario (names stay names). */
export async function resolveStrategies(
  refs: readonly PluginRef[],
  scenarioFile: string,
): Promise<NameOrClass<RotationStrategy>[]> {
  // One after the other: a watch names the module whose load never finishes.
  const classes: NameOrClass<RotationStrategy>[] = [];
  for (const [i, ref] of refs.entries())
    classes.push(await resolvePluginRef(ref, ROTATION_STRATEGY_KIND, scenarioFile, `strategies[${i}]`));
  return classes;
}
