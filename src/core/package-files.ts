/**
 * Files of this package found from the running code's own location, wherever the code sits: in a
 * clone the TypeScript sources run from `src/` (tsx, vitest); once built, the compiled modules run
 * from `dist/`, where the bundler (scripts/build.mjs) may have moved a module's code into a shared
 * chunk (`dist/chunks/…`). A path relative to `import.meta.url` (`../../bin/…`, `./worker.js`) would
 * then point elsewhere, so every such reference goes through these functions instead.
 */

/** True when this code runs from the TypeScript sources (a clone), false when it runs compiled. */
export function runsFromSources(): boolean {
  return import.meta.url.endsWith('.ts');
}

/** The URL of the package's root directory: the one holding `src/` or `dist/`. */
export function packageRootUrl(): URL {
  const here = import.meta.url;
  const folder = runsFromSources() ? '/src/' : '/dist/';
  const at = here.lastIndexOf(folder);
  if (at < 0) throw new Error(`scitsim: cannot find the package's root from ${here}`);
  return new URL(here.slice(0, at + 1));
}

/** The URL of `path` (relative to the package's root: `bin/check-worker.mjs`, `package.json`). */
export function packageFileUrl(path: string): URL {
  return new URL(path, packageRootUrl());
}

/**
 * The URL of the module `path` (relative to `src/`, without extension: `parallel/watched-task`) as
 * this code runs it: `src/<path>.ts` from the sources, `dist/<path>.js` once built (the build keeps
 * each such module at its path).
 */
export function packageModuleUrl(path: string): string {
  return runsFromSources() ? packageFileUrl(`src/${path}.ts`).href : packageFileUrl(`dist/${path}.js`).href;
}
