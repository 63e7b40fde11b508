/**
 * mathjs, from its single-file bundle (~75 ms to load, instead of ~1.2 s for `import 'mathjs'`), loaded
 * the first time a statistic or a chain needs it rather than when the analysis modules load: a command
 * reaches its first simulated event without it (`scitsim run`, issue 21). `require` keeps the one
 * instance in its cache.
 */
import { createRequire } from 'node:module';
import type { MathJsInstance } from 'mathjs';

const require = createRequire(import.meta.url);

/** The mathjs instance (the bundle's default export). */
export function mathjs(): MathJsInstance {
  return require('mathjs/lib/browser/math.js') as MathJsInstance;
}
