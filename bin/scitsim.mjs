#!/usr/bin/env node
// The `scitsim` command. tsx is always registered (a runtime dependency), so that `scitsim check
// my-strategy.ts` can load a researcher's TypeScript module. The compiled CLI is used when
// `npm run build` has produced it; otherwise the TypeScript sources run directly from a clone.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const compiled = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const entry = existsSync(compiled)
  ? pathToFileURL(compiled).href
  : new URL('../src/cli/main.ts', import.meta.url).href;
await import(entry);
