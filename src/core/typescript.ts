/**
 * Importing a researcher's TypeScript module (a strategy file, a scenario's policy class, a module run
 * under the watchdog) from the compiled package. The sources (src/, run by tsx or vitest) load
 * TypeScript already; the compiled package (dist/) registers tsx with the package's own
 * tsconfig.runtime.json (bin/register-tsx.mjs, once per thread: a module is evaluated once) only when
 * a TypeScript module is about to be imported, so that commands that load none do not pay for it.
 */
import { packageFileUrl, runsFromSources } from './package-files.js';

/** Files tsx compiles. */
const TYPESCRIPT_FILE = /\.(?:[cm]?ts|tsx)$/i;

/** Makes this thread ready to `import(url)`: registers tsx first if `url` is TypeScript and needs it. */
export async function prepareImport(url: string): Promise<void> {
  if (!TYPESCRIPT_FILE.test(new URL(url).pathname)) return;
  // From the sources this module is a .ts file, compiled by a loader that is already there.
  if (runsFromSources()) return;
  await import(packageFileUrl('bin/register-tsx.mjs').href);
}
