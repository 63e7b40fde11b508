/**
 * Processing elements (CPU cores) of a host. A PE is a plain value: an id within its host and a
 * capacity in MIPS (million instructions per second).
 */
import { ConfigError } from '../core/index.js';

/** One CPU core of a host. */
export class Pe {
  /**
   * @param id position of the PE within its host (0, 1, …)
   * @param mips capacity in million instructions per second (> 0)
   */
  constructor(
    readonly id: number,
    readonly mips: number,
  ) {
    if (!(mips > 0) || !Number.isFinite(mips)) {
      throw new ConfigError(`pe[${id}].mips`, mips, 'must be a finite number > 0');
    }
  }
}

/** Builds `count` identical PEs of `mips` each, with ids 0 … count − 1. */
export function makePes(count: number, mips: number): Pe[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new ConfigError('pes.count', count, 'must be an integer >= 0');
  }
  const pes: Pe[] = [];
  for (let i = 0; i < count; i++) pes.push(new Pe(i, mips));
  return pes;
}
