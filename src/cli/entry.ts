/** The process entry of `scitsim` (bin/scitsim.mjs imports this file). */
import { scitsim } from './main.js';

await scitsim(process.argv.slice(2));
