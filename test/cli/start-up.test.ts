/**
 * What keeps the command's start-up short (issue 21): its option definitions read light modules of
 * names and bounds instead of the modules that hold the classes; these must agree with the library.
 * The start-up times themselves are measured by `npm run bench -- --filter startup`.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { LIVE_CONDITIONS } from '../../src/checks/rotation/spec-checker.js';
import { LIVE_CONDITION_NAMES } from '../../src/checks/rotation/spec-limits.js';
import { ROTATION_STRATEGIES } from '../../src/policies/scit/module.js';
import { ROTATION_STRATEGY_NAMES } from '../../src/policies/scit/strategy-names.js';
import { cli } from '../support/in-process-cli.js';

describe('the command’s start-up', () => {
  it('names the built-in strategies and liveness conditions as the library holds them, in order', async () => {
    expect(ROTATION_STRATEGY_NAMES).toEqual(Object.keys(ROTATION_STRATEGIES));
    expect(LIVE_CONDITION_NAMES).toEqual(Object.keys(LIVE_CONDITIONS));
    const { code, out } = await cli('strategies');
    expect(code).toBe(0);
    expect(out).toBe(`${Object.keys(ROTATION_STRATEGIES).join('\n')}\n`);
  });

  it('prints the version of package.json with --version, exit 0', async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect(await cli('--version')).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  it('prints schema/scenario.schema.json with schema (from the sources, built from zod)', async () => {
    const { code, out } = await cli('schema');
    expect(code).toBe(0);
    expect(out).toBe(await readFile('schema/scenario.schema.json', 'utf8'));
  });
});
