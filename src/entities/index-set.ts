/**
 * A set of integers in [0, capacity): where each member sits in a list of members, and the list,
 * both typed arrays made once. Adding, removing and clearing allocate nothing. A datacenter's sets
 * of host indices change at every update; as `Set`s, their rebuilt hash tables outlived
 * young-generation collections and piled up in the old generation (about a third of what survived
 * them in the scale scenario).
 */
export class IndexSet {
  /** Position of each value in `members`, plus one; 0 = not a member. */
  private readonly positions: Int32Array;
  private readonly members: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.positions = new Int32Array(capacity);
    this.members = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  has(value: number): boolean {
    return this.positions[value] !== 0;
  }

  add(value: number): void {
    if (this.positions[value] !== 0) return;
    this.members[this.count++] = value;
    this.positions[value] = this.count;
  }

  delete(value: number): void {
    const position = this.positions[value];
    if (position === 0) return;
    const last = this.members[--this.count];
    this.members[position - 1] = last;
    this.positions[last] = position;
    this.positions[value] = 0;
  }

  clear(): void {
    for (let k = 0; k < this.count; k++) this.positions[this.members[k]] = 0;
    this.count = 0;
  }

  /** The `k`-th member (k < size): in insertion order as long as nothing was deleted, or ascending after {@link sort}. */
  at(k: number): number {
    return this.members[k];
  }

  /** Puts the members in ascending order (for `at`). */
  sort(): void {
    const count = this.count;
    if (count < 2) return;
    const members = this.members;
    if (count <= 16) {
      // Most updates walk a few hosts: an insertion sort, no call into the typed-array sort.
      for (let i = 1; i < count; i++) {
        const value = members[i];
        let j = i - 1;
        while (j >= 0 && members[j] > value) {
          members[j + 1] = members[j];
          j--;
        }
        members[j + 1] = value;
      }
    } else {
      members.subarray(0, count).sort();
    }
    for (let k = 0; k < count; k++) this.positions[members[k]] = k + 1;
  }
}
