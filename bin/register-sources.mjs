// How a thread that runs this package from its TypeScript sources (a clone) registers tsx: the
// worker threads of sweeps, security studies, checks and watched runs load this file, not
// ./register-tsx.mjs directly. The two libraries every path of the sources imports, inversify and
// zod, are loaded first, by Node's own loader: loaded after tsx, each of their ~340 ES module files
// would make a round trip to tsx's hooks thread, ~0.35 s more CPU for every worker that starts
// (1.65 → 1.3 s for a sweep's). The sources then import the very same modules (one URL, one
// instance). An installed package runs dist/, which has both bundled in, and never loads this file.
await import('inversify');
await import('zod');
await import('./register-tsx.mjs');
