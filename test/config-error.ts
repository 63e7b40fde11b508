import { expect } from 'vitest';
import { ConfigError } from '../src/core/index.js';

/** Runs `action`, expects it to throw a ConfigError, and returns that error (for its field and value). */
export function configError(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}
