/**
 * `scitsim merge OUT DIR…`: the shards of one sweep combined into exactly the files an unsharded run
 * writes. Every shard directory must hold a manifest of the same sweep (fingerprint), the shards must be
 * 0 … n − 1 of the same n, each exactly once, and each complete; otherwise nothing is written.
 */
import { ConfigError } from '../core/errors.js';
import { readManifest, type SweepManifest, writeManifest, writeSweepResults } from './output.js';
import { shardCells } from './plan.js';

/** Merges the shard directories `dirs` into `outDir`; `metric` overrides the shards' figure metric. */
export async function mergeShards(
  outDir: string,
  dirs: readonly string[],
  metric?: string,
): Promise<SweepManifest> {
  if (dirs.length === 0) throw new ConfigError('dirs', dirs, 'needs at least one shard directory');
  const manifests: SweepManifest[] = [];
  for (const dir of dirs) {
    const manifest = await readManifest(dir);
    if (manifest === undefined)
      throw new ConfigError('dirs', dir, 'holds no complete sweep (no sweep.json): did that shard finish?');
    manifests.push(manifest);
  }
  const first = manifests[0];
  manifests.forEach((manifest, i) => {
    if (manifest.fingerprint !== first.fingerprint)
      throw new ConfigError(
        `dirs[${i}]`,
        dirs[i],
        `holds a different sweep than ${dirs[0]} (another scenario or files)`,
      );
    if (manifest.shard === null)
      throw new ConfigError(`dirs[${i}]`, dirs[i], 'holds a whole sweep, not a shard (it needs no merge)');
    if (manifest.shard.count !== first.shard?.count)
      throw new ConfigError(
        `dirs[${i}]`,
        dirs[i],
        `is shard ${manifest.shard.index}/${manifest.shard.count}, not of ${first.shard?.count}`,
      );
  });
  const count = first.shard?.count ?? 1;
  const seen = new Map<number, string>();
  manifests.forEach((manifest, i) => {
    const index = manifest.shard?.index ?? 0;
    const other = seen.get(index);
    if (other !== undefined)
      throw new ConfigError(`dirs[${i}]`, dirs[i], `is shard ${index}/${count} again (also ${other})`);
    seen.set(index, dirs[i]);
    const expected = shardCells(first.shape, { index, count });
    const present = new Set(manifest.cellsPresent);
    const missing = expected.filter((cell) => !present.has(cell));
    if (missing.length > 0)
      throw new ConfigError(
        `dirs[${i}]`,
        dirs[i],
        `is incomplete: cells ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''} missing (run it again with --resume)`,
      );
  });
  const absent = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (absent.length > 0)
    throw new ConfigError('dirs', dirs, `misses shard(s) ${absent.map((i) => `${i}/${count}`).join(', ')}`);
  const chosen = metric ?? first.metric;
  if (!first.shape.metrics.includes(chosen))
    throw new ConfigError(
      '--metric',
      chosen,
      `unknown metric; valid values are: ${first.shape.metrics.join(', ')}`,
    );
  await writeSweepResults(first.shape, outDir, dirs, chosen);
  const merged: SweepManifest = {
    fingerprint: first.fingerprint,
    shape: first.shape,
    shard: null,
    cellsPresent: shardCells(first.shape),
    metric: chosen,
  };
  await writeManifest(outDir, merged);
  return merged;
}
