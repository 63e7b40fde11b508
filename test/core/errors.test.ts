import { describe, expect, it } from 'vitest';
import { assertNever, ConfigError, describeValue, SimulationError } from '../../src/core/index.js';

type Message = { type: 'ping' } | { type: 'pong'; hops: number };

describe('errors', () => {
  it('assertNever: an unhandled union member is a compile error, and throws if it arrives anyway', () => {
    function exhaustive(message: Message): string {
      switch (message.type) {
        case 'ping':
          return 'ping';
        case 'pong':
          return `pong ${message.hops}`;
        default:
          return assertNever(message);
      }
    }
    function forgetful(message: Message): string {
      switch (message.type) {
        case 'ping':
          return 'ping';
        default:
          // @ts-expect-error 'pong' is not handled, so `message` is not `never`: tsc rejects this line.
          return assertNever(message);
      }
    }
    expect(exhaustive({ type: 'pong', hops: 2 })).toBe('pong 2');
    expect(() => forgetful({ type: 'pong', hops: 2 })).toThrow(SimulationError);
    expect(() => forgetful({ type: 'pong', hops: 2 })).toThrow('unhandled case: {"type":"pong","hops":2}');
  });

  it('ConfigError names the field and the value', () => {
    const error = new ConfigError('hosts[2].ramMb', -1, 'must be >= 0');
    expect(error.message).toBe('hosts[2].ramMb: must be >= 0 (got -1)');
    expect([error.field, error.value]).toEqual(['hosts[2].ramMb', -1]);
    expect(describeValue('x')).toBe('"x"');
    expect(describeValue(Number.NaN)).toBe('NaN');
  });
});
