import type { EntityType } from '../../../../seed/ontology/types.js';
import type { EntityRef } from '../common/refs.types.js';

/**
 * A problem with a manifest in the passage: an API Kubernetes removed (found in the
 * text, or by the stored check), or a finding of the snippet's stored manifest check.
 */
export interface PassageWarning {
  /** The check's rule: removed-api, deprecated-api, schema, unknown-field or yaml. */
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** Its line in the cited document; null when unknown (a manifest only parsed from the text). */
  line: number | null;
  /** JSON pointer into the manifest (stored findings). */
  path?: string;
  /** For removed-api: the API, its kind, the release that removed it and its replacement. */
  apiVersion?: string;
  kind?: string;
  removedIn?: string;
  replacement?: string;
}

export interface Citation {
  /** The document's name (its path), as in Topic.source.document. */
  document: string;
  /** The document's slug, for GET /api/v1/documents/{slug}. */
  documentSlug: string;
  lineStart: number;
  lineEnd: number;
}

/** A quotable passage: the cited lines of the cited document contain `text` (whitespace aside). */
export interface Passage {
  /** Stable while the topic is unchanged: its slug and the passage's position in it (`service#3`). */
  id: string;
  topicSlug: string;
  title: string;
  text: string;
  /** 0..1: the topic's search rank and the passage's own overlap with the query. */
  score: number;
  citation: Citation;
  entities: EntityRef[];
  /** "prose" or "snippet" (YAML, shell, output). */
  kind: 'prose' | 'snippet';
  /** Where it sits: the document's title (or file name), then its section titles down to its own. */
  headingPath: string[];
  /** The passage just before it in its document (possibly in the previous section), null at the start. */
  previous: string | null;
  /** The passage just after it in its document, null at the end. */
  next: string | null;
  warnings?: PassageWarning[];
}

export interface RetrieveQuery {
  query: string;
  topK?: number;
  maxChars?: number;
  scoreThreshold?: number;
  /** Only passages that mention an entity of one of these types. */
  types?: EntityType[];
  /** Only passages from these documents (names). */
  documents?: string[];
}

export interface RetrieveResult {
  query: string;
  backend: string;
  passages: Passage[];
}

/** A passage's id: its topic and its position among the topic's passages. */
export const passageId = (topicSlug: string, position: number): string => `${topicSlug}#${position}`;

/** The longest question retrieve takes. */
export const MAX_RETRIEVE_QUERY_CHARS = 1000;

export const RETRIEVE_DEFAULTS = { topK: 5, maxChars: 4000, scoreThreshold: 0 } as const;
export const RETRIEVE_LIMITS = { topK: [1, 20], maxChars: [200, 20000] } as const;
