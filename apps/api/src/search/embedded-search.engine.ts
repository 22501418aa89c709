import MiniSearch, { type SearchResult as MiniResult } from 'minisearch';
import { TextMemo } from '../common/text-memo.js';
import { highlight } from './highlight.js';
import type { QueryExpander } from './query-expander.js';
import type { IndexChange, SearchDocument, SearchEngine, SearchHit, SearchKind, SearchQuery } from './search.types.js';
import type { TextAnalyzer } from './text-analyzer.js';

type Field = 'title' | 'aliases' | 'text';
const FIELDS: Field[] = ['title', 'aliases', 'text'];
/** Field boosts: a title match says most about a document, an alias next, body text least. */
const BOOST: Record<Field, number> = { title: 3, aliases: 2, text: 1 };
/** Weight of a term that only the synonym expansion brought in. */
const EXPANSION_WEIGHT = 0.5;
/** Typo tolerance, as a fraction of the term length (0.2: one typo in 5 letters, two in 10). */
const FUZZY = 0.2;
/** A query term in more than this share of the documents is left out if the query has rarer ones. */
const COMMON_SHARE = 0.1;
/** A topic whose title holds all of the query's terms counts this much more. */
const TITLE_BONUS = 1;
/** Topics are what readers look for; an entity or snippet of the same strength ranks below. */
const KIND_WEIGHT: Record<SearchKind, number> = { topic: 1.3, entity: 1, snippet: 0.8 };
/** Equal scores: topics first, then entities, then snippets. */
const KIND_ORDER: Record<SearchKind, number> = { topic: 0, entity: 1, snippet: 2 };
const BATCH = 100;

interface IndexState {
  index: MiniSearch<Record<string, unknown>>;
  byId: Map<string, SearchDocument>;
  byDocument: Map<string, Set<string>>;
  documentFrequency: Map<string, number>;
}
const LATIN = /^[\p{L}\p{N}]+$/u;
const HAN = /\p{Script=Han}/u;

/**
 * In-process full-text search over MiniSearch (BM25+), for when no Meilisearch
 * is configured or reachable. Chinese and English go through the shared TextAnalyzer;
 * the query is widened with the ontology's synonyms at a lower weight.
 */
