/**
 * runWatched (long): a module run on a watched worker thread resolves with its export's result, rejects
 * with the ConfigError it throws, and a hang in a decision stops it with one line. The module imports
 * 'scitsim' as a researcher's does: in the worker that is the modules the worker runs (in a clone, its
 * cached build of the sources), so the watch the library tells about a decision is the worker's own.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { DecisionTimeoutError, runWatched } from '../../src/parallel/index.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('scitsim-watchdog-');

describe('runWatched (long)', () => {
  it('resolves with the export’s result, rejects with a ConfigError as thrown, and stops a hang in one line', async () => {
    const dir = await tempDir();
    const file = join(dir, 'study.mts');
    await writeFile(
      file,
      [
        'import { ConfigError, createRunContainer, paperScitConfig, resolveScitConfig, ROTATION_STRATEGY, runScit } from "scitsim";',
        'class Forever { readonly name = "forever"; choose(): never { for (;;) {} } }',
        'export function twice(n: number) { return { twice: n * 2 }; }',
        'export function bad() { throw new ConfigError("seeds", -1, "must be ≥ 1"); }',
        'export function hangs() {',
        '  const container = createRunContainer();',
        '  container.rebind(ROTATION_STRATEGY).to(Forever);',
        '  return runScit(container, resolveScitConfig(paperScitConfig()), { seed: 5, maxCycles: 3 });',
        '}',
      ].join('\n'),
    );
    await expect(runWatched(file, 'twice', [21])).resolves.toEqual({ twice: 42 });
    const bad = await runWatched(file, 'bad').catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(ConfigError);
    expect((bad as ConfigError).field).toBe('seeds');
    const hang = await runWatched(file, 'hangs', [], {
      decisionTimeoutSeconds: 0.5,
      // The module imports the library: its load is not the user code here.
      watchLoad: false,
    }).catch((error: unknown) => error);
    expect(hang).toBeInstanceOf(DecisionTimeoutError);
    expect((hang as Error).message).toMatch(
      /^rotation strategy "forever" did not return within 0\.5 s when asked to replace VM \d+ \(\w+, host \d\) at t=[\d.]+s \(seed 5\)$/,
    );
  }, 60_000);
});
