import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ENTITY_TYPES, type EntityType } from '../../../../seed/ontology/types.js';
import { MAX_PAGE_SIZE } from '../common/pagination.js';
import { NoControlChars } from '../common/validation.js';

export class ListEntitiesQuery {
  @ApiPropertyOptional({ enum: ENTITY_TYPES, description: 'Only entities of this type' })
  @IsOptional() @IsIn(ENTITY_TYPES, { message: `type must be one of ${ENTITY_TYPES.join(', ')}` })
  type?: EntityType;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name or an alias', example: '探针' })
  @IsOptional() @IsString() @MaxLength(200) @NoControlChars()
  q?: string;

  @ApiPropertyOptional({ description: `Page size, 1 to ${MAX_PAGE_SIZE} (larger values are capped)`, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page' })
  @IsOptional() @IsString() @MaxLength(500) @NoControlChars()
  cursor?: string;
}
