import SearchableMap from 'minisearch/SearchableMap';
import { Postings } from './postings.js';

/** Indexed fields, in the order of the term lists add() takes. */
export const FIELDS = ['title', 'headings', 'aliases', 'text'] as const;
export type Field = (typeof FIELDS)[number];
const FIELD_COUNT = FIELDS.length;
/** Fields that name what an entry is about: a match there is a heading match. */
const HEADING_FIELDS = [0, 1];

/** BM25+ as MiniSearch computes it (its defaults), so scores keep their old scale. */
const K1 = 1.2;
const B = 0.7;
const D = 0.5;
/** MiniSearch's weights of a derived term: prefix and typo matches count less than the word itself. */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const MAX_FUZZY = 6;
/** A short prefix ("po") can stand for thousands of words; the shortest this many are looked at. */
const MAX_PREFIX_TERMS = 64;
/** Query terms tracked one bit each; any beyond share the last bit. */
const MAX_SOURCES = 31;

export interface QueryTerm {
  term: string;
  /** 1 for the query's own words, less for words its synonyms bring. */
  weight: number;
  prefix: boolean;
  /** Typo tolerance as a share of the term's length, or false. */
  fuzzy: number | false;
  /**
   * The query term this one counts as in the matched and heading masks (its index in the
   * query); its own index when omitted. A synonym counts as the word it stands for.
   */
  source?: number;
}

/** A query term as found in the index: the word itself, a longer word it begins, or a word one typo away. */
export interface DerivedTerm {
  term: string;
  /** Index of the query term it stands for. */
  source: number;
  weight: number;
}

export interface Scored {
  id: number;
  score: number;
  /** Bit i set: query term i matched this entry's title or heading path. */
  headingMask: number;
}

/** How a caller turns an entry's summed BM25 into its final score; 0 leaves it out (a filter). */
export type Rescore = (id: number, bm25: number, matchedMask: number, headingMask: number) => number;

interface TermEntry {
  fields: Array<Postings | undefined>;
}

/**
 * A field-aware inverted index: terms in MiniSearch's radix tree (SearchableMap,
 * for prefix and typo lookups), each term's postings in typed arrays, and scores
 * summed into one dense accumulator per search. It replaced MiniSearch's own
 * search, whose per-match objects and maps made an uncached search on 1000× the
 * seed take p50 191 ms; scoring postings straight into a Float64Array takes a few.
 * Removed entries are flagged and compacted out once they are a quarter of the index.
 */
export class InvertedIndex<T> {
  private readonly vocabulary = new SearchableMap<TermEntry>();
  private entries: Array<T | undefined> = [];
  private alive = new Uint8Array(1024);
  private lengths = FIELDS.map(() => new Uint32Array(1024));
  private readonly totalLength = new Float64Array(FIELD_COUNT);
  private liveCount = 0;
  private deadCount = 0;
  // Per-search scratch, sized to the entries ever added.
  private acc = new Float64Array(1024);
  private masks = new Int32Array(1024);
  private headingMasks = new Int32Array(1024);
  private touched = new Int32Array(1024);

  get size(): number {
    return this.liveCount;
  }

  entry(id: number): T | undefined {
    return this.entries[id];
  }

