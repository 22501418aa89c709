import { Injectable } from '@nestjs/common';
import { splitLines } from '../../../../seed/parser/parse-document.js';
import { cutPassages, locateBody, type CutPassage } from './passages.js';
import { RetrievalRepository, type PassageTopicRow } from './retrieval.repository.js';

/** Cut topics kept in memory; keys carry the document's content hash, so a re-ingest never serves stale lines. */
const MAX_TOPICS = 5000;
const MAX_DOCUMENTS = 16;

/**
 * Passages of stored topics. Cutting needs the body's first line, which only
 * the document text tells (blank lines after a header are trimmed from the body).
 */
@Injectable()
export class PassageStore {
  private readonly lines = new Map<string, string[]>();
  private readonly cut = new Map<string, CutPassage[]>();

  constructor(private readonly repository: RetrievalRepository) {}

  async passagesOf(topics: readonly PassageTopicRow[]): Promise<Map<number, CutPassage[]>> {
    const docKey = (t: PassageTopicRow) => `${t.document.id}:${t.document.contentHash}`;
    const missing = topics.filter((t) => !this.cut.has(this.topicKey(t)) && !this.lines.has(docKey(t)));
    if (missing.length) {
      for (const doc of await this.repository.findDocumentContents([...new Set(missing.map((t) => t.document.id))])) {
        remember(this.lines, `${doc.id}:${doc.contentHash}`, splitLines(doc.content), MAX_DOCUMENTS);
      }
    }
    const out = new Map<number, CutPassage[]>();
    for (const topic of topics) {
      let passages = this.cut.get(this.topicKey(topic));
      if (!passages) {
        const lines = this.lines.get(docKey(topic));
        const bodyLineStart = lines ? locateBody(lines, topic) : null;
        passages = bodyLineStart === null ? [] : cutPassages({ body: topic.body, bodyLineStart, snippets: topic.snippets });
        remember(this.cut, this.topicKey(topic), passages, MAX_TOPICS);
      }
      out.set(topic.id, passages);
    }
    return out;
  }

  private topicKey(topic: PassageTopicRow): string {
    return `${topic.id}:${topic.document.contentHash}`;
  }
}

function remember<V>(cache: Map<string, V>, key: string, value: V, max: number): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > max) cache.delete(cache.keys().next().value!);
}
