import { encodeCursor } from '../../common/pagination.js';
import { toTopicSummary, type TopicSummary } from '../../topics/topic.mapper.js';
import type { TopicNodeRow } from '../../topics/topics.repository.js';

/** What every Topic resolver receives: a topic's own fields; relations come from loaders. */
export interface TopicNode extends TopicSummary {
  body: string;
  lang: string;
  source: { document: string; lineStart: number; lineEnd: number };
  /** The REST list's cursor for this topic, so GraphQL edges can resume a page anywhere. */
  cursor: string;
}

export function toTopicNode(row: TopicNodeRow): TopicNode {
  return {
    ...toTopicSummary(row),
    body: row.body,
    lang: row.lang,
    source: { document: row.document.name, lineStart: row.lineStart, lineEnd: row.lineEnd },
    // Same key as TopicsService.list's cursors: document, then position in it.
    cursor: encodeCursor({ d: row.documentId, p: row.position }),
  };
}
