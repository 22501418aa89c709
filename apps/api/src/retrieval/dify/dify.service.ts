import { Injectable } from '@nestjs/common';
import { RetrievalRepository } from '../retrieval.repository.js';
import { RetrievalService } from '../retrieval.service.js';
import type { Passage } from '../retrieval.types.js';
import { DifyError } from './dify-error.js';
import type { DifyRecord, DifyRetrievalBody } from './dify.dto.js';
import { matchesCondition, MetadataConditionError, validateCondition, type MetadataValue } from './metadata-condition.js';

/** The whole knowledge base; a document's slug (or name) scopes retrieval to that document. */
export const KNOWLEDGE_ID = 'kubenotes';
/** Dify sets no character budget; ours is the largest /retrieve allows. */
const MAX_CHARS = 20000;
/** Passages fetched before metadata filtering, so filtering rarely leaves fewer than top_k. */
const FILTER_HEADROOM = 4;

@Injectable()
export class DifyService {
  constructor(
    private readonly retrieval: RetrievalService,
    private readonly repository: RetrievalRepository,
  ) {}

  async retrieve(body: DifyRetrievalBody): Promise<{ records: DifyRecord[] }> {
    const condition = body.metadata_condition;
    if (condition) {
      try {
        validateCondition(condition);
      } catch (error) {
        if (error instanceof MetadataConditionError) throw new DifyError(400, 400, error.message);
        throw error;
      }
    }
    const documents = await this.scope(body.knowledge_id);
    const { top_k: topK, score_threshold: scoreThreshold } = body.retrieval_setting;
    const result = await this.retrieval.retrieve({
      query: body.query,
      topK: condition ? topK * FILTER_HEADROOM : topK,
      maxChars: MAX_CHARS,
      scoreThreshold,
      documents,
    });
    const records = result.passages
      .map(toRecord)
      .filter((record) => !condition || matchesCondition(record.metadata as Record<string, MetadataValue>, condition))
      .slice(0, topK);
    return { records };
  }

  private async scope(knowledgeId: string): Promise<string[] | undefined> {
    if (knowledgeId === KNOWLEDGE_ID) return undefined;
    const document = await this.repository.findDocument(knowledgeId);
    if (!document) throw DifyError.of('knowledgeNotFound', knowledgeId);
    return [document.name];
  }
}

function toRecord(passage: Passage): DifyRecord {
  const { document, lineStart, lineEnd } = passage.citation;
  return {
    content: passage.text,
    score: passage.score,
    title: passage.title,
    metadata: {
      topicSlug: passage.topicSlug,
      document,
      lineStart,
      lineEnd,
      citation: `${document}:${lineStart}-${lineEnd}`,
      kind: passage.kind,
      title: passage.title,
      entities: passage.entities,
      entity: passage.entities.map((e) => e.slug),
      entityType: [...new Set(passage.entities.map((e) => e.type))],
      ...(passage.warnings ? { warnings: passage.warnings } : {}),
    },
  };
}
