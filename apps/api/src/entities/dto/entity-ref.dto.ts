import { ApiProperty } from '@nestjs/swagger';
import { ENTITY_TYPES, type EntityType } from '../../../../../seed/ontology/types.js';
import type { EntityRef } from '../entity.mapper.js';

/** OpenAPI shape of EntityRef (entity.mapper.ts builds the values). */
export class EntityRefDto implements EntityRef {
  @ApiProperty({ example: 'clusterip' })
  slug: string;

  @ApiProperty({ example: 'ClusterIP' })
  name: string;

  @ApiProperty({ enum: ENTITY_TYPES, enumName: 'EntityType', example: 'SERVICE_TYPE' })
  type: EntityType;
}
