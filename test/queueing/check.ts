/**
 * `npm run test:queueing` (CI runs it): the request model against queueing theory, in full. Rotation
 * off, one service on 4 VMs of 1000 MIPS, Poisson arrivals, random routing, the time-shared cloudlet
 * scheduler, requests as cloudlets through the broker and the datacenter: the mean response time is
 * within 3% of the M/G/1 processor-sharing value (L/m)/(1 − ρ) at ρ = 0.3, 0.6 and 0.8, seed 1.
 * One test file per length distribution (they run in parallel).
 *
 * At least 10^5 requests per case, more where the estimate is noisier: at ρ = 0.8 with exponential
 * lengths 10^5 requests give a 95% interval of about ±6%, so a 3% bound would hold for some seeds
 * only; 1.5·10^6 bring it to about ±1.5%, so the check does not rest on a lucky seed.
 */
import { expect, it } from 'vitest';
import { processorSharingCheck, type RequestLengths } from '../../src/index.js';

export const SEED = 1;

/** Requests measured per utilization (95% intervals of about ±1.5% or less at seed 1). */
const REQUESTS: Record<RequestLengths, Record<number, number>> = {
  exponential: { 0.3: 100_000, 0.6: 300_000, 0.8: 1_500_000 },
  fixed: { 0.3: 100_000, 0.6: 100_000, 0.8: 500_000 },
};

export function checkProcessorSharing(lengths: RequestLengths): void {
  for (const [key, requests] of Object.entries(REQUESTS[lengths])) {
    const rho = Number(key);
    it(`ρ = ${rho}: mean response within 3% of (L/m)/(1 − ρ), ${requests} requests`, () => {
      const check = processorSharingCheck({ rho, lengths, requests, seed: SEED, engine: 'cloudlets' });
      const ci = check.meanResponseCi95Seconds.map((v) => v.toFixed(3)).join(' … ');
      console.log(
        `${lengths} lengths, ρ = ${rho}, seed ${SEED}: ${check.requests} requests, mean response ` +
          `${check.meanResponseSeconds.toFixed(3)} s (95% CI ${ci}), theory ${check.theoryResponseSeconds.toFixed(3)} s, ` +
          `error ${check.errorPercent.toFixed(2)}%`,
      );
      expect(check.engine).toBe('cloudlets');
      expect(check.requests).toBeGreaterThanOrEqual(requests);
      expect(check.unfinished).toBe(0);
      expect(Math.abs(check.offeredRho - rho)).toBeLessThan(0.01);
      expect(Math.abs(check.errorPercent)).toBeLessThan(3);
    });
  }
}
