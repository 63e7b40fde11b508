/**
 * A sweep's grid: values at JSON paths of a scenario (`"services[1].required": [1, 2, 3]`). Cells are
 * the cartesian product in the order the paths are given, the first path varying slowest; cell `i` is
 * the scenario with each path set to its value for `i`.
 */
import { ConfigError } from '../core/errors.js';
import { type PathSegment, parsePath, type SweepGrid } from '../scenario/sweep-grid.js';

export { type PathSegment, parsePath, type SweepGrid } from '../scenario/sweep-grid.js';

/**
 * A copy of `document` with `value` at `path`. Objects on the way are created when absent (the schema
 * decides whether the field exists); an array index must name an existing entry.
 */
export function setPath(
  document: unknown,
  path: readonly PathSegment[],
  value: unknown,
  field: string,
): unknown {
  const root = structuredClone(document) as Record<PathSegment, unknown>;
  let node: Record<PathSegment, unknown> = root;
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    if (typeof segment === 'number') {
      if (!Array.isArray(node) || segment >= node.length)
        throw new ConfigError(
          field,
          segment,
          `names entry ${segment} of a list that has ${Array.isArray(node) ? node.length : 0} entries`,
        );
    }
    if (last) {
      node[segment] = value;
      return;
    }
    let next = node[segment];
    if (next === undefined || next === null) {
      if (typeof path[i + 1] === 'number')
        throw new ConfigError(field, segment, 'names a list that is not there');
      next = {};
      node[segment] = next;
    }
    if (typeof next !== 'object')
      throw new ConfigError(
        field,
        next,
        `goes through "${String(segment)}", which is not an object or a list`,
      );
    node = next as Record<PathSegment, unknown>;
  });
  return root;
}

/** One parameter of the grid. */
export interface GridParameter {
  /** The path as written in the scenario. */
  readonly path: string;
  readonly segments: readonly PathSegment[];
  readonly values: readonly unknown[];
}

/**
 * The parameters of a checked grid (the scenario schema's `sweep`, `scenario/sweep-grid.ts`), in the
 * given order: each path with its segments and values.
 */
export function gridParameters(grid: SweepGrid): GridParameter[] {
  return Object.entries(grid).map(([path, values]) => ({ path, segments: parsePath(path), values }));
}

/** Number of cells of a grid. */
export function cellCount(parameters: readonly GridParameter[]): number {
  return parameters.reduce((product, parameter) => product * parameter.values.length, 1);
}

/** The value index of each parameter in cell `index` (first parameter varies slowest). */
export function cellCoordinates(
  parameters: readonly Pick<GridParameter, 'values'>[],
  index: number,
): number[] {
  const coordinates = new Array<number>(parameters.length);
  let rest = index;
  for (let p = parameters.length - 1; p >= 0; p--) {
    const size = parameters[p].values.length;
    coordinates[p] = rest % size;
    rest = Math.floor(rest / size);
  }
  return coordinates;
}

/** The values of cell `index`, one per parameter. */
export function cellValues(parameters: readonly Pick<GridParameter, 'values'>[], index: number): unknown[] {
  return cellCoordinates(parameters, index).map((c, p) => parameters[p].values[c]);
}

/** The scenario document of cell `index`: `base` (without its `sweep`) with the cell's values set. */
export function cellDocument(
  base: Record<string, unknown>,
  parameters: readonly GridParameter[],
  index: number,
): unknown {
  const { sweep: _sweep, ...document } = base;
  let cell: unknown = document;
  const values = cellValues(parameters, index);
  parameters.forEach((parameter, p) => {
    cell = setPath(cell, parameter.segments, values[p], `sweep["${parameter.path}"]`);
  });
  return cell;
}
