/**
 * `scitsim paper` (long): a researcher's decorated `.ts` strategy in a folder Node takes for CommonJS
 * (no package.json), through the real command in a child process run from that folder — relative
 * `--strategy-file` and `--out` — where tsx compiles it with the package's tsconfig.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { INJECTED_STRATEGY_SOURCE } from '../support/strategy-class.js';
import { useTempDirs } from '../support/temp-dirs.js';

const exec = promisify(execFile);
const BIN = join(process.cwd(), 'bin/scitsim.mjs');
const tempDir = useTempDirs('scitsim-paper-long-');

describe('scitsim paper (long)', () => {
  it('compiles a plain .ts strategy with inversify decorators in a CommonJS folder (spawned, from the folder)', async () => {
    const commonJs = await tempDir(); // no package.json: Node takes a .ts file here for CommonJS
    await writeFile(join(commonJs, 'injected.ts'), INJECTED_STRATEGY_SOURCE);
    const { stdout } = await exec(
      process.execPath,
      [
        BIN,
        'paper',
        '--seeds',
        '5',
        '--request-seeds',
        '0',
        '--json',
        '--out',
        'out',
        '--strategy-file',
        'injected.ts',
      ],
      { cwd: commonJs, env: { ...process.env, CI: 'true' } },
    );
    expect(Object.keys(JSON.parse(stdout).strategies)).toContain('injected');
  });
});
