/**
 * The examples' tests, in parts: each example runs in this process (single-threaded and CPU-bound),
 * so they are spread over several test files (examples.test.ts, examples-2.test.ts, …) that the
 * workers run side by side.
 */
import { describe, expect, it } from 'vitest';
import { actualOutput, exampleScripts, expectation, normalize } from './expected-output.js';

/** How many files the examples are spread over. */
export const PARTS = 3;

/** A few examples take ~10 s alone on a quiet machine; a loaded one can take several times that. */
const TIMEOUT = 300_000;

/** Defines the test of every `PARTS`-th example from the `part`-th (0-based), in sorted order. */
export async function exampleTests(part: number): Promise<void> {
  const scripts = (await exampleScripts()).filter((_, index) => index % PARTS === part);
  describe(`examples/, part ${part + 1} of ${PARTS} (each script run with the arguments of its .expected.txt, output diffed against it)`, () => {
    describe.each(scripts)('%s', (script) => {
      it(
        'prints its expected output',
        async () => {
          const { args, expected } = await expectation(script);
          expect(await actualOutput(script, args, { inProcess: true })).toBe(normalize(expected));
        },
        TIMEOUT,
      );
    });
  });
}
