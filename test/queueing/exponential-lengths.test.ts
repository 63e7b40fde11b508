import { describe } from 'vitest';
import { checkProcessorSharing } from './check.js';

describe('M/G/1 processor sharing, exponential lengths (requests as cloudlets, rotation off)', () => {
  checkProcessorSharing('exponential');
});
