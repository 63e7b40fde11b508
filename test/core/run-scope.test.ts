import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { RunScope } from '../../src/core/run-scope.js';

describe('RunScope.derive', () => {
  it('derives once per input object and kind, freezes the value, and never remembers a primitive key', () => {
    const scope = new RunScope(new Container());
    const parameters = { rate: 2 };
    let made = 0;
    const make = () => ({ rate: parameters.rate * ++made });
    const first = scope.derive(parameters, 'model-a', make);
    expect(scope.derive(parameters, 'model-a', make)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    // Another kind (another model class) or another input object derives again.
    expect(scope.derive(parameters, 'model-b', make)).toEqual({ rate: 4 });
    expect(scope.derive({ rate: 2 }, 'model-b', make)).toEqual({ rate: 6 });
    expect(scope.derive(undefined, 'model-b', () => 'x')).toBe('x');
    expect(made).toBe(3);
  });
});
