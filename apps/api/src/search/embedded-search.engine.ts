import { highlight } from './highlight.js';
import { FIELDS, InvertedIndex, type DerivedTerm, type Field, type QueryTerm } from './inverted-index.js';
import type { QueryExpander } from './query-expander.js';
import type { IndexChange, SearchDocument, SearchEngine, SearchHit, SearchKind, SearchQuery } from './search.types.js';
import type { TextAnalyzer } from './text-analyzer.js';

/**
 * Field boosts: a title match says most about an entry, its heading path
 * (document › section › subsection) and its entity names next, body text least.
 */
const BOOST: Record<Field, number> = { title: 3, headings: 2, aliases: 2, text: 1 };
const BOOSTS = FIELDS.map((f) => BOOST[f]);
/** Weight of a term that only the synonym expansion brought in. */
const EXPANSION_WEIGHT = 0.5;
/** Typo tolerance, as a fraction of the term length (0.2: one typo in 5 letters, two in 10). */
const FUZZY = 0.2;
/** A query term in more than this share of the entries is left out if the query has rarer ones (unless it names something). */
const COMMON_SHARE = 0.1;
/** An entry whose title and heading path hold all of the query's own terms counts this much more. */
const TITLE_BONUS = 1;
/** Topics are what readers look for; an entity or snippet of the same strength ranks below. */
const KIND_WEIGHT: Record<SearchKind, number> = { topic: 1.3, entity: 1, snippet: 0.8 };
/** Equal scores: topics first, then entities, then snippets. */
const KIND_ORDER: Record<SearchKind, number> = { topic: 0, entity: 1, snippet: 2 };
const BATCH = 100;

const LATIN = /^[\p{L}\p{N}]+$/u;
const HAN = /\p{Script=Han}/u;

interface State {
  index: InvertedIndex<SearchDocument>;
  /** Index ids by entry id. */
  ids: Map<string, number>;
  /** Entry ids of each notes document, so a document's change replaces exactly its entries. */
  byDocument: Map<string, Set<string>>;
  /** Whole titles and entity names and aliases (normalised), with how many entries carry each: the words that name something. */
  names: Map<string, number>;
}

/**
 * In-process full-text search (BM25+ over title, heading path, entity names and
 * text), for when no Meilisearch is configured or reachable. Chinese and English
 * go through the shared TextAnalyzer; the query is widened with the ontology's
 * synonyms at a lower weight. No answer cache: an uncached search on 1000× the
 * seed takes a few milliseconds (BENCHMARKS.md, bench:search), and the response
 * cache in front of the API serves repeats.
 */