  /** Adds an entry with its terms per field (FIELDS order, repeats kept); returns its id. */
  add(entry: T, fieldTerms: readonly (readonly string[])[]): number {
    const id = this.entries.length;
    this.entries.push(entry);
    this.grow(id + 1);
    this.alive[id] = 1;
    this.liveCount++;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const terms = fieldTerms[f] ?? [];
      this.lengths[f]![id] = terms.length;
      this.totalLength[f]! += terms.length;
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, tf] of counts) {
        let termEntry = this.vocabulary.get(term);
        if (!termEntry) this.vocabulary.set(term, (termEntry = { fields: new Array(FIELD_COUNT) }));
        (termEntry.fields[f] ??= new Postings()).push(id, tf);
      }
    }
    return id;
  }

  /** Removes an entry, given the terms it was added with. */
  remove(id: number, fieldTerms: readonly (readonly string[])[]): void {
    if (!this.alive[id]) return;
    this.alive[id] = 0;
    this.entries[id] = undefined;
    this.liveCount--;
    this.deadCount++;
    for (let f = 0; f < FIELD_COUNT; f++) {
      this.totalLength[f]! -= this.lengths[f]![id]!;
      for (const term of new Set(fieldTerms[f] ?? [])) {
        const postings = this.vocabulary.get(term)?.fields[f];
        if (postings) postings.live--;
      }
    }
    if (this.deadCount > 1000 && this.deadCount > this.liveCount / 4) this.compact();
  }

  /** In how many entries a term occurs (in its most common field). */
  frequency(term: string): number {
    const fields = this.vocabulary.get(term)?.fields;
    let most = 0;
    if (fields) for (let f = 0; f < FIELD_COUNT; f++) most = Math.max(most, fields[f]?.live ?? 0);
    return most;
  }

  /** The query's terms as the index holds them: each word, the longer words it begins, words a typo away. */
  derive(query: readonly QueryTerm[]): DerivedTerm[] {
    const out = new Map<string, DerivedTerm>();
    const keep = (term: string, source: number, weight: number) => {
      const known = out.get(term);
      if (!known || known.weight < weight) out.set(term, { term, source, weight });
    };
    query.forEach((q, i) => {
      const source = Math.min(q.source ?? i, MAX_SOURCES - 1);
      if (this.frequency(q.term) > 0) keep(q.term, source, q.weight);
      if (q.prefix) {
        const longer: string[] = [];
        for (const term of this.vocabulary.atPrefix(q.term).keys()) if (term !== q.term) longer.push(term);
        longer.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
        for (const term of longer.slice(0, MAX_PREFIX_TERMS)) {
          keep(term, source, (q.weight * PREFIX_WEIGHT * term.length) / (term.length + 0.3 * (term.length - q.term.length)));
        }
      }
      if (q.fuzzy) {
        const distance = Math.min(MAX_FUZZY, Math.round(q.term.length * q.fuzzy));
        if (distance > 0) {
          for (const [term, [, d]] of this.vocabulary.fuzzyGet(q.term, distance)) {
            if (d > 0) keep(term, source, (q.weight * FUZZY_WEIGHT * term.length) / (term.length + d));
          }
        }
      }
    });
    return [...out.values()];
  }

  /**
   * The best `limit` entries for these derived terms: BM25+ per field times the
   * field's boost and the term's weight, summed, then handed to `rescore`.
   */
  search(derived: readonly DerivedTerm[], boosts: readonly number[], limit: number, rescore: Rescore): Scored[] {
    const { acc, masks, headingMasks, touched, alive } = this;
    const documents = this.liveCount;
    let touchedCount = 0;
    for (const { term, source, weight } of derived) {
      const fields = this.vocabulary.get(term)?.fields;
      if (!fields) continue;
      const bit = 1 << source;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const postings = fields[f];
        if (!postings || postings.live === 0) continue;
        const idf = Math.log(1 + (documents - postings.live + 0.5) / (postings.live + 0.5));
        const scale = weight * boosts[f]! * idf;
        const average = this.totalLength[f]! / Math.max(1, documents);
        const lengths = this.lengths[f]!;
        const heading = HEADING_FIELDS.includes(f);
        const { ids, tfs, length } = postings;
        const norm = (K1 * B) / Math.max(average, 1e-9);
        const base = K1 * (1 - B);
        for (let i = 0; i < length; i++) {
          const id = ids[i]!;
          if (!alive[id]) continue;
          const tf = tfs[i]!;
          if (masks[id] === 0) touched[touchedCount++] = id;
          acc[id]! += scale * (D + (tf * (K1 + 1)) / (tf + base + norm * lengths[id]!));
          masks[id]! |= bit;
          if (heading) headingMasks[id]! |= bit;
        }
      }
    }
    const heap = new TopK(limit);
    for (let i = 0; i < touchedCount; i++) {
      const id = touched[i]!;
      const score = rescore(id, acc[id]!, masks[id]!, headingMasks[id]!);
      if (score > 0) heap.offer(id, score, headingMasks[id]!);
      acc[id] = 0;
      masks[id] = 0;
      headingMasks[id] = 0;
    }
    return heap.sorted();
  }

  /** Which fields of an entry hold each of these terms (for highlighting the few entries returned). */
  matches(id: number, terms: readonly string[]): Map<string, Field[]> {
    const out = new Map<string, Field[]>();
    for (const term of terms) {
      const fields = this.vocabulary.get(term)?.fields;
      if (!fields) continue;
      const found: Field[] = [];
      for (let f = 0; f < FIELD_COUNT; f++) if ((fields[f]?.tfOf(id) ?? 0) > 0) found.push(FIELDS[f]!);
      if (found.length) out.set(term, found);
    }
    return out;
  }

  private compact(): void {
    const gone: string[] = [];
    for (const [term, entry] of this.vocabulary) {
      let live = 0;
      for (const postings of entry.fields) {
        if (!postings) continue;
        postings.compact(this.alive);
        live += postings.live;
      }
      if (live === 0) gone.push(term);
    }
    for (const term of gone) this.vocabulary.delete(term);
    this.deadCount = 0;
  }

  private grow(size: number): void {
    if (size <= this.alive.length) return;
    const capacity = Math.max(size, this.alive.length * 2);
    const grown = <A extends Uint8Array | Uint32Array | Int32Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(capacity);
      b.set(a as never);
      return b;
    };
    this.alive = grown(this.alive, (n) => new Uint8Array(n));
    this.lengths = this.lengths.map((a) => grown(a, (n) => new Uint32Array(n)));
    this.acc = new Float64Array(capacity);
    this.masks = new Int32Array(capacity);
    this.headingMasks = new Int32Array(capacity);
    this.touched = new Int32Array(capacity);
  }
}

