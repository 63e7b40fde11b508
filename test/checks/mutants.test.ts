import { describe, expect, it } from 'vitest';
import { checkRotationInvariants } from '../../src/checks/index.js';
import { MUTANTS } from '../policies/scit/mutants.js';

/**
 * The mutant suite: every subtly wrong strategy in `mutants.ts` must be caught by the property it is
 * marked with, with the default number of cases (100, the fixed cases first) and the claims it makes.
 * (The correct controls — the built-ins, SpreadFirstRotation, SameHostOnly — pass in spec-checker.test.ts.)
 * Shrinking is off here for speed; what is caught does not depend on it.
 */
describe('the spec checker against mutants', () => {
  for (const mutant of MUTANTS) {
    const name = (() => {
      try {
        return new mutant.strategy().name;
      } catch {
        return 'a strategy whose constructor throws';
      }
    })();
    it(`catches ${name} by ${mutant.caughtBy}`, () => {
      const seed = 1;
      const report = checkRotationInvariants(mutant.strategy, {
        claims: mutant.claims,
        properties: [mutant.caughtBy],
        seed,
        shrink: false,
      });
      const caught = report.outcomes.find((o) => o.property === mutant.caughtBy);
      expect(caught?.ok, `not caught with seed ${seed}`).toBe(false);
      expect(caught?.violation).toMatch(mutant.violation);
      expect(caught?.counterexample).toBeDefined();
      if (mutant.counterexample !== undefined && caught?.counterexample !== undefined)
        expect(mutant.counterexample.holds(caught.counterexample), mutant.counterexample.what).toBe(true);
      // Deterministic mutants fail again when their counterexample is re-run.
      if (mutant.caughtBy !== 'determinism') expect(caught?.reproducible).toBe(true);
    });
  }
});
