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

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  return researcherTypeScript(result.url) && result.format !== 'module'
    ? { ...result, format: 'module' }
    : result;
}

export async function load(url, context, nextLoad) {
  return nextLoad(url, researcherTypeScript(url) ? { ...context, format: 'module' } : context);
}
