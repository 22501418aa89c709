import { toEntityRef, toTopicSummary } from '../common/refs.mapper.js';
import { toManifest } from '../manifests/manifest.mapper.js';
import type { SnippetRow, TopicDetailRow } from './topics.repository.js';
import type { Snippet, Topic } from './topics.types.js';

export function toSnippet(row: SnippetRow): Snippet {
  const snippet: Snippet = { kind: row.kind, language: row.language, content: row.content, lineStart: row.lineStart, lineEnd: row.lineEnd };
  const manifest = toManifest(row);
  if (manifest) snippet.manifest = manifest;
  return snippet;
}

export function toTopic(row: TopicDetailRow): Topic {
  return {
    ...toTopicSummary(row),
    body: row.body,
    lang: row.lang,
    source: { document: row.document.name, lineStart: row.lineStart, lineEnd: row.lineEnd },
    snippets: row.snippets.map(toSnippet),
    entities: row.mentions.map((mention) => toEntityRef(mention.entity)),
    children: row.children.map(toTopicSummary),
  };
}
