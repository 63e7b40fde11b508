/**
 * Nothing that runs user code hangs silently: a strategy whose module top level, constructor, choose
 * or decision (a `spare` getter) never returns stops `scitsim run`, `paper`, `security` and `sweep`
 * with one line on stderr and exit code 1, and leaves no output. The supervisor that bin/scitsim.mjs
 * runs in the process's main thread runs here in this thread (the command on its watched worker, as
 * from the command line): paper and security here; run's constructor and module-load hangs and the
 * spawned sweep are in watchdog.long.test.ts.
 * The strategies and the checks are test/support/hanging-strategies.ts.
 */
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { DECISION, expectStopped, strategiesDir, supervised, WITHIN } from '../support/hanging-strategies.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('scitsim-watchdog-cli-');

describe('the watchdog of the commands', () => {
  it('stops paper (choose) and security (a spare getter), naming the strategy, the decision and the seed', async () => {
    const dir = await strategiesDir(tempDir);
    const paper = await supervised(
      ...['paper', '--seeds', '5', '--out', join(dir, 'paper')],
      ...['--strategy-file', join(dir, 'choose.ts')],
    );
    const security = await supervised(
      'security',
      ...['--seeds', '2', '--preset-seeds', '2', '--schedules', '0', '--exposures', '60'],
      ...['--intervals', '600', '--out', join(dir, 'security'), '--strategy-file', join(dir, 'spare.ts')],
    );
    await expectStopped(
      paper,
      new RegExp(
        `^scitsim: rotation strategy "forever" did not return ${WITHIN} ${DECISION} \\(seed 1\\); stopped\\.$`,
        'm',
      ),
      join(dir, 'paper'),
    );
    await expectStopped(
      security,
      new RegExp(
        `^scitsim: rotation strategy "getter": reading the decision its choose returned \\(kind, spare, reason\\) ` +
          `did not finish ${WITHIN}, ${DECISION} \\((?:point \\d+, |preset, )?seed \\d+\\); stopped\\.$`,
        'm',
      ),
      join(dir, 'security'),
    );
  }, 60_000);
});
