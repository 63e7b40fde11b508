/**
 * A scenario file read as what it is. Its bytes must be UTF-8 (a Latin-1 `é` is refused with its byte
 * offset, never turned into U+FFFD in every output); a UTF-8 byte-order mark is dropped. A JSON object
 * must not say a key twice (`JSON.parse` would silently keep the last; YAML refuses them itself), and
 * no string may hold half a character (a lone surrogate written as `"\ud800"`). Each problem names the
 * file and where: the byte offset, or the JSON path.
 */

import { formatPath } from '../core/config-issues.js';
import { ConfigError } from '../core/errors.js';
import { textProblem } from '../core/names.js';
import { ScenarioError } from './issues.js';

/**
 * Offset of the first byte of `bytes` that does not start or continue a well-formed UTF-8 sequence
 * (Unicode, Table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF), or -1.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = i + k < n ? bytes[i + k] : -1;
      if (c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return -1;
}

/** The text of `bytes`, decoded as UTF-8 without its byte-order mark; a `ConfigError` naming `file` and the offset otherwise. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    // fatal: refuse instead of replacing; the decoder drops a leading BOM (ignoreBOM: false).
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = Math.max(0, invalidUtf8Offset(bytes));
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++)
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    const byte = `0x${bytes[offset].toString(16).toUpperCase().padStart(2, '0')}`;
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    throw new ConfigError(
      'scenario',
      file,
      `is not UTF-8 text: byte ${byte} at offset ${offset} (line ${line}, byte ${offset - lineStart + 1} ` +
        `of the line) is not part of a UTF-8 character; ${utf16 ? 'it looks like UTF-16: ' : ''}save the file as UTF-8`,
    );
  }
}

/** Where a duplicate key is: the path of its second occurrence, and the lines of both. */
export interface DuplicateKey {
  readonly path: readonly (string | number)[];
  readonly lines: readonly [number, number];
}

type Frame =
  | { kind: 'object'; keys: Map<string, number>; key: string | undefined; expectKey: boolean }
  | { kind: 'array'; index: number };

/**
 * The first key said twice in one object of `text`, which must be valid JSON (`JSON.parse` accepted
 * it). One pass over the tokens with an explicit stack (no recursion: any depth).
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  const stack: Frame[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      i++;
    } else if (c === 0x7b /* { */) {
      stack.push({ kind: 'object', keys: new Map(), key: undefined, expectKey: true });
      i++;
    } else if (c === 0x5b /* [ */) {
      stack.push({ kind: 'array', index: 0 });
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      i++;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
      else if (top?.kind === 'object') top.expectKey = true;
      i++;
    } else if (c === 0x22 /* " */) {
      let end = i + 1;
      let escaped = false;
      for (;;) {
        const d = text.charCodeAt(end);
        if (d === 0x5c /* \ */) {
          escaped = true;
          end += 2;
        } else if (d === 0x22) break;
        else end++;
      }
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectKey) {
        const raw = text.slice(i + 1, end);
        const key = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
        const first = top.keys.get(key);
        if (first !== undefined) return { path: [...pathOf(stack.slice(0, -1)), key], lines: [first, line] };
        top.keys.set(key, line);
        top.key = key;
        top.expectKey = false;
      }
      i = end + 1;
    } else i++;
  }
  return undefined;
}

/** The path to the value each frame is at (the current key of an object, the current index of an array). */
function pathOf(frames: readonly Frame[]): (string | number)[] {
  return frames.map((frame) => (frame.kind === 'array' ? frame.index : (frame.key as string)));
}

/** A value met while walking a document, with the way back to the root (paths are made only when reported). */
interface Visit {
  readonly value: unknown;
  readonly key: string | number | undefined;
  readonly parent: Visit | undefined;
}

function pathTo(visit: Visit | undefined): (string | number)[] {
  const path: (string | number)[] = [];
  for (let v = visit; v?.key !== undefined; v = v.parent) path.push(v.key);
  return path.reverse();
}

/**
 * The first string of `document` (a value or a key, at any depth) that is not text (a lone surrogate,
 * a control character other than tab and line breaks), with its path. Iterative, and each object is
 * visited once (YAML aliases share nodes).
 */
export function findNonText(
  document: unknown,
): { path: (string | number)[]; value: string; problem: string } | undefined {
  const seen = new Set<object>();
  const pending: Visit[] = [{ value: document, key: undefined, parent: undefined }];
  while (pending.length > 0) {
    const visit = pending.pop() as Visit;
    const { value } = visit;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem !== undefined) return { path: pathTo(visit), value, problem };
    } else if (typeof value === 'object' && value !== null && !seen.has(value)) {
      seen.add(value);
      const entries: [string | number, unknown][] = Array.isArray(value)
        ? value.map((item, index) => [index, item])
        : Object.entries(value);
      // Pushed in reverse so that the first problem in document order is found first.
      for (let k = entries.length - 1; k >= 0; k--) {
        const [key, item] = entries[k];
        pending.push({ value: item, key, parent: visit });
      }
      for (const [key] of entries) {
        const problem = typeof key === 'string' ? textProblem(key) : undefined;
        if (problem !== undefined)
          return { path: [...pathTo(visit), key], value: key as string, problem: `its key ${problem}` };
      }
    }
  }
  return undefined;
}

/** Checks a parsed scenario `document` read from `file` (and, for JSON, its `text`); throws a {@link ScenarioError} naming the path. */
export function checkDocument(document: unknown, file: string, text?: string): void {
  if (text !== undefined) {
    const duplicate = findDuplicateKey(text);
    if (duplicate !== undefined) {
      const key = duplicate.path[duplicate.path.length - 1];
      throw new ScenarioError(file, [
        {
          path: formatPath(duplicate.path),
          value: key,
          message:
            `is given twice in one object (lines ${duplicate.lines[0]} and ${duplicate.lines[1]}); ` +
            'JSON would keep only the last: remove one',
        },
      ]);
    }
  }
  const bad = findNonText(document);
  if (bad !== undefined)
    throw new ScenarioError(file, [{ path: formatPath(bad.path), value: bad.value, message: bad.problem }]);
}
