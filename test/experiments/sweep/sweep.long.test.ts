/**
 * scitsim sweep (long): the command spawned as a user runs it, relaunched by bin/scitsim.mjs with the
 * sweep's Node flags (seen by the strategy module at plan time and in each worker), then interrupted
 * by SIGTERM: exit 143, only complete cells kept, no results. (npm test spawns the relaunch once, in
 * test/cli/processes.test.ts.)
 */
import { spawn } from 'node:child_process';
import { access, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paperScenarioSystem } from '../../support/paper-scenario.js';
import { useTempDirs } from '../../support/temp-dirs.js';

const BIN = join(process.cwd(), 'bin/scitsim.mjs');
const tempDir = useTempDirs('scitsim-sweep-');

/** A small sweep: 3 cells × 2 strategies × 20 seeds on the paper's system. */
const SWEEP = {
  ...paperScenarioSystem(),
  seeds: 20,
  cycles: 20,
  sweep: { exposureSeconds: [120, 180, 300] },
};

describe('scitsim sweep (long)', () => {
  it('runs in a Node relaunched with the sweep flags; interrupted (SIGTERM: exit 143), leaves only complete cells and no results', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    // The strategy module reports the flags of the process that loads it (at plan time and in each worker).
    await writeFile(
      join(dir, 'flags.ts'),
      [
        'process.stderr.write("execArgv=" + JSON.stringify(process.execArgv) + "\\n");',
        "export { RedundancyPreservingRotation as Flags } from 'scitsim';",
      ].join('\n'),
    );
    const file = join(dir, 'sweep.json');
    await writeFile(
      file,
      JSON.stringify({
        ...SWEEP,
        seeds: 400,
        strategies: ['conventional', { file: 'flags.ts' }],
        sweep: { exposureSeconds: [60, 90, 120, 150, 180, 240, 300, 600] },
      }),
    );
    const out = join(dir, 'out');
    const child = spawn(process.execPath, [BIN, 'sweep', file, '--out', out, '--workers', '1'], {
      stdio: 'pipe',
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    // Interrupt once the first cell is complete (up to 45 s: a loaded machine starts Node slowly).
    for (let i = 0; i < 450; i++) {
      const cells = await readdir(join(out, 'cells')).catch(() => [] as string[]);
      if (cells.some((name) => name.endsWith('.csv') && !name.includes('.tmp'))) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    child.kill('SIGTERM');
    const code = await new Promise((done) => child.on('exit', done));
    expect(code).toBe(143);
    expect(stderr).toContain('Interrupted');
    expect(stderr).toMatch(/^execArgv=.*--single-threaded-gc/m);
    const cells = await readdir(join(out, 'cells'));
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.length).toBeLessThan(8);
    for (const name of cells) {
      expect(name).toMatch(/^\d{6}\.csv$/);
      expect(await readFile(join(out, 'cells', name), 'utf8')).toMatch(/\n# end sha256 [0-9a-f]{64}\n$/);
    }
    await expect(access(join(out, 'runs.csv'))).rejects.toThrow();
    // The lock on --out is released on the way out.
    await expect(access(join(out, 'sweep.lock'))).rejects.toThrow();
  });
});
