/**
 * A small read-through cache whose entries are valid for one data version
 * (DatabaseService.writeVersion, bumped after every committed write). A value
 * is stored under the version seen when its load started, so a load that
 * overlaps a write can never be served after that write. Bounded: the
 * least recently used entry goes first. Entries also expire after maxAgeMs,
 * because writes made by another process (another replica on the same
 * PostgreSQL, `npm run ingest`) do not bump this process's version: those are
 * seen within maxAgeMs. Hand-written because the rule that
 * matters here (version at load start) is the whole point and is ten lines.
 */
export class VersionedCache<V> {
  private readonly entries = new Map<string, { version: number; value: V; storedAt: number }>();

  constructor(
    private readonly currentVersion: () => number,
    private readonly maxEntries = 1000,
    private readonly maxAgeMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  private fresh(hit: { version: number; storedAt: number } | undefined, version: number): boolean {
    return hit !== undefined && hit.version === version && this.now() - hit.storedAt < this.maxAgeMs;
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const version = this.currentVersion();
    const hit = this.entries.get(key);
    if (hit && this.fresh(hit, version)) {
      // Re-insert: Map keeps insertion order, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = await load();
    if (this.currentVersion() === version) this.store(key, version, value);
    return value;
  }

  /** The batch form, for DataLoaders: loads only the keys not held, in one call, values in key order. */
  async getMany(keys: readonly string[], loadMany: (missing: string[]) => Promise<readonly V[]>): Promise<V[]> {
    const version = this.currentVersion();
    const values: V[] = new Array(keys.length);
    const missing: number[] = [];
    keys.forEach((key, i) => {
      const hit = this.entries.get(key);
      if (hit && this.fresh(hit, version)) values[i] = hit.value;
      else missing.push(i);
    });
    if (missing.length === 0) return values;
    const loaded = await loadMany(missing.map((i) => keys[i]!));
    const current = this.currentVersion() === version;
    missing.forEach((i, n) => {
      values[i] = loaded[n]!;
      if (current) this.store(keys[i]!, version, loaded[n]!);
    });
    return values;
  }

  private store(key: string, version: number, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { version, value, storedAt: this.now() });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
