export interface VersionedCacheOptions<V> {
  /** Most entries kept; the least recently used goes first. */
  maxEntries?: number;
  /** Entries older than this are reloaded even at the same version (what no version counts; see below). */
  maxAgeMs?: number;
  /** With `weigh`: the most total weight kept (for example bytes). */
  maxWeight?: number;
  weigh?: (value: V) => number;
  now?: () => number;
}

interface Entry<V> {
  version: number;
  value: V;
  storedAt: number;
  weight: number;
}

/**
 * A small read-through cache whose entries are valid for one data version
 * (ContentChanges.version, which moves with every committed write by any
 * process). A value is stored under the version seen when its load started, so
 * a load that overlaps a write can never be served after that write. Bounded:
 * the least recently used entry goes first. Entries also expire after
 * maxAgeMs, a backstop for changes no version counts (Meilisearch answering
 * from an index another process is still swapping in). Hand-written because
 * the rule that matters here (version at load start) is the whole point and is ten lines.
 */
export class VersionedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly maxWeight: number;
  private readonly weigh: (value: V) => number;
  private readonly now: () => number;
  private weight = 0;

  constructor(
    readonly currentVersion: () => number,
    options: VersionedCacheOptions<V> = {},
  ) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.maxAgeMs = options.maxAgeMs ?? 5000;
    this.maxWeight = options.maxWeight ?? Number.POSITIVE_INFINITY;
    this.weigh = options.weigh ?? (() => 0);
    this.now = options.now ?? Date.now;
  }

  private fresh(hit: Entry<V> | undefined, version: number): hit is Entry<V> {
    return hit !== undefined && hit.version === version && this.now() - hit.storedAt < this.maxAgeMs;
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const version = this.currentVersion();
    const hit = this.peek(key);
    if (hit !== undefined) return hit;
    const value = await load();
    this.put(key, version, value);
    return value;
  }

  /** The batch form, for DataLoaders: loads only the keys not held, in one call, values in key order. */
  async getMany(keys: readonly string[], loadMany: (missing: string[]) => Promise<readonly V[]>): Promise<V[]> {
    const version = this.currentVersion();
    const values: V[] = new Array(keys.length);
    const missing: number[] = [];
    keys.forEach((key, i) => {
      const hit = this.entries.get(key);
      if (this.fresh(hit, version)) values[i] = hit.value;
      else missing.push(i);
    });
    if (missing.length === 0) return values;
    const loaded = await loadMany(missing.map((i) => keys[i]!));
    missing.forEach((i, n) => {
      values[i] = loaded[n]!;
      this.put(keys[i]!, version, loaded[n]!);
    });
    return values;
  }

  /** The value held for key at the current version, if any; marks it recently used. */
  peek(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!this.fresh(hit, this.currentVersion())) return undefined;
    // Re-insert: Map keeps insertion order, so the first key is the least recently used.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  /**
   * Stores a value loaded from the data at `versionAtLoadStart` (read
   * currentVersion before loading); ignored if a write happened since, or if the
   * value alone outweighs the whole cache.
   */
  put(key: string, versionAtLoadStart: number, value: V): void {
    if (this.currentVersion() !== versionAtLoadStart) return;
    const weight = this.weigh(value);
    if (weight > this.maxWeight) return;
    this.remove(key);
    this.entries.set(key, { version: versionAtLoadStart, value, storedAt: this.now(), weight });
    this.weight += weight;
    while (this.entries.size > this.maxEntries || this.weight > this.maxWeight) this.remove(this.entries.keys().next().value!);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.weight -= entry.weight;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Total weight held (0 without `weigh`). */
  get totalWeight(): number {
    return this.weight;
  }
}
