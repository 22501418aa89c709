/** What ingest reports and announces; kept apart so listeners need not import the service. */

export interface DocumentKey {
  name: string;
  slug: string;
}

export type IngestStatus = 'added' | 'replaced' | 'unchanged';

export interface IngestReport {
  document: DocumentKey;
  status: IngestStatus;
  /** True when the same content was already stored: nothing was written. */
  unchanged: boolean;
  topics: number;
  snippets: number;
  mentions: number;
}

export interface DeleteReport {
  document: DocumentKey;
  /** Topics removed with the document. */
  topics: number;
}

export interface FolderIngestReport {
  folder: string;
  added: string[];
  replaced: string[];
  unchanged: string[];
  /** Files not read as documents, with why (empty, too large, not UTF-8, a link out of the folder). */
  skipped: Array<{ name: string; reason: string }>;
  /** Files whose ingest failed (each in a transaction of its own: the others are kept). */
  failed: Array<{ name: string; error: string }>;
  /** Documents removed because their file is gone (with --prune). */
  pruned: string[];
}

export interface IngestProgress {
  phase: string;
  done: number;
  total: number;
}

/**
 * A committed change to one document, for whoever keeps something derived from
 * it (the search index). `entities` are those its old or new topics mention,
 * whose own search entries (most-mentioning topic) may have changed.
 */
export interface DocumentChange {
  kind: 'upserted' | 'deleted';
  document: DocumentKey;
  entities: string[];
}