export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded' as const;
  private state: State = emptyState();

  constructor(
    private readonly analyzer: TextAnalyzer,
    private readonly expander: QueryExpander,
  ) {}

  /** Builds a fresh index aside and swaps it in, so a search never sees a half-built one. */
  async rebuild(documents: SearchDocument[], onProgress?: (done: number, total: number) => void): Promise<void> {
    const next = emptyState();
    for (let i = 0; i < documents.length; i += BATCH) {
      for (const document of documents.slice(i, i + BATCH)) this.add(next, document);
      onProgress?.(Math.min(i + BATCH, documents.length), documents.length);
      await new Promise((resolve) => setImmediate(resolve)); // let requests in between batches
    }
    this.state = next;
  }

  /** Replaces one notes document's entries and the given entities' in place (synchronously: no search sees half of it). */
  async update(change: IndexChange): Promise<void> {
    const state = this.state;
    for (const id of [...(state.byDocument.get(change.document) ?? [])]) this.remove(state, id);
    for (const entity of change.entities) this.remove(state, entity.id);
    for (const document of [...change.documents, ...change.entities]) this.add(state, document);
  }

  /** Entities whose entry points at a topic of this notes document (their most-mentioning topic). */
  entitiesPointingInto(documentSlug: string): string[] {
    const { index, ids, byDocument } = this.state;
    const topics = new Set([...(byDocument.get(documentSlug) ?? [])].map((id) => index.entry(ids.get(id)!)?.topicSlug));
    const out: string[] = [];
    for (const n of ids.values()) {
      const d = index.entry(n);
      if (d?.kind === 'entity' && topics.has(d.topicSlug)) out.push(d.slug);
    }
    return out;
  }

  get size(): number {
    return this.state.index.size;
  }

  private fieldTerms(document: SearchDocument): string[][] {
    const text: Record<Field, string> = { title: document.title, headings: (document.headings ?? []).join('\n'), aliases: document.aliases.join('\n'), text: document.text };
    return FIELDS.map((f) => this.analyzer.terms(text[f]));
  }

  private add(state: State, document: SearchDocument): void {
    this.remove(state, document.id);
    state.ids.set(document.id, state.index.add(document, this.fieldTerms(document)));
    for (const name of namesOf(document)) state.names.set(name, (state.names.get(name) ?? 0) + 1);
    if (document.document) {
      const ids = state.byDocument.get(document.document) ?? new Set<string>();
      state.byDocument.set(document.document, ids.add(document.id));
    }
  }

  /** Takes an entry's postings out; its terms are worked out again from the entry as added. */
  private remove(state: State, id: string): void {
    const n = state.ids.get(id);
    if (n === undefined) return;
    const document = state.index.entry(n)!;
    state.index.remove(n, this.fieldTerms(document));
    state.ids.delete(id);
    for (const name of namesOf(document)) {
      const left = (state.names.get(name) ?? 1) - 1;
      if (left > 0) state.names.set(name, left);
      else state.names.delete(name);
    }
    if (document.document) state.byDocument.get(document.document)?.delete(id);
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    const { index } = this.state;
    const allOwn = this.analyzer.queryTerms(query.q);
    const own = this.withoutCommon(allOwn);
    const { sources: ownSources, concepts } = this.conceptsOf(query.q, own);
    const expansion = this.synonymTerms(query.q, allOwn, ownSources, concepts);
    if (own.length + expansion.length === 0) return [];
    const terms: QueryTerm[] = [
      ...own.map((term) => ({
        term,
        weight: 1,
        prefix: LATIN.test(term) && !HAN.test(term) && term.length >= 3,
        fuzzy: !HAN.test(term) && term.length >= 4 && index.frequency(term) === 0 ? FUZZY : (false as const),
        source: ownSources.get(term)!,
      })),
      ...expansion,
    ];
    const derived = index.derive(terms);
    const kinds = query.kinds?.length ? new Set(query.kinds) : null;
    const types = query.types?.length ? new Set<string>(query.types) : null;
    const ownMask = concepts >= 31 ? -1 : (1 << concepts) - 1;

    const scored = index.search(derived, BOOSTS, query.limit, (n, bm25, matched, headings) => {
      const doc = index.entry(n)!;
      if ((kinds && !kinds.has(doc.kind)) || (types && !types.has(doc.entityType as string))) return 0;
      // MiniSearch's coordination: an entry matching more of the query's words scores that many times more.
      const coverage = popcount(headings & ownMask) / Math.max(1, concepts);
      const title = doc.kind === 'topic' ? 1 + TITLE_BONUS * coverage : 1;
      return bm25 * popcount(matched) * KIND_WEIGHT[doc.kind] * title;
    });

    return scored
      .map(({ id, score }) => ({ doc: index.entry(id)!, id, score }))
      .sort((a, b) => b.score - a.score || KIND_ORDER[a.doc.kind] - KIND_ORDER[b.doc.kind] || a.doc.id.localeCompare(b.doc.id))
      .map(({ doc, id, score }) => ({
        kind: doc.kind,
        slug: doc.slug,
        title: doc.title,
        score: Math.round(score * 1000) / 1000,
        highlight: query.highlight === false ? '' : this.highlightOf(doc, id, derived),
        topicSlug: doc.topicSlug,
      }));
  }

  /**
   * What each of the query's own terms counts as in the coordination factor and the title
   * coverage: each word its own, and the Han bigrams that are no word of the query (把集, 群迁
   * of 把集群迁移) all as one: they are there to find a word inside a longer one, and as many
   * bits they would outnumber the query's words.
   */
  private conceptsOf(q: string, own: readonly string[]): { sources: Map<string, number>; concepts: number } {
    const words = new Set(this.analyzer.words(q).map((w) => w.normalize('NFKC').toLowerCase()));
    const sources = new Map<string, number>();
    let concepts = 0;
    let bigrams: number | undefined;
    for (const term of own) {
      if (HAN.test(term) && !words.has(term)) sources.set(term, (bigrams ??= concepts++));
      else sources.set(term, concepts++);
    }
    return { sources, concepts };
  }

  /**
   * The words the query's entities' other names bring (not the query's own), at EXPANSION_WEIGHT.
   * Each counts as the query word that named its entity (the first own word among the entity's
   * names), or, when none did, all of one entity's words count as one: the coordination factor
   * counts what the query asks about, so a topic mentioning Container does not score once per
   * alias of Container ("containers", "app container", 容器…) and outrank one matching the
   * query's other words.
   */
  private synonymTerms(q: string, allOwn: readonly string[], ownSources: ReadonlyMap<string, number>, concepts: number): QueryTerm[] {
    const seen = new Set(allOwn);
    const sources = new Map<string, number>();
    let next = concepts;
    for (const { names } of this.expander.expand(q).synonyms) {
      const words = this.analyzer.queryTerms(names.join('\n'));
      const naming = words.find((word) => ownSources.has(word));
      const source = naming === undefined ? next++ : ownSources.get(naming)!;
      for (const word of words) {
        if (seen.has(word)) continue;
        seen.add(word);
        sources.set(word, source);
      }
    }
    return this.withoutCommon([...sources.keys()]).map((term) => ({ term, weight: EXPANSION_WEIGHT, prefix: false, fuzzy: false as const, source: sources.get(term)! }));
  }

  /**
   * Terms in more than COMMON_SHARE of the entries ("pod", 服务 in notes about
   * Kubernetes) are dropped when the query has rarer ones: their BM25 weight is
   * a small fraction of a rare term's. A term that is a whole title or an
   * entity's name or alias stays: in "Service 有哪几种类型" `service` is the word
   * that matters. (Any title word would keep 什么 of "能做什么" too.)
   */
  private withoutCommon(terms: string[]): string[] {
    const { index, names } = this.state;
    const limit = index.size * COMMON_SHARE;
    const kept = terms.filter((term) => index.frequency(term) <= limit || names.has(term));
    return kept.length > 0 ? kept : terms;
  }

  /** The best field: the one most matched terms fall in (body text on ties), cut around the first match. */
  private highlightOf(doc: SearchDocument, id: number, derived: readonly DerivedTerm[]): string {
    const match = this.state.index.matches(id, derived.map((d) => d.term));
    const text: Record<Field, string> = { title: doc.title, headings: (doc.headings ?? []).join(' › '), aliases: doc.aliases.join(', '), text: doc.text };
    const count = (f: Field) => [...match.values()].filter((fields) => fields.includes(f)).length;
    const best = (['text', 'title', 'aliases'] as Field[]).reduce((a, b) => (count(b) > count(a) ? b : a));
    return highlight(text[best] || doc.title, match.keys());
  }
}

function emptyState(): State {
  return { index: new InvertedIndex<SearchDocument>(), ids: new Map(), byDocument: new Map(), names: new Map() };
}

/** An entry's whole title, and an entity's aliases, as a query term would spell them. */
function namesOf(document: SearchDocument): Set<string> {
  const names = [document.title, ...(document.kind === 'entity' ? document.aliases : [])];
  return new Set(names.map((n) => n.normalize('NFKC').toLowerCase().trim()).filter(Boolean));
}

function popcount(n: number): number {
  n = n - ((n >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
