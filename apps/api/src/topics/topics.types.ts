import type { EntityRef, TopicSummary } from '../common/refs.types.js';
import type { Manifest } from '../manifests/manifests.types.js';

export type { TopicSummary } from '../common/refs.types.js';

export type SnippetKind = 'yaml' | 'shell' | 'output' | 'text';

export interface Snippet {
  kind: SnippetKind;
  language: string | null;
  content: string;
  lineStart: number;
  lineEnd: number;
  manifest?: Manifest;
}

export interface TopicSource {
  document: string;
  lineStart: number;
  lineEnd: number;
}

export interface Topic extends TopicSummary {
  body: string;
  lang: string;
  source: TopicSource;
  snippets: Snippet[];
  /** Most-mentioned first. */
  entities: EntityRef[];
  children: TopicSummary[];
}

export interface RelatedTopic {
  topic: TopicSummary;
  /** 0..1 */
  score: number;
  /** The shared entities that relate the two topics, most specific first. */
  via: EntityRef[];
}

export interface TopicListQuery {
  parent?: string;
  entity?: string;
  limit?: number;
  cursor?: string;
}
