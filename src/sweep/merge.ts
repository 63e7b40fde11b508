/**
 * `scitsim merge OUT DIR…`: the shards of one sweep combined into exactly the files an unsharded run
 * writes. Every shard directory must hold a manifest of the same sweep (fingerprint), the shards must be
 * 0 … n − 1 of the same n, each exactly once, each complete, none being written by a sweep now, and
 * every cell file must pass its content hash; OUT must not be one of them nor hold a sweep's cells
 * (it would then claim to be a whole sweep with only part of its cells). Otherwise nothing is written.
 */
import { realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { describeHolder, lockDir, lockHolder } from './lock.js';
import { readManifest, type SweepManifest, writeManifest, writeSweepResults } from './output.js';
import { shardCells } from './plan.js';

/** Options of {@link mergeShards}. */
export interface MergeOptions {
  /** Metric of the figure (default: the one the shards were run with). */
  metric?: string;
  /** Told when a stale lock on the output directory is taken over. */
  onWarning?: (message: string) => void;
}

/** The same directory (by device and inode, so links and other spellings of a path are seen through)? */
async function sameDir(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  if (x !== undefined && y !== undefined) return x.dev === y.dev && x.ino === y.ino;
  const real = (p: string) => realpath(p).catch(() => resolve(p));
  return (await real(a)) === (await real(b));
}

/**
 * Merges the shard directories `dirs` into `outDir`. `options` may be the figure metric alone (as
 * before {@link MergeOptions}).
 */
export async function mergeShards(
  outDir: string,
  dirs: readonly string[],
  options: MergeOptions | string = {},
): Promise<SweepManifest> {
  const { metric, onWarning } =
    typeof options === 'string' ? { metric: options, onWarning: undefined } : options;
  if (dirs.length === 0) throw new ConfigError('dirs', dirs, 'needs at least one shard directory');
  for (const [i, dir] of dirs.entries())
    if (await sameDir(outDir, dir))
      throw new ConfigError(
        'out',
        outDir,
        `is also dirs[${i}] (${dir}), one of the shards to merge: give a new directory for the merged sweep`,
      );
  const outManifest = await readManifest(outDir);
  if (outManifest?.shard != null || (await stat(join(outDir, 'cells')).catch(() => undefined)) !== undefined)
    throw new ConfigError(
      'out',
      outDir,
      'holds a sweep’s own results (cells/): give a new directory, or one with an earlier merge',
    );
  const manifests: SweepManifest[] = [];
  for (const [i, dir] of dirs.entries()) {
    const holder = await lockHolder(dir);
    if (holder !== undefined)
      throw new ConfigError(
        `dirs[${i}]`,
        dir,
        `is being written by ${describeHolder(holder)}: merge it when done`,
      );
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
  const lock = await lockDir(outDir, 'out', 'merge', onWarning);
  try {
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
  } finally {
    await lock.release();
  }
}
