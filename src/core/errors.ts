/**
 * Errors raised by scitsim, each with a `kind` or `field` so callers can branch without parsing
 * messages; every message names the culprit and the offending value.
 */

/** Kinds of misuse the kernel detects. */
export type SimulationErrorKind =
  | 'invalid-delay'
  | 'past-time'
  | 'foreign-entity'
  | 'finished'
  | 'invalid-until'
  | 'invalid-argument'
  | 'reentrant-run';

/** Misuse of the simulation kernel (bad delay, scheduling in the past, running a finished run…). */
export class SimulationError extends Error {
  override readonly name = 'SimulationError';
  constructor(
    readonly kind: SimulationErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** Throws a {@link SimulationError}: a one-line guard, `if (bad) fail('kind', message)`. */
export function fail(kind: SimulationErrorKind, message: string): never {
  throw new SimulationError(kind, message);
}

/** Invalid configuration, detected before a run starts. `field` is a dotted path such as `hosts[2].ramMb`. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly field: string,
    readonly value: unknown,
    reason: string,
  ) {
    super(`${field}: ${reason} (got ${describeValue(value)})`);
  }
}

/** Renders a value for an error message: short, unambiguous (strings quoted, NaN visible). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || typeof value !== 'object') return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    // A cycle, or nesting deeper than the stack (String() of a deep array recurses too): its type only.
    return Object.prototype.toString.call(value);
  }
}

/** What the operating system's error codes mean, in the words of `strerror`. */
const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EPIPE: 'broken pipe',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in system',
  EBUSY: 'device or resource busy',
  ENXIO: 'no such device or address',
};

/** The operating system's error code of `error` (`ENOSPC`, …), if it carries one. */
export function systemErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** Why a system call failed, in a few words (`no space left on device`); the first line of the message otherwise. */
export function systemErrorReason(error: unknown): string {
  const code = systemErrorCode(error);
  if (code !== undefined && SYSTEM_ERRORS[code] !== undefined) return SYSTEM_ERRORS[code];
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}

/** Renders something thrown for a message: `Name: message` for an error, else the value. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : describeValue(error);
}

/** Ends an exhaustive `switch` (`default: assertNever(x)`): a missed union member is a compile error. */
export function assertNever(value: never): never {
  return fail('invalid-argument', `unhandled case: ${describeValue(value)}`);
}
