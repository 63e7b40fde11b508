/** `scitsim run examples/paper/paper.scenario.json` in full (1000 seeds; `npm run test:long`). */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/in-process-cli.js';
import { useTempDirs } from '../../support/temp-dirs.js';

const tempDir = useTempDirs('scitsim-scenario-long-');

describe('scitsim run', () => {
  it('prints, for paper.scenario.json, exactly what npm start prints', async () => {
    const out = await tempDir();
    const run = await cli('run', 'examples/paper/paper.scenario.json', '--out', out);
    expect(run.code).toBe(0);
    const expected = (await readFile('examples/paper/table3.expected.txt', 'utf8'))
      .split('\n')
      .slice(1)
      .join('\n');
    const printed = run.out
      .replaceAll(out, '$OUT')
      .split('\n')
      .filter((line) => !/computed in \d/.test(line))
      .join('\n');
    expect(printed).toBe(expected);
  });
});