export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded' as const;
  private index = this.createIndex();
  private byId = new Map<string, SearchDocument>();
  /** Entry ids of each notes document, so a document's change replaces exactly its entries. */
  private byDocument = new Map<string, Set<string>>();
  /**
   * In how many documents each indexed term occurs. A query term found here is
   * spelled as the notes spell it, so needs no typo tolerance; one found in most
   * documents says little about any of them (see COMMON_SHARE).
   */
  private documentFrequency = new Map<string, number>();
  /** Where the tokenizer puts the terms of the entry being added or removed. */
  private capturing: Set<string> | null = null;
  /** Answers of the current index: it only changes through rebuild() and update(), which drop them. */
  private answers = new TextMemo(1000);

  constructor(
    private readonly analyzer: TextAnalyzer,
    private readonly expander: QueryExpander,
  ) {}

  /** Builds a fresh index aside and swaps it in, so a search never sees a half-built one. */
  async rebuild(documents: SearchDocument[], onProgress?: (done: number, total: number) => void): Promise<void> {
    const next = { index: this.createIndex(), byId: new Map<string, SearchDocument>(), byDocument: new Map<string, Set<string>>(), documentFrequency: new Map<string, number>() };
    for (let i = 0; i < documents.length; i += BATCH) {
      for (const document of documents.slice(i, i + BATCH)) this.add(next, document);
      onProgress?.(Math.min(i + BATCH, documents.length), documents.length);
      await new Promise((resolve) => setImmediate(resolve)); // let requests in between batches
    }
    ({ index: this.index, byId: this.byId, byDocument: this.byDocument, documentFrequency: this.documentFrequency } = next);
    this.answers = new TextMemo(1000);
  }

  /** Replaces one notes document's entries and the given entities' in place (synchronously: no search sees half of it). */
  async update(change: IndexChange): Promise<void> {
    const state = this.state;
    for (const id of [...(state.byDocument.get(change.document) ?? [])]) this.remove(state, id);
    for (const entity of change.entities) if (state.byId.has(entity.id)) this.remove(state, entity.id);
    for (const document of [...change.documents, ...change.entities]) this.add(state, document);
    this.answers = new TextMemo(1000);
  }

  /** Entities whose entry points at a topic of this notes document (their most-mentioning topic). */
  entitiesPointingInto(documentSlug: string): string[] {
    const topics = new Set([...(this.byDocument.get(documentSlug) ?? [])].map((id) => this.byId.get(id)?.topicSlug));
    return [...this.byId.values()].filter((d) => d.kind === 'entity' && topics.has(d.topicSlug)).map((d) => d.slug);
  }

  private get state(): IndexState {
    return { index: this.index, byId: this.byId, byDocument: this.byDocument, documentFrequency: this.documentFrequency };
  }

  private add(state: IndexState, document: SearchDocument): void {
    const terms = this.capture(() => state.index.add(indexed(document)));
    state.byId.set(document.id, document);
    if (document.document) {
      const ids = state.byDocument.get(document.document) ?? new Set<string>();
      state.byDocument.set(document.document, ids.add(document.id));
    }
    for (const term of terms) state.documentFrequency.set(term, (state.documentFrequency.get(term) ?? 0) + 1);
  }

  /**
   * Takes an entry's postings out at once. MiniSearch's discard() would leave
   * them for a background vacuum, which iterates the index in batches and
   * breaks when an entry added between two batches changes the tree under it;
   * remove() needs the entry's fields as added, and byId keeps them.
   */
  private remove(state: IndexState, id: string): void {
    const document = state.byId.get(id);
    if (!document) return;
    const terms = this.capture(() => state.index.remove(indexed(document)));
    state.byId.delete(id);
    if (document.document) state.byDocument.get(document.document)?.delete(id);
    for (const term of terms) {
      const left = (state.documentFrequency.get(term) ?? 1) - 1;
      if (left > 0) state.documentFrequency.set(term, left);
      else state.documentFrequency.delete(term);
    }
  }

  /** The distinct terms the tokenizer produced while `work` ran. */
  private capture(work: () => void): Set<string> {
    const terms = new Set<string>();
    this.capturing = terms;
    try {
      work();
    } finally {
      this.capturing = null;
    }
    return terms;
  }



  get size(): number {
    return this.byId.size;
  }

  /** Callers must not mutate the hits: a repeated query gets the same array. */
  async search(query: SearchQuery): Promise<SearchHit[]> {
    const key = JSON.stringify([query.q, query.kinds ?? null, query.types ?? null, query.limit]);
    return this.answers.get(key, () => this.run(query));
  }

  private run(query: SearchQuery): SearchHit[] {
    const allOwn = this.analyzer.queryTerms(query.q);
    const ownSet = new Set(allOwn);
    const allExpansion = this.analyzer.queryTerms(this.expander.expand(query.q).phrases.join('\n')).filter((t) => !ownSet.has(t));
    const own = this.withoutCommon(allOwn);
    const expansion = this.withoutCommon(allExpansion);
    const terms = [...own, ...expansion];
    if (terms.length === 0) return [];
    const isOwn = (i: number) => i < own.length;
    const kinds = query.kinds?.length ? new Set(query.kinds) : null;
    const types = query.types?.length ? new Set<string>(query.types) : null;

    const results = this.index.search(terms.join(' '), {
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
      boost: BOOST,
      combineWith: 'OR',
      prefix: (term, i) => isOwn(i) && LATIN.test(term) && !HAN.test(term) && term.length >= 3,
      fuzzy: (term, i) => (isOwn(i) && !HAN.test(term) && term.length >= 4 && !this.documentFrequency.has(term) ? FUZZY : false),
      boostTerm: (_term, i) => (isOwn(i) ? 1 : EXPANSION_WEIGHT),
      filter: (r) => (!kinds || kinds.has(r.kind as SearchKind)) && (!types || types.has(r.entityType as string)),
    });

    return results
      .map((r) => ({ r, doc: this.byId.get(String(r.id))!, score: r.score * KIND_WEIGHT[r.kind as SearchKind] * this.titleFactor(r, own) }))
      .filter((x) => x.doc)
      .sort((a, b) => b.score - a.score || KIND_ORDER[a.doc.kind] - KIND_ORDER[b.doc.kind] || a.doc.id.localeCompare(b.doc.id))
      .slice(0, query.limit)
      .map(({ r, doc, score }) => ({
        kind: doc.kind,
        slug: doc.slug,
        title: doc.title,
        score: Math.round(score * 1000) / 1000,
        highlight: this.highlightOf(doc, r),
        topicSlug: doc.topicSlug,
      }));
  }

  /**
   * Terms in more than COMMON_SHARE of the documents ("pod", 服务 in notes about
   * Kubernetes) are dropped when the query has rarer ones: their BM25 weight is
   * a small fraction of a rare term's, yet scoring them visits most of the index,
   * which made them most of an uncached search's time on large corpora.
   */
  private withoutCommon(terms: string[]): string[] {
    const limit = this.byId.size * COMMON_SHARE;
    const rarer = terms.filter((term) => (this.documentFrequency.get(term) ?? 0) <= limit);
    return rarer.length > 0 ? rarer : terms;
  }

  private createIndex() {
    return new MiniSearch<Record<string, unknown>>({
      idField: 'id',
      fields: FIELDS,
      storeFields: ['kind', 'entityType'],
      tokenize: (text) => {
        const terms = this.analyzer.terms(text);
        // Adding an entry collects its terms here (add()), so they are not worked out twice.
        if (this.capturing) for (const term of terms) this.capturing.add(term);
        return terms;
      },
      processTerm: (term) => term,
    });
  }

  /** Topics whose title carries the query's own terms rank above ones that merely mention them. */
  private titleFactor(r: MiniResult, own: string[]): number {
    if (r.kind !== 'topic' || own.length === 0) return 1;
    const inTitle = Object.entries(r.match).filter(([, fields]) => fields.includes('title')).map(([term]) => term);
    const covered = own.filter((q) => inTitle.some((t) => t === q || t.startsWith(q))).length;
    return 1 + TITLE_BONUS * (covered / own.length);
  }

  /** The best field: the one most matched terms fall in (body text on ties), cut around the first match. */
  private highlightOf(doc: SearchDocument, r: MiniResult): string {
    const matched = Object.keys(r.match);
    const text: Record<Field, string> = { title: doc.title, aliases: doc.aliases.join(', '), text: doc.text };
    const count = (f: Field) => Object.values(r.match).filter((fields) => fields.includes(f)).length;
    const best = (['text', 'title', 'aliases'] as Field[]).reduce((a, b) => (count(b) > count(a) ? b : a));
    return highlight(text[best] || doc.title, matched);
  }
}

/** An entry as the index takes it (aliases as one text field). */
function indexed(document: SearchDocument): Record<string, unknown> {
  return { ...document, aliases: document.aliases.join('\n') };
}
