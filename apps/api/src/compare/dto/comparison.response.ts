import { ApiProperty } from '@nestjs/swagger';
import { EntityRefDto } from '../../entities/dto/entity-ref.dto.js';
import type { AttributeValue, ComparedAttribute, Comparison } from '../compare.service.js';

export class ComparedAttributeDto implements ComparedAttribute {
  @ApiProperty({ example: 'allocatesClusterIP' })
  name: string;

  @ApiProperty({
    type: 'object',
    description: 'Value per entity slug; null where the entity has no such attribute',
    additionalProperties: {
      nullable: true,
      oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
    },
    example: { clusterip: true, nodeport: true, loadbalancer: true },
  })
  values: Record<string, AttributeValue>;
}

export class ComparisonDto implements Comparison {
  @ApiProperty({ type: [EntityRefDto], description: 'The compared entities, in the order asked' })
  entities: EntityRefDto[];

  @ApiProperty({ type: [ComparedAttributeDto], description: 'One row per attribute any of them has' })
  attributes: ComparedAttributeDto[];
}
