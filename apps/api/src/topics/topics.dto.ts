import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../common/page-query.dto.js';
import { MAX_PAGE_SIZE } from '../common/pagination.js';
import { NoControlChars } from '../common/validation.js';

export class ListTopicsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the subsections of this topic (slug)', example: 'service' })
  @IsOptional() @IsString() @MaxLength(200) @NoControlChars()
  parent?: string;

  @ApiPropertyOptional({ description: 'Only topics that mention this entity (slug)', example: 'headless' })
  @IsOptional() @IsString() @MaxLength(200) @NoControlChars()
  entity?: string;
}

export class RelatedTopicsQuery {
  @ApiPropertyOptional({ description: `How many related topics, 1 to ${MAX_PAGE_SIZE}`, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000)
  limit?: number;
}
