import { describe } from 'vitest';
import { checkProcessorSharing } from './check.js';

describe('M/G/1 processor sharing, fixed lengths (requests as cloudlets, rotation off)', () => {
  checkProcessorSharing('fixed');
});
