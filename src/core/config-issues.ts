/**
 * Validation with zod, reported as a researcher reads it: every problem at once, each with its path
 * and the value (`services[2].required: must be ≥ 1 (got 0)`). Every concept's schema (SCIT config,
 * request workload, attack options, security settings, scenario files) is parsed through
 * {@link parseConfig}, so the wording is the same wherever a value comes from.
 */
import type { core, z } from 'zod';
import { ConfigError, describeValue } from './errors.js';

/** One problem: where, what was found, and why it is wrong. */
export interface Issue {
  readonly path: string;
  readonly value: unknown;
  readonly message: string;
}

/**
 * Every problem of one input, as one `ConfigError` (exit code 2): `field` and `value` are the first
 * problem's; the message is that problem alone (`field: reason (got value)`, as any `ConfigError`) or,
 * with several, a list of them all.
 */
export class ConfigIssues extends ConfigError {
  constructor(
    /** What was checked (a file, "the SCIT configuration", …), named when there are several problems. */
    readonly source: string,
    readonly issues: readonly Issue[],
  ) {
    super(issues[0]?.path || source, issues[0]?.value, issues[0]?.message ?? 'invalid');
    if (issues.length > 1) this.message = listIssues(source, issues);
  }
}

/** `N problems in <source>:` and one indented line per issue. */
export function listIssues(source: string, issues: readonly Issue[]): string {
  const lines = issues.map(
    (issue) => `  ${issue.path || '(top level)'}: ${issue.message} (got ${describeValue(issue.value)})`,
  );
  return `${issues.length === 1 ? '1 problem' : `${issues.length} problems`} in ${source}:\n${lines.join('\n')}`;
}

/**
 * `["services", 2, "required"]` → `services[2].required` (under `prefix`, when given); a key that is not
 * a name is quoted (`["sweep", "services[1].required"]` → `sweep["services[1].required"]`).
 */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let text = prefix;
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (!/^[A-Za-z_$][\w$-]*$/.test(String(key))) text += `[${JSON.stringify(String(key))}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

/**
 * The message of a zod issue in scitsim's wording. Passed to every parse as its error map, so a
 * schema's own message (a limit's reason, a model's wording) takes precedence over it.
 */
export function issueMessage(issue: core.$ZodRawIssue): string {
  const input = issue.input;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
      return shape === undefined
        ? 'unknown field'
        : `unknown field; valid fields are: ${Object.keys(shape).join(', ')}`;
    }
    case 'too_small':
      return bound(issue.origin, issue.inclusive ? '≥' : '>', issue.minimum);
    case 'too_big':
      return bound(issue.origin, issue.inclusive ? '≤' : '<', issue.maximum);
    case 'invalid_type':
      if (input === undefined) return 'is required';
      if (issue.expected === 'number' && typeof input === 'number') return 'must be a finite number';
      return `must be ${article(issue.expected)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message ?? 'is invalid';
  }
}

/** A zod issue as {@link Issue}s (an unknown-keys issue gives one per key), paths under `prefix`. */
export function toIssues(issue: core.$ZodIssue, prefix = ''): Issue[] {
  const path = formatPath(issue.path, prefix);
  const input = (issue as { input?: unknown }).input;
  if (issue.code === 'invalid_union') {
    // The one alternative the value has the type of says best what is wrong (`[0, 1.5]` for
    // "'layout', 'random' or a list of indices": entry 1); when there is none, the union's message.
    const failsAtRoot = (code: string) => (errors: core.$ZodIssue[]) =>
      errors.some((e) => e.code === code && e.path.length === 0);
    let typed = issue.errors.filter((errors) => !failsAtRoot('invalid_type')(errors));
    if (typed.length > 1) typed = typed.filter((errors) => !failsAtRoot('invalid_value')(errors));
    if (typed.length === 1)
      return typed[0].flatMap((inner) =>
        toIssues({ ...inner, path: [...issue.path, ...inner.path] } as core.$ZodIssue, prefix),
      );
  }
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({
      path: path === '' ? key : `${path}.${key}`,
      value: (input as Record<string, unknown> | undefined)?.[key],
      message: issue.message,
    }));
  return [{ path, value: input, message: issue.message }];
}

/**
 * Parses `input` with `schema` once, collecting every problem: the parsed value, or a
 * {@link ConfigIssues} whose paths are under `prefix` (`attack` → `attack.escapeSeconds`).
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  input: unknown,
  source: string,
  prefix = '',
): z.output<S> {
  const result = safeParseConfig(schema, input, prefix);
  if (result.success) return result.data;
  throw new ConfigIssues(source, result.issues);
}

/** {@link parseConfig} without throwing: the value, or every problem. */
export function safeParseConfig<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix = '',
): { success: true; data: z.output<S> } | { success: false; issues: Issue[] } {
  const result = schema.safeParse(input, { reportInput: true, error: issueMessage });
  if (result.success) return { success: true, data: result.data };
  return { success: false, issues: result.error.issues.flatMap((issue) => toIssues(issue, prefix)) };
}

/** A limit as a zod error: `must be ≤ max (why)`. */
export function limitError(limit: { readonly max: number; readonly why: string }): string {
  return `must be ≤ ${limit.max} (${limit.why})`;
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
