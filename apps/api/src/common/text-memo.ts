/** A bounded memo of pure functions of text: the least recently used entry goes first. */
export class TextMemo {
  private readonly entries = new Map<string, unknown>();

  constructor(private readonly maxEntries: number) {}

  get<V>(key: string, compute: () => V): V {
    if (this.entries.has(key)) {
      const value = this.entries.get(key) as V;
      this.entries.delete(key);
      this.entries.set(key, value);
      return value;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
