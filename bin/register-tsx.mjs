// tsx for the scitsim command and its worker threads: a researcher's TypeScript file (a strategy,
// an allocation policy, an attack model) compiles with this package's tsconfig.runtime.json (the
// decorators inversify needs), from any directory, and loads as an ES module even where Node would
// take it for CommonJS (no package.json saying "type": "module" above it: ./typescript-as-esm.mjs), so
// that its imports of 'scitsim' reach the instance the command runs. Other CommonJS files (.cts, .cjs)
// still load, through tsx's CommonJS hook.
import { register as registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

const tsconfig = fileURLToPath(new URL('../tsconfig.runtime.json', import.meta.url));
// The CommonJS hook reads its tsconfig from the environment when tsx loads: set it first.
process.env.TSX_TSCONFIG_PATH ??= tsconfig;
const { register: registerEsm } = await import('tsx/esm/api');
const { register: registerCommonJs } = await import('tsx/cjs/api');
registerEsm({ tsconfig });
registerCommonJs();
// Registered last, so run first: they hand tsx a researcher's .ts file as an ES module.
registerHooks(new URL('./typescript-as-esm.mjs', import.meta.url));
