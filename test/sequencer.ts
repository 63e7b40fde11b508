/**
 * The order `npm test` runs its files in: longest first, from `test/durations.json` (milliseconds per
 * file, measured in CI), so that the two workers end together. Vitest's own order uses durations it
 * cached from earlier runs, which a fresh clone (CI) does not have: it then ran the longest files last
 * and one worker idled for ~15 s. Files not in the table run first (vitest's rule for unknown files).
 * Refresh the table after large changes from a run's JSON report (`--reporter=json`).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const DURATIONS: Readonly<Record<string, number>> = JSON.parse(
  readFileSync(new URL('./durations.json', import.meta.url), 'utf8'),
);

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const weight = (file: TestSpecification) =>
      DURATIONS[relative(root, file.moduleId)] ?? Number.POSITIVE_INFINITY;
    // A stable sort of vitest's own order: ties (and the cached order among them) are kept.
    return (await super.sort(files)).sort((a, b) => weight(b) - weight(a));
  }
}
