/**
 * Analytic model (b) against 1000 simulated seeds on the whole grid (`npm run test:long`: ~20 s; the
 * fast suite compares the cheapest cell, rotating-chain.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { analyticVsSimulated, GRID, Z_FAMILY } from './rotating-vs-simulated.js';

describe('rotatingMttsf (analytic model (b)) against the simulation', () => {
  describe.each(GRID)('E = $exposureSeconds s, $escape D = 30 s, $strategy', (cell) => {
    it('agrees with 1000 simulated seeds within the family-wise 95% interval of the difference', () => {
      const { difference, standardError } = analyticVsSimulated(cell, 1000);
      expect(difference).toBeLessThan(Z_FAMILY * standardError);
    });
  });
});
