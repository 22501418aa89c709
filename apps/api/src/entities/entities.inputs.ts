import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ENTITY_TYPES, type EntityType } from '../../../../seed/ontology/types.js';
import { PageInput } from '../common/page.input.js';
import { NoControlChars } from '../common/validation.js';
import { EntityTypeEnum } from './models/entity-type.enum.js';

/** GET /api/v1/entities and GraphQL `entities`. */
@ArgsType()
export class ListEntitiesInput extends PageInput {
  @Field(() => EntityTypeEnum, { nullable: true, description: 'Only entities of this type' })
  @ApiPropertyOptional({ enum: ENTITY_TYPES, enumName: 'EntityType', description: 'Only entities of this type' })
  @IsOptional() @IsIn(ENTITY_TYPES, { message: `type must be one of ${ENTITY_TYPES.join(', ')}` })
  type?: EntityType;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name or an alias' })
  @ApiPropertyOptional({ description: 'Case-insensitive part of the name or an alias', example: '探针' })
  @IsOptional() @IsString() @MaxLength(200) @NoControlChars()
  q?: string;
}
