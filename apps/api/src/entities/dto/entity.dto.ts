import { ApiProperty } from '@nestjs/swagger';
import type { Page } from '../../common/pagination.js';
import { TopicSummaryDto } from '../../topics/dto/topic-summary.dto.js';
import type { Entity, EntityRelation } from '../entity.mapper.js';
import { EntityRefDto } from './entity-ref.dto.js';

export class EntityRelationDto implements EntityRelation {
  @ApiProperty({ description: 'Relation type (MANAGES, ROUTES_TO, RUNS, ...)', example: 'RUNS' })
  type: string;

  @ApiProperty({ enum: ['out', 'in'], description: 'out: this entity is the subject; in: the object' })
  direction: 'out' | 'in';

  @ApiProperty({ type: EntityRefDto })
  entity: EntityRefDto;

  @ApiProperty({ type: [String], description: 'Slugs of the topics that mention both ends', example: ['controller-manager'] })
  evidence: string[];
}

export class EntityDto extends EntityRefDto implements Entity {
  @ApiProperty({ type: [String], example: ['Cluster IP', '集群IP'] })
  aliases: string[];

  @ApiProperty({ example: 'The default Service type; a virtual IP reachable only from inside the cluster.' })
  description: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Typed attributes of the entity; which ones depends on its type',
    example: { allocatesClusterIP: true, dnsRecord: 'A/AAAA record to the cluster IP' },
  })
  attributes: Record<string, unknown>;

  @ApiProperty({ type: [TopicSummaryDto], description: 'Topics that mention the entity' })
  topics: TopicSummaryDto[];

  @ApiProperty({ type: [EntityRelationDto] })
  relations: EntityRelationDto[];
}

export class EntityPageDto implements Page<EntityDto> {
  @ApiProperty({ type: [EntityDto] })
  items: EntityDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page', example: 'eyJzIjoiY2x1c3RlcmlwIn0' })
  nextCursor: string | null;
}
