/**
 * How deep a scenario document may nest, checked right after parsing: every later step (the schema,
 * error messages that show a value, fingerprints, copies to worker threads) may walk a value
 * recursively, and a document nested 10^5 levels deep would overflow the stack there.
 */
import { ConfigError } from '../core/errors.js';

/** Deepest nesting of arrays and objects in a scenario document (a real one needs about six). */
export const MAX_SCENARIO_DEPTH = 64;

const LEVELS = `${MAX_SCENARIO_DEPTH} levels of arrays and objects`;

/**
 * Whether YAML `text` opens more than `limit` flow collections (`[`, `{`) inside one another, outside
 * quotes and comments: the YAML parser takes seconds on 10^5 of them before it overflows, so such a
 * text is refused before parsing. (Block nesting needs indentation, which grows the file quadratically.)
 */
export function yamlFlowDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return true;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return false;
}

/** The error for a document too deep for the parser itself (`file` is the scenario's path). */
export function tooDeepToParse(file: string): ConfigError {
  return new ConfigError(
    'scenario',
    file,
    `is nested too deeply to parse (a scenario nests at most ${LEVELS}; a real one needs about six)`,
  );
}

interface Visit {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Visit | undefined;
  readonly key: string;
}

/**
 * Throws a `ConfigError` naming the file and where the document nests deeper than
 * {@link MAX_SCENARIO_DEPTH}. Iterative: a recursive walk would overflow on the very documents it refuses.
 */
export function checkNesting(document: unknown, file: string): void {
  const stack: Visit[] = [{ value: document, depth: 0, parent: undefined, key: '' }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const { value, depth } = visit;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_SCENARIO_DEPTH)
      throw new ConfigError(
        'scenario',
        file,
        `nests deeper than ${LEVELS}, at ${pathOf(visit)} (a real scenario needs about six)`,
      );
    const array = Array.isArray(value);
    for (const [key, child] of Object.entries(value))
      stack.push({ value: child, depth: depth + 1, parent: visit, key: array ? `[${key}]` : `.${key}` });
  }
}

/** `hosts[0][0][0]…[0]`: the first segments and the last of a visit's path. */
function pathOf(visit: Visit): string {
  const segments: string[] = [];
  for (let at: Visit | undefined = visit; at?.parent !== undefined; at = at.parent) segments.push(at.key);
  segments.reverse();
  const shown = segments.length > 6 ? [...segments.slice(0, 4), '…', segments.at(-1)] : segments;
  return shown.join('').replace(/^\./, '');
}
