/**
 * One term's occurrences in one field: entry ids (ascending, as entries are
 * numbered in the order they are added) and term frequencies, in typed arrays
 * that double when full. Scoring walks them sequentially, which is most of an
 * uncached search's time on a large index.
 */
export class Postings {
  ids = new Int32Array(4);
  tfs = new Uint16Array(4);
  length = 0;
  /** Live entries (removed entries stay in the arrays until compacted). */
  live = 0;

  push(id: number, tf: number): void {
    if (this.length === this.ids.length) {
      const ids = new Int32Array(this.length * 2);
      ids.set(this.ids);
      this.ids = ids;
      const tfs = new Uint16Array(this.length * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.ids[this.length] = id;
    this.tfs[this.length] = Math.min(tf, 0xffff);
    this.length++;
    this.live++;
  }

  /** The term frequency of entry `id`, 0 when absent (binary search: ids ascend). */
  tfOf(id: number): number {
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.ids[mid]!;
      if (at === id) return this.tfs[mid]!;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** Drops removed entries' occurrences; the arrays shrink to fit. */
  compact(alive: Uint8Array): void {
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      const id = this.ids[i]!;
      if (alive[id]) {
        this.ids[kept] = id;
        this.tfs[kept] = this.tfs[i]!;
        kept++;
      }
    }
    this.ids = this.ids.slice(0, Math.max(4, kept));
    this.tfs = this.tfs.slice(0, Math.max(4, kept));
    this.length = kept;
    this.live = kept;
  }
}
