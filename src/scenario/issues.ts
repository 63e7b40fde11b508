/**
 * Schema-validation issues as a researcher reads them: the JSON path and the value, every problem at
 * once (`services[2].required: must be ≥ 1 (got 0)`).
 */
import type { core } from 'zod';
import { ConfigError, describeValue } from '../core/errors.js';

/** One problem: where, what was found, and why it is wrong. */
export interface Issue {
  readonly path: string;
  readonly value: unknown;
  readonly message: string;
}

/** Every problem of one document; a `ConfigError` (exit code 2) whose message lists them all. */
export class ScenarioError extends ConfigError {
  constructor(
    readonly source: string,
    readonly issues: readonly Issue[],
  ) {
    super(issues[0]?.path ?? source, issues[0]?.value, 'invalid');
    const lines = issues.map(
      (issue) => `  ${issue.path || '(top level)'}: ${issue.message} (got ${describeValue(issue.value)})`,
    );
    this.message = `${issues.length === 1 ? '1 problem' : `${issues.length} problems`} in ${source}:\n${lines.join('\n')}`;
  }
}

/** `["services", 2, "required"]` → `services[2].required`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

/** A zod issue as {@link Issue}s (an unknown-keys issue gives one per key). */
export function toIssues(issue: core.$ZodIssue): Issue[] {
  const path = formatPath(issue.path);
  const at = (suffix: string) => (path === '' ? suffix : `${path}.${suffix}`);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: at(key),
        value: (input as Record<string, unknown> | undefined)?.[key],
        message: 'unknown field',
      }));
    case 'too_small':
      return [
        { path, value: input, message: bound(issue.origin, issue.inclusive ? '≥' : '>', issue.minimum) },
      ];
    case 'too_big':
      return [
        { path, value: input, message: bound(issue.origin, issue.inclusive ? '≤' : '<', issue.maximum) },
      ];
    case 'invalid_type':
      return [
        {
          path,
          value: input,
          message: input === undefined ? 'is required' : `must be ${article(issue.expected)}`,
        },
      ];
    case 'invalid_value':
      return [
        {
          path,
          value: input,
          message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        },
      ];
    case 'not_multiple_of':
      return [{ path, value: input, message: `must be a multiple of ${String(issue.divisor)}` }];
    default:
      return [{ path, value: input, message: issue.message }];
  }
}

function bound(origin: string, relation: string, limit: number | bigint): string {
  if (origin === 'array' || origin === 'set') return `must have ${relation} ${limit} entries`;
  if (origin === 'string') return `must have ${relation} ${limit} characters`;
  return `must be ${relation} ${limit}`;
}

function article(expected: string): string {
  if (expected === 'int') return 'an integer';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
