import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination.js';
import { NoControlChars } from './validation.js';

/**
 * A property the GraphQL door spells another way (Relay's `first`/`after` for
 * REST's `limit`/`cursor`): GraphQL names the argument with @Field's `name`,
 * and this fills the property from it, so both doors share one class and one set of checks.
 */
export function GraphqlSpelling(name: string): PropertyDecorator {
  return (target, key) => {
    Expose()(target, key);
    Transform(({ value, obj }: { value: unknown; obj: Record<string, unknown> }) => value ?? obj[name])(target, key);
  };
}

/** The paging of every cursor-paginated list: `limit`/`cursor` in REST, `first`/`after` in GraphQL. */
@ArgsType()
export class PageInput {
  @Field(() => Int, { name: 'first', nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE}; larger values are capped to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})` })
  @ApiPropertyOptional({ description: `Page size, 1 to ${MAX_PAGE_SIZE} (larger values are capped)`, default: DEFAULT_PAGE_SIZE })
  @GraphqlSpelling('first') @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000)
  limit?: number;

  @Field(() => String, { name: 'after', nullable: true, description: 'The cursor of a previous page (REST nextCursor, GraphQL endCursor or an edge cursor)' })
  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page' })
  @GraphqlSpelling('after') @IsOptional() @IsString() @MaxLength(500) @NoControlChars()
  cursor?: string;
}
