/**
 * What POST /api/v1/dify/retrieval answers: Dify's External Knowledge API records. `metadata` is
 * also everything Dify's own SourceMetadata model requires (Dify 1.13 validates it in the workflow
 * Knowledge Retrieval node and fails the run on a missing or non-string document_id), so every
 * Dify version can take a record as it is.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EntityRefModel } from '../../common/refs.model.js';
import { PassageWarning } from '../models/passage.model.js';

export class DifyRecordMetadata {
  @ApiProperty({ description: 'The knowledge_id asked for (Dify puts its own dataset id in its place)', example: 'kubenotes' })
  dataset_id: string;

  @ApiProperty({ description: '"kubenotes", or the document\'s name when knowledge_id names one', example: 'kubenotes' })
  dataset_name: string;

  @ApiProperty({ description: 'The document\'s slug (GET /api/v1/documents/{slug}); Dify groups citations by it', example: 'concepts-service' })
  document_id: string;

  @ApiProperty({ description: 'The document\'s name (its path)', example: 'concepts/service.md' })
  document_name: string;

  @ApiProperty({ enum: ['external'] })
  data_source_type: 'external';

  @ApiProperty({ description: 'The passage id, stable while its topic is unchanged: topic slug and position', example: 'headless-service#0' })
  segment_id: string;

  @ApiProperty({ example: 'headless-service' })
  topicSlug: string;

  @ApiProperty({ description: 'The document\'s name, as in the citation', example: 'concepts/service.md' })
  document: string;

  @ApiProperty({ example: 40 })
  lineStart: number;

  @ApiProperty({ example: 46 })
  lineEnd: number;

  @ApiProperty({ description: '"<document>:<lineStart>-<lineEnd>"', example: 'concepts/service.md:40-46' })
  citation: string;

  @ApiProperty({ enum: ['prose', 'snippet'] })
  kind: 'prose' | 'snippet';

  @ApiProperty({ description: 'The topic\'s title', example: 'Headless Service' })
  title: string;

  @ApiProperty({ type: [EntityRefModel], description: 'Entities the passage names' })
  entities: EntityRefModel[];

  @ApiProperty({ type: [String], description: 'Their slugs, for metadata_condition', example: ['headless'] })
  entity: string[];

  @ApiProperty({ type: [String], description: 'Their types, for metadata_condition', example: ['SERVICE_TYPE'] })
  entityType: string[];

  @ApiPropertyOptional({ type: [PassageWarning], description: "A manifest in the passage uses a removed Kubernetes API, or its stored check found problems on the passage's lines" })
  warnings?: PassageWarning[];
}

export class DifyRecord {
  @ApiProperty({ description: 'The passage text; the cited lines contain it' })
  content: string;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.82 })
  score: number;

  @ApiProperty({ description: 'The topic\'s title', example: 'Headless Service' })
  title: string;

  @ApiProperty({ type: DifyRecordMetadata })
  metadata: DifyRecordMetadata;
}

export class DifyRetrievalResponse {
  @ApiProperty({ type: [DifyRecord], description: 'Best first, at most top_k, none below score_threshold' })
  records: DifyRecord[];
}

/** Dify's error shape, which this endpoint answers instead of problem JSON. */
export class DifyErrorResponse {
  @ApiProperty({ description: '1001 bad Authorization header, 1002 wrong key, 2001 unknown knowledge_id; otherwise the HTTP status', example: 1002 })
  error_code: number;

  @ApiProperty({ example: 'Authorization failed' })
  error_msg: string;
}
