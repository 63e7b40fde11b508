/** Wording shared by every report and message. */

/** `n` and the noun, singular for exactly one: `counted(1, 'worker')` is "1 worker", `counted(2, 'host')` "2 hosts". */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
