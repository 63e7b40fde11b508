/** The process entry of `scitsim` (bin/scitsim.mjs imports this file). */
import { guardStandardOutput } from '../parallel/supervise.js';
import { scitsim } from './main.js';

guardStandardOutput('scitsim');
await scitsim(process.argv.slice(2));
