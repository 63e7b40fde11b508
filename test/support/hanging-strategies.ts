/**
 * Strategies that never return (module top level, constructor, choose, a decision's `spare` getter), a
 * small scenario around one, and what a stopped command must show: for the watchdog tests of the
 * commands (test/cli/watchdog.test.ts and its .long twin).
 */
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { paperScenarioSystem } from './paper-scenario.js';
import { supervised as supervisedCommand } from './supervised-cli.js';

/** Strategies that never return, by where. */
export const STRATEGIES: Record<string, string> = {
  'choose.ts': 'export class Forever { readonly name = "forever"; choose(): never { for (;;) {} } }',
  'constructor.ts': [
    'export class Stuck {',
    '  readonly name = "stuck";',
    '  constructor() { for (;;) {} }',
    '  choose() { return { kind: "wait", reason: "never" } as const; }',
    '}',
  ].join('\n'),
  'top.ts': [
    'for (;;) {}',
    'export class Top { readonly name = "top"; choose() { return { kind: "wait", reason: "x" } as const; } }',
  ].join('\n'),
  'spare.ts': [
    'export class Getter {',
    '  readonly name = "getter";',
    '  choose() { return { kind: "switch", get spare(): number { for (;;) {} } }; }',
    '}',
  ].join('\n'),
};

/** A small scit scenario comparing the built-in `conventional` with `file`. */
export function scenario(file: string, extra: Record<string, unknown> = {}) {
  return {
    ...paperScenarioSystem(),
    seeds: 3,
    cycles: 20,
    strategies: ['conventional', { file }],
    ...extra,
  };
}

export async function strategiesDir(tempDir: () => Promise<string>): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const [name, text] of Object.entries(STRATEGIES)) await writeFile(join(dir, name), text);
  return dir;
}

/** Exit 1, nothing on stdout, exactly one line on stderr matching `line`, and no `outDir`. */
export async function expectStopped(
  result: { code: number | null; out: string; err: string },
  line: RegExp,
  outDir: string,
) {
  expect(result.err).toMatch(line);
  expect(result.err.trimEnd().split('\n')).toHaveLength(1);
  expect(result.code).toBe(1);
  expect(result.out).toBe('');
  await expect(access(outDir)).rejects.toThrow();
}

/** `scitsim args --decision-timeout 1` under its supervisor, in this process (absolute paths). */
export const supervised = (...args: string[]) => supervisedCommand(...args, '--decision-timeout', '1');

export const WITHIN = 'within 1 s';
export const DECISION = String.raw`when asked to replace VM \d+ \((?:Web|DNS), host \d\) at t=[\d.]+s`;
