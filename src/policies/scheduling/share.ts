/** Small facts about PEs and MIPS shares that every scheduler needs. */
import type { Pe } from '../../entities/pe.js';

/** Total MIPS of a share and how many of its PEs have MIPS > 0 (CloudSim counts only those). */
export function summarizeShare(mipsShare: readonly number[]): { totalMips: number; activePes: number } {
  let totalMips = 0;
  let activePes = 0;
  for (const mips of mipsShare) {
    if (mips > 0) {
      totalMips += mips;
      activePes++;
    }
  }
  return { totalMips, activePes };
}

/** Total MIPS of a host's PEs and the MIPS of its fastest PE. */
export function summarizePes(pes: readonly Pe[]): { totalMips: number; peCapacity: number } {
  let totalMips = 0;
  let peCapacity = 0;
  for (const pe of pes) {
    totalMips += pe.mips;
    if (pe.mips > peCapacity) peCapacity = pe.mips;
  }
  return { totalMips, peCapacity };
}
