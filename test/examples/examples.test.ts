import { describe, expect, it } from 'vitest';
import { actualOutput, exampleScripts, expectation, normalize } from './expected-output.js';

const scripts = await exampleScripts();

describe('examples/ (each script run as a researcher runs it, output diffed against its .expected.txt)', () => {
  it('finds the examples, each with an expected output', async () => {
    expect(scripts.length).toBeGreaterThanOrEqual(15);
    for (const script of scripts) await expect(expectation(script)).resolves.toBeDefined();
  });

  describe.concurrent.each(scripts)('%s', (script) => {
    it('prints its expected output', async () => {
      const { args, expected } = await expectation(script);
      expect(await actualOutput(script, args)).toBe(normalize(expected));
    });
  });
});
