/**
 * A sweep's grid as a scenario says it: `{"<json path>": [values…]}`, values to try at JSON paths of
 * the scenario (`"services[1].required": [1, 2, 3]`). One schema checks everything that does not need
 * the scenario itself — at least one path, each a JSON path that may be swept, each with a non-empty
 * list of values, the cells (product of the list lengths) within the limit — and reports every problem
 * at once. What needs the scenario (an index past the end of a list, …) is checked when a cell's
 * document is made (`sweep/grid.ts`).
 */
import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { LIMITS } from '../runs/run-limits.js';

/** One segment of a JSON path: a field name or an array index. */
export type PathSegment = string | number;

/** Why a grid key is refused when it is not a JSON path. */
export const JSON_PATH_RULE = 'is not a JSON path like "services[1].required"';

/** `services[1].required` → `['services', 1, 'required']`; undefined when the path is malformed. */
export function pathSegments(path: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  const pattern = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|(\.)/gy;
  let expectName = true;
  let match: RegExpExecArray | null = pattern.exec(path);
  let consumed = 0;
  while (match !== null) {
    consumed = pattern.lastIndex;
    if (match[1] !== undefined) {
      if (!expectName) break;
      segments.push(match[1]);
      expectName = false;
    } else if (match[2] !== undefined) {
      if (segments.length === 0) break;
      segments.push(Number(match[2]));
    } else {
      if (expectName) break;
      expectName = true;
    }
    match = pattern.exec(path);
  }
  if (path === '' || consumed !== path.length || expectName || segments.length === 0) return undefined;
  return segments;
}

/** `services[1].required` → `['services', 1, 'required']`; throws on a malformed path. */
export function parsePath(path: string, field = 'sweep'): PathSegment[] {
  const segments = pathSegments(path);
  if (segments === undefined) throw new ConfigError(`${field}["${path}"]`, path, JSON_PATH_RULE);
  return segments;
}

/** Top-level fields that every cell shares: sweeping them would make cells incomparable. */
const UNSWEPT_FIELDS: readonly string[] = ['strategies', 'sweep'];

/** The grid of a sweep scenario, checked: paths in the given order, the first varying slowest. */
export const sweepGridSchema = z
  .record(z.string(), z.array(z.unknown()).min(1))
  .superRefine((grid, ctx) => {
    const entries = Object.entries(grid);
    if (entries.length === 0)
      ctx.addIssue({ code: 'custom', input: grid, message: 'needs at least one path with values' });
    if (entries.length > LIMITS.sweepPaths.max)
      ctx.addIssue({
        code: 'custom',
        input: entries.length,
        message: `sweeps at most ${LIMITS.sweepPaths.max} paths (${LIMITS.sweepPaths.why})`,
      });
    for (const [path] of entries) {
      const segments = pathSegments(path);
      if (segments === undefined)
        ctx.addIssue({ code: 'custom', path: [path], input: path, message: JSON_PATH_RULE });
      else if (UNSWEPT_FIELDS.includes(String(segments[0])))
        ctx.addIssue({
          code: 'custom',
          path: [path],
          input: path,
          message: 'cannot be swept (every cell compares the same strategies)',
        });
    }
    const cells = entries.reduce((product, [, values]) => product * values.length, 1);
    if (cells > LIMITS.sweepCells.max)
      ctx.addIssue({
        code: 'custom',
        input: cells,
        message: `must have ≤ ${LIMITS.sweepCells.max} cells (${LIMITS.sweepCells.why})`,
      });
  })
  .meta({
    description:
      'for scitsim sweep: values to try at JSON paths of this scenario (a grid; cells: every combination, ' +
      `at most ${LIMITS.sweepCells.max})`,
    minProperties: 1,
  });

/**
 * A grid as {@link sweepGridSchema} gives it: `{path: values}`, each path a JSON path, each list
 * non-empty, in the given order. Written out rather than inferred, so the public API does not follow
 * zod's inferred shapes (`planSweep` passes the parsed `sweep` as one, which checks they agree).
 */
export type SweepGrid = Readonly<Record<string, readonly unknown[]>>;
