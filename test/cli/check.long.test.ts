/**
 * `scitsim check` (long: a shrink of a generated case and its replay, each on the check's worker):
 * the replay line printed with a shrunk counterexample runs exactly that case again.
 */

import { describe, expect, it } from 'vitest';
import type { SpecCheckReport } from '../../src/checks/rotation/spec-checker.js';
import { cli } from '../support/in-process-cli.js';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The counterexample scenario printed after "Counterexample of …:" (up to the "Violation:" line). */
function printedCase(stdout: string): unknown {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Counterexample of'));
  const end = lines.findIndex((line, i) => i > start && line.startsWith('Violation:'));
  return JSON.parse(lines.slice(start + 1, end).join('\n'));
}

const MUTANTS = 'test/policies/scit/mutants.ts';

/** Runs `scitsim check …` in this process (its cases run on the check's worker, as from the command). */
async function check(...args: string[]): Promise<Outcome> {
  const { code, out, err } = await cli('check', ...args);
  return { code, stdout: out, stderr: err };
}

describe('scitsim check (long)', () => {
  it('prints a shrunk generated counterexample whose --seed/--path line replays it exactly', async () => {
    const first = await check(MUTANTS, '--export', 'WrongWithManyHosts', '--seed', '-5');
    expect(first.code).toBe(1);
    const replayLine = first.stdout.split('\n').find((line) => line.startsWith('Replay: '));
    expect(replayLine).toMatch(
      /^Replay: scitsim check test\/policies\/scit\/mutants\.ts --export WrongWithManyHosts --seed -5 --path \d+(:\d+)+$/,
    );
    const shrunk = printedCase(first.stdout) as { hosts: number };
    expect(shrunk.hosts).toBe(13); // wrong only from 13 hosts: shrunk to exactly that
    const args = (replayLine as string).replace('Replay: scitsim check ', '').split(' ');
    const again = await check(...args);
    expect(again.code).toBe(1);
    expect(printedCase(again.stdout)).toEqual(shrunk);
    const violation = (stdout: string) => stdout.split('\n').find((line) => line.startsWith('Violation:'));
    expect(violation(again.stdout)).toBe(violation(first.stdout));
  });
});

describe('(long) check', () => {
  it('checks outage-aware (beyond the paper) by name: redundancy and progress hold', async () => {
    const { code, stdout } = await check('outage-aware', '--runs', '20', '--seed', '11', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as SpecCheckReport;
    expect(report).toMatchObject({
      strategy: 'outage-aware',
      ok: true,
      claims: { preservesRedundancy: true, progress: true },
    });
    expect(
      report.outcomes.filter((o) => o.property === 'redundancy' || o.property === 'progress'),
    ).toHaveLength(2);
  });
});
