import type { EntityType } from '../../../../seed/ontology/types.js';

/** What can be searched: topics, entities and snippets (YAML, shell, output). */
export const SEARCH_KINDS = ['topic', 'entity', 'snippet'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const MAX_QUERY_CHARS = 500;
export const MAX_SEARCH_LIMIT = 50;
export const DEFAULT_SEARCH_LIMIT = 10;

/** One indexed document; both engines index exactly these. */
export interface SearchDocument {
  /** Unique across kinds, e.g. "topic:service", "entity:headless", "snippet:service:2". */
  id: string;
  kind: SearchKind;
  slug: string;
  title: string;
  /** Body text (topic prose, entity description, snippet content). */
  text: string;
  /** The topic the hit belongs to (the topic itself, a snippet's topic, an entity's most-mentioning topic). */
  topicSlug: string | null;
  /** The slug of the notes document a topic or snippet comes from; null for entities. */
  document: string | null;
  entityType: EntityType | null;
  /** Entity names and aliases mentioned (topics) or owned (entities), Chinese and English. */
  aliases: string[];
  /** The headings above it: its document's title, then its ancestor sections' titles (none for entities). */
  headings?: string[];
}

/**
 * A snippet entry's slug: its topic's slug and its position there ("service:2"). The one
 * place that spells it: the index writes it, retrieval looks a snippet's hit up by it
 * (never parsing a position back out of a slug).
 */
export const snippetSlug = (topicSlug: string, position: number): string => `${topicSlug}:${position}`;

export interface SearchQuery {
  q: string;
  kinds?: SearchKind[];
  types?: EntityType[];
  limit: number;
  /** False: hits come with an empty highlight (retrieval ranks passages itself; highlighting was a quarter of its CPU). */
  highlight?: boolean;
}

export interface SearchHit {
  kind: SearchKind;
  slug: string;
  title: string;
  score: number;
  /** The matched passage with matches wrapped in <mark>…</mark>. */
  highlight: string;
  topicSlug: string | null;
}

export interface SearchResult {
  query: string;
  /** Which engine answered: "meilisearch" or "embedded". */
  backend: 'meilisearch' | 'embedded';
  hits: SearchHit[];
}

export interface ReindexReport {
  /** The engine that now answers searches. */
  backend: SearchResult['backend'];
  documents: number;
  ms: number;
}

/** One notes document changed: its entries are replaced, and so are those of the entities it mentions(d). */
export interface IndexChange {
  /** The notes document's slug; every entry of it is removed first. */
  document: string;
  /** Its entries now (topics, snippets); none when it was deleted. */
  documents: SearchDocument[];
  /** Entity entries to replace (their most-mentioning topic may have moved). */
  entities: SearchDocument[];
}

/** The port: one per engine. */
export interface SearchEngine {
  readonly name: SearchResult['backend'];
  /** Replaces the whole index with these documents (atomically for searchers). */
  rebuild(documents: SearchDocument[], onProgress?: (done: number, total: number) => void): Promise<void>;
  /** Applies one document's change to the live index: a few entries, not a rebuild. */
  update(change: IndexChange): Promise<void>;
  search(query: SearchQuery): Promise<SearchHit[]>;
}
