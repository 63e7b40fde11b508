import 'reflect-metadata';
import fc from 'fast-check';

// Property tests: a global seed can be pinned with FC_SEED to replay a run; fast-check prints
// `{ seed, path }` on failure, and `fc.assert(prop, { seed, path, endOnFailure: true })` replays one case.
const seedFromEnv = process.env.FC_SEED;
if (seedFromEnv !== undefined && seedFromEnv !== '') {
  const seed = Number(seedFromEnv);
  if (!Number.isInteger(seed))
    throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(seedFromEnv)}`);
  fc.configureGlobal({ seed });
}
