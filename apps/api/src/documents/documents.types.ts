import type { TopicSummary } from '../common/refs.types.js';

/** A stored notes document, as listed. */
export interface DocumentSummary {
  name: string;
  slug: string;
  format: string;
  title: string | null;
  lines: number;
  topics: number;
  contentHash: string;
  updatedAt: string;
}

export interface DocumentMetadata {
  description: string | null;
  tags: string[];
  aliases: string[];
  /** Every other front-matter key. */
  extra: Record<string, unknown>;
}

/** A document with its front matter and its topics in document order. */
export interface DocumentDetail extends DocumentSummary {
  createdAt: string;
  metadata: DocumentMetadata;
  /** Its topics in document order (level and parent give the tree). */
  outline: TopicSummary[];
}
