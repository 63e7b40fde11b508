// tsx for the scitsim command and its worker threads: a researcher's TypeScript file (a strategy,
// an allocation policy, an attack model) compiles with this package's tsconfig.runtime.json (the
// decorators inversify needs), from any directory, whether Node takes it for an ES module or — with
// no package.json saying "type": "module" above it — for CommonJS: both loaders are hooked.
import { fileURLToPath } from 'node:url';

const tsconfig = fileURLToPath(new URL('../tsconfig.runtime.json', import.meta.url));
// The CommonJS hook reads its tsconfig from the environment when tsx loads: set it first.
process.env.TSX_TSCONFIG_PATH ??= tsconfig;
const { register: registerEsm } = await import('tsx/esm/api');
const { register: registerCommonJs } = await import('tsx/cjs/api');
registerEsm({ tsconfig });
registerCommonJs();
