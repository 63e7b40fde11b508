// tsx for the scitsim command and its worker threads: a researcher's TypeScript file (a strategy,
// an allocation policy, an attack model) compiles with this package's tsconfig.runtime.json (the
// decorators inversify needs), from any directory, and loads as an ES module even where Node would
// take it for CommonJS (no package.json saying "type": "module" above it: ./typescript-as-esm.mjs), so
// that its imports of 'scitsim' reach the instance the command runs. Other CommonJS files (.cts, .cjs)
// still load, through tsx's CommonJS hook.
import { existsSync, readFileSync } from 'node:fs';
import { register as registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

const tsconfig = fileURLToPath(new URL('../tsconfig.runtime.json', import.meta.url));
// The CommonJS hook reads its tsconfig from the environment when tsx loads: set it first.
process.env.TSX_TSCONFIG_PATH ??= tsconfig;
const { register: registerEsm } = await import('tsx/esm/api');
const { register: registerCommonJs } = await import('tsx/cjs/api');
registerEsm({ tsconfig });
registerCommonJs();
// Registered last, so run first: they hand tsx a researcher's .ts file as an ES module. In a clone's
// cached build of its sources, they also refuse the clone's src/ by path (see sources-root.json there).
const marker = new URL('../sources-root.json', import.meta.url);
const data = existsSync(marker)
  ? { sources: JSON.parse(readFileSync(marker, 'utf8')).sources, build: new URL('../', import.meta.url).href }
  : {};
registerHooks(new URL('./typescript-as-esm.mjs', import.meta.url), { data });
