#!/usr/bin/env node
// The `scitsim` command. tsx (a runtime dependency) is registered with this package's own
// tsconfig.runtime.json, whatever the working directory, so that a researcher's TypeScript file
// (`scitsim check my-strategy.ts`, `--strategy-file`) compiles with the decorators inversify needs.
// In a clone the TypeScript sources run directly; an installed package runs its compiled dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import './register-tsx.mjs';

const root = new URL('../', import.meta.url);
const source = new URL('src/cli/entry.ts', root);
await import(existsSync(fileURLToPath(source)) ? source.href : new URL('dist/cli/entry.js', root).href);
