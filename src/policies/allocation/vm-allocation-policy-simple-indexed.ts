/**
 * {@link VmAllocationPolicySimple} in O(log hosts) per decision instead of O(hosts): the same choice
 * (most available MIPS, ties to the first host, exclude-and-retry), read from a max-tree over the
 * hosts' free MIPS. The tree follows every VM placed or removed through `Host.createVm` /
 * `Host.destroyVm` (it watches the hosts); a host's VM scheduler changed directly, bypassing the host,
 * is not seen. It indexes the last host list it was given: another list (or a changed one) rebuilds
 * the tree, and the old tree stops watching its hosts. For large datacenters (the scale scenario,
 * one list per datacenter); same results as the scanning policy.
 */
import { injectable } from 'inversify';
import type { Host } from '../../entities/host.js';
import type { Vm } from '../../entities/vm.js';
import type { VmAllocationPolicy } from '../../entities/vm-allocation-policy.js';

/** Worst fit by available MIPS, with exclude-and-retry, indexed over the last host list seen. */
@injectable()
export class VmAllocationPolicySimpleIndexed implements VmAllocationPolicy {
  private tree: FreeMipsTree | undefined;

  allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined {
    let tree = this.tree;
    if (tree === undefined || !tree.covers(hosts)) {
      tree?.release();
      tree = new FreeMipsTree(hosts);
      this.tree = tree;
    }
    const excluded: number[] = [];
    let chosen: Host | undefined;
    for (let tries = 0; tries < hosts.length; tries++) {
      const index = tree.best();
      if (index < 0) break;
      const candidate = hosts[index];
      if (candidate.isSuitableForVm(vm)) {
        chosen = candidate;
        break;
      }
      excluded.push(index);
      tree.set(index, Number.NEGATIVE_INFINITY);
    }
    for (const index of excluded) tree.set(index, hosts[index].availableMips);
    return chosen;
  }
}

/** Max-tree over free MIPS; a node keeps the position of its best leaf, ties to the lower position. */
class FreeMipsTree {
  private readonly size: number;
  private readonly length: number;
  private readonly values: Float64Array;
  private readonly winner: Int32Array;
  private readonly first: Host | undefined;
  private readonly unwatch: (() => void)[] = [];

  constructor(private readonly hosts: readonly Host[]) {
    let size = 1;
    while (size < hosts.length) size *= 2;
    this.size = size;
    this.length = hosts.length;
    this.first = hosts[0];
    this.values = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
    this.winner = new Int32Array(2 * size).fill(-1);
    const positions = new Map<Host, number[]>();
    hosts.forEach((host, index) => {
      this.values[index] = host.availableMips;
      this.winner[size + index] = index;
      const list = positions.get(host);
      if (list === undefined) {
        positions.set(host, [index]);
        const watch = (changed: Host): void => {
          for (const position of positions.get(changed) ?? []) this.set(position, changed.availableMips);
        };
        this.unwatch.push(host.watchPlacements(watch));
      } else {
        list.push(index);
      }
    });
    for (let node = size - 1; node >= 1; node--) this.pull(node);
  }

  /** True if built for this list, unchanged (same length and first host; lists are not expected to change). */
  covers(hosts: readonly Host[]): boolean {
    return hosts === this.hosts && hosts.length === this.length && hosts[0] === this.first;
  }

  /** Stops watching the hosts (the tree is being replaced). */
  release(): void {
    for (const unwatch of this.unwatch) unwatch();
    this.unwatch.length = 0;
  }

  /** Position of the host with the most free MIPS (> 0), first on ties; −1 if none. */
  best(): number {
    const index = this.winner[1];
    return index >= 0 && this.values[index] > 0 ? index : -1;
  }

  set(index: number, value: number): void {
    this.values[index] = value;
    for (let node = (index + this.size) >> 1; node >= 1; node >>= 1) this.pull(node);
  }

  private pull(node: number): void {
    const left = this.winner[2 * node];
    const right = this.winner[2 * node + 1];
    if (right < 0) this.winner[node] = left;
    else if (left < 0) this.winner[node] = right;
    else this.winner[node] = this.values[right] > this.values[left] ? right : left;
  }
}
