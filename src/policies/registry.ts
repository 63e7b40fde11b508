/**
 * Built-in policies by name: every option that takes a policy or strategy name also takes a class, and
 * an unknown name fails with the list of valid ones (SimGrid's model registry, typed).
 */
import type { Newable } from 'inversify';
import { ConfigError } from '../core/errors.js';

/** A built-in name or a class of your own. */
export type NameOrClass<T> = string | Newable<T>;

/** The class for `choice`: itself when it is a class, else the registry entry of that name. */
export function resolveClass<T>(
  registry: Readonly<Record<string, Newable<T>>>,
  choice: NameOrClass<T>,
  field: string,
  what: string,
): Newable<T> {
  return resolveNamed(registry, choice, field, what);
}

/**
 * The entry for `choice`: itself when it is a function (a class or factory of your own), else the
 * registry entry of that name; an unknown name fails with the list of valid ones.
 */
export function resolveNamed<V>(
  registry: Readonly<Record<string, V>>,
  choice: string | V,
  field: string,
  what: string,
): V {
  if (typeof choice === 'function') return choice as V;
  const name = choice as string;
  const found = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (found === undefined)
    throw new ConfigError(
      field,
      choice,
      `unknown ${what}; valid values are: ${Object.keys(registry).join(', ')}`,
    );
  return found;
}
