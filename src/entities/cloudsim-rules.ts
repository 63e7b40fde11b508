/**
 * CloudSim 7.0.1's arithmetic, in one place. Every cloudlet scheduler, the processing batch, the
 * datacenter and the fast request path call these functions instead of writing the formulas again,
 * so that a change to one rule is one change. The formulas are small pure functions on numbers (no
 * allocation), so V8 inlines them into the hot loops of the fast scheduler, the progress groups and
 * the fast request path; the last functions apply them to lists of cloudlets for the per-cloudlet
 * schedulers.
 *
 * Units: instructions are counted one by one (an integer below 2^53), lengths in MI (10^6
 * instructions), capacities in MIPS, times in seconds.
 *
 * ## The time-shared progress rule (CloudletSchedulerTimeShared)
 *
 * Three places run it and must give the same numbers bit for bit: the reference scheduler
 * (`CloudletSchedulerTimeShared`, cloudlet by cloudlet), its fast variant
 * (`CloudletSchedulerTimeSharedFast` with its batch `CloudletProgressGroups`, one counter per PE
 * count) and the fast request path (`scit/request-fast-path.ts`, one counter per one-PE VM). At an
 * update of a VM at `now`, `elapsed` seconds after its previous update:
 *
 * 1. capacity: MIPS per PE = {@link timeSharedMipsPerPe}(VM MIPS, its PEs with MIPS > 0, PEs of the
 *    cloudlets running *before* this update's finishers leave) — an idle VM gets VM MIPS / its PEs;
 * 2. progress: every running cloudlet of `p` PEs gains {@link progressIncrement}(MIPS per PE,
 *    `elapsed`, `p`) whole instructions — the same amount for every cloudlet with `p` PEs;
 * 3. finish: a cloudlet with less than one MI left ({@link hasFinished}) completes at `now`; those of
 *    one update complete in their arrival order;
 * 4. estimate: the earliest {@link estimatedFinish} (now + whole MI left / (MIPS per PE × `p`)) of
 *    the cloudlets still running, 0 when none is (the datacenter then bounds it: {@link nextUpdateTime});
 * 5. submission: a cloudlet submitted before the next update is expected to take
 *    {@link submissionEstimate}(its length, the MIPS per PE of the previous update).
 *
 * Counter form. Because of step 2, progress can be kept as a counter of the instructions received
 * by every cloudlet of a kind since some start. A cloudlet's *finish key* is the counter value at
 * which it has all its instructions, {@link finishKey}(counter when it arrived, its total
 * instructions); its instructions left are `key − counter`. The functions below take `(key, count)`:
 * {@link advancedCount} (step 2), {@link finishedAt} (step 3), {@link estimatedFinishAt} (step 4).
 * The reference scheduler is the case of one counter per cloudlet (key = its total instructions,
 * counter = its instructions done: {@link advanceCloudlets}, {@link earliestFinish}); the fast paths
 * share one counter among many cloudlets and keep the keys in a heap.
 */
import type { Cloudlet } from './cloudlet.js';

/** Instructions in one MI. */
export const INSTRUCTIONS_PER_MI = 1e6;

/** Instructions of a cloudlet of `lengthMi` MI per PE on `pes` PEs (its total length). */
export function instructionsOf(lengthMi: number, pes: number): number {
  return lengthMi * pes * INSTRUCTIONS_PER_MI;
}

/**
 * CloudSim's datacenter brings cloudlet processing up to date at every request while the clock is
 * below this many seconds, whatever the time since its last update (a literal in CloudSim 7.0.1's
 * `Datacenter.updateCloudletProcessing`; it does not follow from the minimum gap).
 */
export const ALWAYS_UPDATE_BEFORE_SECONDS = 0.111;

/**
 * The datacenter schedules its next update at least the minimum gap *plus this margin* after now
 * (another literal of CloudSim 7.0.1's `Datacenter.updateCloudletProcessing`).
 */
export const NEXT_UPDATE_MARGIN_SECONDS = 0.01;

/**
 * Instructions a running cloudlet of `pes` PEs gains in `elapsedSeconds` at `mipsPerPe`: truncated
 * to a whole number, as CloudSim adds them. Cloudlets with the same PE count at the same capacity
 * gain exactly the same amount, which is what lets the fast scheduler keep one counter per group.
 */
export function progressIncrement(mipsPerPe: number, elapsedSeconds: number, pes: number): number {
  return Math.trunc(mipsPerPe * elapsedSeconds * pes * INSTRUCTIONS_PER_MI);
}

/** A cloudlet has finished once less than one whole MI is left. */
export function hasFinished(instructionsLeft: number): boolean {
  return instructionsLeft < INSTRUCTIONS_PER_MI;
}

/** Whole MI left, rounded down (CloudSim's remaining length); 0 means finished. */
export function wholeMiLeft(instructionsLeft: number): number {
  return instructionsLeft <= 0 ? 0 : Math.floor(instructionsLeft / INSTRUCTIONS_PER_MI);
}

/** CloudSim's estimated finish of a running cloudlet: now + whole MI left / (MIPS per PE × PEs). */
export function estimatedFinish(now: number, remainingMi: number, mipsPerPe: number, pes: number): number {
  return now + remainingMi / (mipsPerPe * pes);
}

