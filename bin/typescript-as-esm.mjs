// Module hooks (registered by ./register-tsx.mjs after tsx's, so they run first): a researcher's
// TypeScript file (.ts, .tsx; not .cts, not under node_modules/) is loaded as an ES module whatever
// its folder's package.json says. Without them, a .ts file with no "type": "module" above it is compiled
// as CommonJS: its `import … from 'scitsim'` becomes require('scitsim'), which fails in an installed
// package (its exports are ES modules only) and in a clone loads a second copy of the sources. As an ES
// module it imports the very instance of scitsim the command runs. (Such a file cannot use require or
// module.exports; a .cts file can, and stays CommonJS.)
const TYPESCRIPT = /\.(?:ts|tsx)$/i;

const researcherTypeScript = (url) =>
  url.startsWith('file:') && TYPESCRIPT.test(new URL(url).pathname) && !url.includes('/node_modules/');

/**
 * In a clone's cached build of its sources (scripts/sources-build.mjs): `sources`, the clone's src/
 * folder, and `build`, the build's root (file URLs ending in '/'). A researcher's file must not import
 * the sources by path there: it would get a second copy of the library beside the one the thread runs,
 * whose classes and watchdog the command does not see (a run it starts that never returns would not be
 * stopped). A source file the command itself was given (`scitsim check src/policies/scit/mine.ts`, a
 * strategy being written in the clone) still loads, with the sources it imports. Set once, when the
 * hooks are registered.
 */
let built;

export function initialize(data) {
  built = data?.sources === undefined ? undefined : data;
}

/** Whether `url`, imported from `parent`, is the clone's sources imported by path from a researcher's file. */
function sourcesByPath(url, parent) {
  if (built === undefined || parent === undefined || !url.startsWith(built.sources)) return false;
  return !parent.startsWith(built.sources) && !parent.startsWith(built.build);
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (sourcesByPath(result.url, context.parentURL))
    throw new Error(
      `${context.parentURL} imports the scitsim sources by path (${result.url}): import 'scitsim' (or 'scitsim/analysis', 'scitsim/checks', …) instead; in this worker thread the sources by path would be a second copy of the library, beside the build it runs`,
    );
  return researcherTypeScript(result.url) && result.format !== 'module'
    ? { ...result, format: 'module' }
    : result;
}

export async function load(url, context, nextLoad) {
  return nextLoad(url, researcherTypeScript(url) ? { ...context, format: 'module' } : context);
}