/** The `limit` best (id, score) pairs seen, kept in a binary min-heap. */
class TopK {
  private readonly ids: number[] = [];
  private readonly scores: number[] = [];
  private readonly masks: number[] = [];

  constructor(private readonly limit: number) {}

  offer(id: number, score: number, mask: number): void {
    if (this.limit <= 0) return;
    if (this.ids.length < this.limit) {
      this.ids.push(id);
      this.scores.push(score);
      this.masks.push(mask);
      this.up(this.ids.length - 1);
    } else if (score > this.scores[0]! || (score === this.scores[0]! && id < this.ids[0]!)) {
      this.ids[0] = id;
      this.scores[0] = score;
      this.masks[0] = mask;
      this.down(0);
    }
  }

  sorted(): Scored[] {
    return this.ids.map((id, i) => ({ id, score: this.scores[i]!, headingMask: this.masks[i]! })).sort((a, b) => b.score - a.score || a.id - b.id);
  }

  /** a ranks below b: lower score, or equal score and a later id. */
  private less(a: number, b: number): boolean {
    return this.scores[a]! < this.scores[b]! || (this.scores[a] === this.scores[b] && this.ids[a]! > this.ids[b]!);
  }

  private swap(a: number, b: number): void {
    [this.ids[a], this.ids[b]] = [this.ids[b]!, this.ids[a]!];
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
    [this.masks[a], this.masks[b]] = [this.masks[b]!, this.masks[a]!];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < this.ids.length && this.less(l, min)) min = l;
      if (r < this.ids.length && this.less(r, min)) min = r;
      if (min === i) return;
      this.swap(i, min);
      i = min;
    }
  }
}
