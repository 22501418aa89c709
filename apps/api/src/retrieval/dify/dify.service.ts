import { Injectable } from '@nestjs/common';
import { RetrievalRepository } from '../retrieval.repository.js';
import { RetrievalService } from '../retrieval.service.js';
import type { Passage } from '../retrieval.types.js';
import { DifyError } from './dify-error.js';
import type { DifyRetrievalBody } from './dify.dto.js';
import type { DifyRecord, DifyRetrievalResponse } from './dify.response.js';
import { matchesCondition, MetadataConditionError, validateCondition } from './metadata-condition.js';

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

  async retrieve(body: DifyRetrievalBody): Promise<DifyRetrievalResponse> {
    const condition = body.metadata_condition;
    if (condition) {
      try {
        validateCondition(condition);
      } catch (error) {
        if (error instanceof MetadataConditionError) throw new DifyError(400, 400, error.message);
        throw error;
      }
    }
    const { documents, dataset } = await this.scope(body.knowledge_id);
    const { top_k: topK, score_threshold: scoreThreshold } = body.retrieval_setting;
    const result = await this.retrieval.retrieve({
      query: body.query,
      topK: condition ? topK * FILTER_HEADROOM : topK,
      maxChars: MAX_CHARS,
      scoreThreshold,
      documents,
    });
    const records = result.passages
      .map((passage) => toRecord(passage, dataset))
      .filter((record) => !condition || matchesCondition(record.metadata, condition))
      .slice(0, topK);
    return { records };
  }

  /** The documents a knowledge_id covers (undefined: all) and the dataset it names. */
  private async scope(knowledgeId: string): Promise<{ documents?: string[]; dataset: Dataset }> {
    if (knowledgeId === KNOWLEDGE_ID) return { dataset: { id: KNOWLEDGE_ID, name: KNOWLEDGE_ID } };
    const document = await this.repository.findDocument(knowledgeId);
    if (!document) throw DifyError.of('knowledgeNotFound', knowledgeId);
    return { documents: [document.name], dataset: { id: knowledgeId, name: document.name } };
  }
}

interface Dataset {
  id: string;
  name: string;
}

/**
 * A passage as a Dify record. The snake_case metadata fields are the ones Dify's SourceMetadata
 * requires (strings all), so the record passes Dify 1.13's workflow node; the rest are ours, for
 * metadata_condition and for showing the citation.
 */
function toRecord(passage: Passage, dataset: Dataset): DifyRecord {
  const { document, documentSlug, lineStart, lineEnd } = passage.citation;
  return {
    content: passage.text,
    score: passage.score,
    title: passage.title,
    metadata: {
      dataset_id: dataset.id,
      dataset_name: dataset.name,
      document_id: documentSlug,
      document_name: document,
      data_source_type: 'external',
      segment_id: passage.id,
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
