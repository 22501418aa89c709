import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageInput } from '../common/page.input.js';
import { MAX_PAGE_SIZE } from '../common/pagination.js';
import { NoControlChars } from '../common/validation.js';

/** GET /api/v1/topics and GraphQL `topics`. */
@ArgsType()
export class ListTopicsInput extends PageInput {
  @Field(() => String, { nullable: true, description: 'Only the subsections of this topic (slug)' })
  @ApiPropertyOptional({ description: 'Only the subsections of this topic (slug)', example: 'service' })
  @IsOptional() @IsString() @MaxLength(200) @NoControlChars()
  parent?: string;

  @Field(() => String, { nullable: true, description: 'Only topics that mention this entity (slug)' })
  @ApiPropertyOptional({ description: 'Only topics that mention this entity (slug)', example: 'headless' })
  @IsOptional() @IsString() @MaxLength(200) @NoControlChars()
  entity?: string;
}

/** GET /api/v1/topics/{slug}/related and GraphQL `Topic.related`. */
@ArgsType()
export class RelatedTopicsInput {
  @Field(() => Int, { nullable: true, description: `How many related topics, 1 to ${MAX_PAGE_SIZE} (default 20)` })
  @ApiPropertyOptional({ description: `How many related topics, 1 to ${MAX_PAGE_SIZE}`, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000)
  limit?: number;
}
