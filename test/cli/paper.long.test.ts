/**
 * `scitsim paper` (long): a researcher's decorated `.ts` strategy in a folder Node takes for CommonJS
 * (no package.json), through the real command in a child process run from that folder — relative
 * `--strategy-file` and `--out` — where tsx compiles it with the package's tsconfig; and the same file
 * in an ES module folder through the command's supervisor and worker thread in this process.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { INJECTED_STRATEGY_SOURCE } from '../support/strategy-class.js';
import { supervised } from '../support/supervised-cli.js';
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

  it('compiles a plain .ts strategy with inversify decorators in an ES module folder (under the command supervisor, in process)', async () => {
    const esm = await tempDir();
    await writeFile(join(esm, 'package.json'), '{ "type": "module" }\n');
    await writeFile(join(esm, 'injected.ts'), INJECTED_STRATEGY_SOURCE);
    const options = ['--seeds', '5', '--request-seeds', '0', '--json'];
    // The command's supervisor and worker thread in this process, which compile the file with the
    // package's tsconfig as bin/scitsim.mjs does.
    const esmRun = await supervised(
      ...['paper', ...options, '--out', join(esm, 'out'), '--strategy-file', join(esm, 'injected.ts')],
    );
    expect(esmRun.code).toBe(0);
    expect(Object.keys(JSON.parse(esmRun.out).strategies)).toContain('injected');
  });
});
