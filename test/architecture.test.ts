/**
 * The layout shows the architecture: each folder of src/ has one job, and imports point one way, from
 * a layer to the layers below it (comments, such as `@example` blocks, are not imports).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The layers, bottom first: a folder may import only from folders before it. */
const LAYERS = [
  'types',
  'core',
  'entities',
  'policies',
  'analysis',
  'runs',
  'parallel',
  'report',
  'experiments',
  'scenario',
  'sweep',
  'checks',
  'cli',
] as const;

const SRC = 'src';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The folder of src/ a file belongs to (`(root)` for src/index.ts). */
function folderOf(path: string): string {
  const parts = relative(SRC, path).split(/[\\/]/);
  return parts.length > 1 ? parts[0] : '(root)';
}

/** Relative imports of a file, comments left out. */
function importsOf(path: string): string[] {
  const code = readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const match of code.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g))
    found.push(normalize(join(dirname(path), match[1])));
  return found;
}

const sources = files(SRC);

describe('the layout of src/', () => {
  it('has only the known layers as folders', () => {
    const folders = new Set(sources.map(folderOf));
    folders.delete('(root)');
    expect([...folders].filter((f) => !(LAYERS as readonly string[]).includes(f))).toEqual([]);
  });

  it('imports point one way: from a layer down to the layers below it', () => {
    const upward: string[] = [];
    for (const file of sources) {
      const from = folderOf(file);
      if (from === '(root)') continue;
      for (const target of importsOf(file)) {
        const to = folderOf(target);
        if (to === from || to === '(root)') continue;
        const a = LAYERS.indexOf(from as (typeof LAYERS)[number]);
        const b = LAYERS.indexOf(to as (typeof LAYERS)[number]);
        if (b > a) upward.push(`${file} (${from}) imports ${target} (${to})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('no folder holds more than 30% of the lines', () => {
    const lines = new Map<string, number>();
    let total = 0;
    for (const file of sources) {
      const n = readFileSync(file, 'utf8').split('\n').length;
      total += n;
      lines.set(folderOf(file), (lines.get(folderOf(file)) ?? 0) + n);
    }
    const over = [...lines].filter(([, n]) => n > 0.3 * total).map(([f, n]) => `${f}: ${n} of ${total}`);
    expect(over).toEqual([]);
  });

  it('no two files share a name with different meanings (index.ts and a family’s module.ts aside)', () => {
    const seen = new Map<string, string[]>();
    for (const file of sources) {
      const name = file.split(/[\\/]/).at(-1) as string;
      if (name === 'index.ts' || name === 'module.ts') continue;
      seen.set(name, [...(seen.get(name) ?? []), file]);
    }
    expect([...seen].filter(([, paths]) => paths.length > 1)).toEqual([]);
  });
});
