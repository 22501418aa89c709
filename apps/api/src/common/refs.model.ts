import { ApiProperty } from '@nestjs/swagger';
import { ENTITY_TYPES, type EntityType } from '../../../../seed/ontology/types.js';
import type { EntityRef, TopicSummary } from './refs.types.js';

// REST-only shapes: GraphQL answers whole Topic and Entity objects where REST answers these.

export class TopicSummaryModel implements TopicSummary {
  @ApiProperty({ example: 'headless-service' })
  slug: string;

  @ApiProperty({ example: 'headless service' })
  title: string;

  @ApiProperty({ description: 'Depth in its document: 1 for a top-level section, 2 for a subsection, …', example: 2 })
  level: number;

  @ApiProperty({ type: String, nullable: true, description: 'Slug of the enclosing topic', example: 'service' })
  parentSlug: string | null;

  @ApiProperty({ description: 'Position of the topic in its document', example: 17 })
  order: number;
}

export class EntityRefModel implements EntityRef {
  @ApiProperty({ example: 'clusterip' })
  slug: string;

  @ApiProperty({ example: 'ClusterIP' })
  name: string;

  @ApiProperty({ enum: ENTITY_TYPES, enumName: 'EntityType', example: 'SERVICE_TYPE' })
  type: EntityType;
}
