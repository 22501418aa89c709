import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ENTITY_TYPES, type EntityType } from '../../../../seed/ontology/types.js';
import { PageQuery } from '../common/page-query.dto.js';
import { NoControlChars } from '../common/validation.js';

export class ListEntitiesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ENTITY_TYPES, description: 'Only entities of this type' })
  @IsOptional() @IsIn(ENTITY_TYPES, { message: `type must be one of ${ENTITY_TYPES.join(', ')}` })
  type?: EntityType;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name or an alias', example: '探针' })
  @IsOptional() @IsString() @MaxLength(200) @NoControlChars()
  q?: string;
}
