import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-scalars';
import { EntityRefModel } from '../../common/refs.model.js';
import type * as T from '../compare.types.js';

// One class per shape: the GraphQL type and the OpenAPI schema at once. GraphQL answers
// whole entities where REST answers references (compare.resolver.ts).

@ObjectType({ description: "One attribute across the compared entities" })
export class ComparedAttribute implements T.ComparedAttribute {
  @Field()
  @ApiProperty({ example: 'allocatesClusterIP' })
  name: string;

  @Field(() => GraphQLJSON, { description: 'Value per entity slug; null where the entity has no such attribute' })
  @ApiProperty({
    type: 'object',
    description: 'Value per entity slug; null where the entity has no such attribute',
    additionalProperties: {
      // OpenAPI 3.0: `nullable` needs a `type` beside it, so null rides on the string branch.
      oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
    },
    example: { clusterip: true, nodeport: true, loadbalancer: true },
  })
  values: Record<string, T.AttributeValue>;
}

@ObjectType({ description: "Entities' typed attributes side by side" })
export class Comparison implements T.Comparison {
  @ApiProperty({ type: [EntityRefModel], description: 'The compared entities, in the order asked' })
  entities: EntityRefModel[];

  @Field(() => [ComparedAttribute], { description: 'One row per attribute any of them has' })
  @ApiProperty({ type: [ComparedAttribute], description: 'One row per attribute any of them has' })
  attributes: ComparedAttribute[];
}
