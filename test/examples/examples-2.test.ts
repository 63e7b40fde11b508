/** Part 2 of the examples' expected outputs (see example-suite.ts and examples.test.ts). */
import { exampleTests } from './example-suite.js';

await exampleTests(1);
