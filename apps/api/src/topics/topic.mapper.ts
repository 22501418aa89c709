import { toEntityRef, toTopicSummary } from '../common/refs.mapper.js';
import type { TopicDetailRow } from './topics.repository.js';
import type { Snippet, Topic } from './topics.types.js';

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
    entities: row.mentions.map((mention) => toEntityRef(mention.entity)),
    children: row.children.map(toTopicSummary),
  };
}
