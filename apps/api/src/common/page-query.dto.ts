import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from './pagination.js';
import { NoControlChars } from './validation.js';

/** The paging parameters every cursor-paginated list takes. */
export class PageQuery {
  @ApiPropertyOptional({ description: `Page size, 1 to ${MAX_PAGE_SIZE} (larger values are capped)`, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page' })
  @IsOptional() @IsString() @MaxLength(500) @NoControlChars()
  cursor?: string;
}