/**
 * Seconds a cloudlet just submitted is expected to run: its length over the MIPS per PE computed at
 * the scheduler's previous update (CloudSim does not recompute the capacity at submission).
 */
export function submissionEstimate(lengthMi: number, mipsPerPe: number): number {
  return lengthMi / mipsPerPe;
}

/**
 * Time-shared MIPS per PE (step 1 of the rule): the VM's MIPS (over its PEs with MIPS > 0,
 * `activePes` of them) divided by max(PEs its running cloudlets use, `activePes`). With no cloudlet
 * running (`pesInUse` 0) it is the VM's MIPS per PE.
 */
export function timeSharedMipsPerPe(totalMips: number, activePes: number, pesInUse: number): number {
  return totalMips / Math.max(pesInUse, activePes);
}

/**
 * Counter form: the counter at which a cloudlet has all its instructions, given the counter when it
 * arrived and its total instructions ({@link instructionsOf}).
 */
export function finishKey(countAtArrival: number, totalInstructions: number): number {
  return countAtArrival + totalInstructions;
}

/**
 * Counter form, step 2: the counter of cloudlets of `pes` PEs after `elapsedSeconds` at `mipsPerPe`
 * ({@link progressIncrement} added to it).
 */
export function advancedCount(count: number, mipsPerPe: number, elapsedSeconds: number, pes: number): number {
  return count + progressIncrement(mipsPerPe, elapsedSeconds, pes);
}

/** Counter form, step 3: whether the cloudlet with finish key `key` has finished at counter `count`. */
export function finishedAt(key: number, count: number): boolean {
  return hasFinished(key - count);
}

/**
 * Counter form, step 4: CloudSim's estimated finish of the cloudlet of `pes` PEs with finish key `key`
 * at counter `count` ({@link estimatedFinish} of its {@link wholeMiLeft}).
 */
export function estimatedFinishAt(
  now: number,
  key: number,
  count: number,
  mipsPerPe: number,
  pes: number,
): number {
  return estimatedFinish(now, wholeMiLeft(key - count), mipsPerPe, pes);
}

/**
 * Whether the datacenter brings cloudlet processing up to date at `now`: always while the clock is
 * below {@link ALWAYS_UPDATE_BEFORE_SECONDS}, otherwise only at least `minGapSeconds` after the
 * last update.
 */
export function shouldUpdateProcessing(now: number, lastUpdate: number, minGapSeconds: number): boolean {
  return now < ALWAYS_UPDATE_BEFORE_SECONDS || now >= lastUpdate + minGapSeconds;
}

/**
 * When the datacenter's next update falls: the earliest estimated finish, but not before now + the
 * minimum gap + {@link NEXT_UPDATE_MARGIN_SECONDS}. This is the only place where the minimum gap
 * bounds an estimate: CloudSim's schedulers also hold each estimate to at least now + the gap, but
 * that lower bound is below this one, so it never changes the time chosen here, and ours leave it out.
 */
export function nextUpdateTime(earliestFinish: number, now: number, minGapSeconds: number): number {
  const soonest = now + minGapSeconds + NEXT_UPDATE_MARGIN_SECONDS;
  return Math.max(earliestFinish, soonest);
}

/**
 * Adds to each running cloudlet the instructions it executed in `elapsedSeconds` at `mipsPerPe`
 * ({@link advancedCount} with the cloudlet's own counter, its instructions done).
 */
export function advanceCloudlets(
  running: readonly Cloudlet[],
  mipsPerPe: number,
  elapsedSeconds: number,
): void {
  for (const cloudlet of running) {
    cloudlet.instructionsDone = advancedCount(
      cloudlet.instructionsDone,
      mipsPerPe,
      elapsedSeconds,
      cloudlet.pes,
    );
  }
}

/**
 * Earliest estimated finish among `running` (`Number.MAX_VALUE` when it is empty):
 * {@link estimatedFinishAt} with each cloudlet's own counter (key = its total instructions).
 */
export function earliestFinish(running: readonly Cloudlet[], now: number, mipsPerPe: number): number {
  let earliest = Number.MAX_VALUE;
  for (const cloudlet of running) {
    const estimate = estimatedFinishAt(
      now,
      cloudlet.totalInstructions,
      cloudlet.instructionsDone,
      mipsPerPe,
      cloudlet.pes,
    );
    if (estimate < earliest) earliest = estimate;
  }
  return earliest;
}

/** Marks `cloudlet` finished with success at `now` and appends it to `into`. */
export function completeCloudlet(cloudlet: Cloudlet, now: number, into: Cloudlet[]): void {
  cloudlet.status = 'SUCCESS';
  cloudlet.finishTime = now;
  into.push(cloudlet);
}

/**
 * Marks an unfinished `cloudlet` failed at `now` (its VM was cut off: cleansed by SCIT, or on a
 * compromised host) and appends it to `into`. Not a CloudSim 7.0.1 rule (CloudSim only cancels one
 * cloudlet at a time); ours, written once like the others so that every scheduler fails alike: the
 * cloudlet keeps the instructions it was credited with, its finish time is when it was cut off.
 */
export function failCloudlet(cloudlet: Cloudlet, now: number, into: Cloudlet[]): void {
  cloudlet.status = 'FAILED';
  cloudlet.finishTime = now;
  into.push(cloudlet);
}
