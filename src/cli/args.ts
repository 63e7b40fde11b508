import { InvalidArgumentError } from '@commander-js/extra-typings';

/** A commander argument parser for a whole number ≥ `min`; the error names the option. */
export function wholeNumber(name: string, min = 0) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isSafeInteger(value) || value < min)
      throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}.`);
    return value;
  };
}
