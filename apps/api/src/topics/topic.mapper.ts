import type { EntityRef } from '../entities/entity.mapper.js';
import type { TopicDetailRow, TopicSummaryRow } from './topics.repository.js';

export interface TopicSummary {
  slug: string;
  title: string;
  level: number;
  parentSlug: string | null;
  order: number;
}

export interface Manifest {
  apiVersion: string;
  kind: string;
  name: string | null;
  deprecated?: { replacement: string; removedIn: string; note: string };
}

export interface Snippet {
  kind: 'yaml' | 'shell' | 'output' | 'text';
  language: string | null;
  content: string;
  lineStart: number;
  lineEnd: number;
  manifest?: Manifest;
}

export interface Topic extends TopicSummary {
  body: string;
  lang: string;
  source: { document: string; lineStart: number; lineEnd: number };
  snippets: Snippet[];
  entities: EntityRef[];
  children: TopicSummary[];
}

export function toTopicSummary(row: Pick<TopicSummaryRow, 'slug' | 'title' | 'level' | 'parent' | 'position'>): TopicSummary {
  return { slug: row.slug, title: row.title, level: row.level, parentSlug: row.parent?.slug ?? null, order: row.position };
}

export function toSnippet(row: TopicDetailRow['snippets'][number]): Snippet {
  const snippet: Snippet = { kind: row.kind, language: row.language, content: row.content, lineStart: row.lineStart, lineEnd: row.lineEnd };
  if (row.apiVersion && row.manifestKind) {
    snippet.manifest = { apiVersion: row.apiVersion, kind: row.manifestKind, name: row.manifestName };
    if (row.deprecatedReplacement !== null && row.deprecatedRemovedIn !== null) {
      snippet.manifest.deprecated = {
        replacement: row.deprecatedReplacement,
        removedIn: row.deprecatedRemovedIn,
        note: row.deprecatedNote ?? '',
      };
    }
  }
  return snippet;
}

export function toTopic(row: TopicDetailRow): Topic {
  return {
    ...toTopicSummary(row),
    body: row.body,
    lang: row.lang,
    source: { document: row.document.name, lineStart: row.lineStart, lineEnd: row.lineEnd },
    snippets: row.snippets.map(toSnippet),
    entities: row.mentions.map((mention) => mention.entity),
    children: row.children.map(toTopicSummary),
  };
}
