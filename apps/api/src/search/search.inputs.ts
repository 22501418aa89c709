import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ENTITY_TYPES, type EntityType } from '../../../../seed/ontology/types.js';
import { GraphqlSpelling } from '../common/page.input.js';
import { BadParameterError } from '../common/problems.js';
import { EntityTypeEnum } from '../entities/models/entity-type.enum.js';
import { SearchKindEnum } from './models/search.model.js';
import { DEFAULT_SEARCH_LIMIT, MAX_QUERY_CHARS, MAX_SEARCH_LIMIT, SEARCH_KINDS, type SearchKind, type SearchQuery } from './search.types.js';
/** More filter values than there are kinds and types is not a filter but noise. */
const MAX_FILTER_VALUES = 100;

const queryMessage = `q (GraphQL: query) must be 1 to ${MAX_QUERY_CHARS} characters, not only spaces`;
const limitMessage = `limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}`;

/**
 * A filter list, as either door spells it: REST's `?kind=topic,entity` (or the key
 * repeated), GraphQL's `kinds: [TOPIC, ENTITY]` (enum values are REST's spelling).
 * Every value must be one of `allowed`; otherwise a 400 that names the parameter
 * and lists the allowed values (REST's `param` and `allowed`, GraphQL's extensions).
 * Thrown from the transform, so the check runs once, before validation, for both doors.
 */
function FilterList<T extends string>(param: string, allowed: readonly T[], fold: (v: string) => string): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (value === undefined || value === null) return undefined;
    const raw = (Array.isArray(value) ? value : [value]).slice(0, MAX_FILTER_VALUES + 1);
    if (raw.length > MAX_FILTER_VALUES || raw.some((v) => typeof v !== 'string')) {
      throw new BadParameterError(param, `must be a comma list of ${allowed.join(', ')}`, { allowed });
    }
    const values = (raw as string[]).flatMap((v) => v.split(',')).map((v) => fold(v.trim())).filter(Boolean);
    const unknown = values.filter((v) => !allowed.includes(v as T));
    if (unknown.length || values.length === 0) {
      const shown = unknown.slice(0, 5).map((v) => `'${v.slice(0, 50)}'`).join(', ');
      const what = unknown.length ? `has unknown value${unknown.length > 1 ? 's' : ''} ${shown}` : 'is empty';
      throw new BadParameterError(param, `${what}; allowed: ${allowed.join(', ')}`, { allowed });
    }
    return [...new Set(values)] as T[];
  });
}

/** GET /api/v1/search (`q`, `kind`, `type`, `limit`) and GraphQL `search(query, kinds, types, limit)`. */
@ArgsType()
export class SearchInput {
  @Field(() => String, { name: 'query', description: `What to look for, Chinese and/or English, 1 to ${MAX_QUERY_CHARS} characters` })
  @ApiProperty({ description: `What to look for, Chinese and/or English, 1 to ${MAX_QUERY_CHARS} characters`, example: '无头服务', minLength: 1, maxLength: MAX_QUERY_CHARS })
  @GraphqlSpelling('query')
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsDefined({ message: 'q is required' }) @IsString({ message: 'q must be a string' })
  @Length(1, MAX_QUERY_CHARS, { message: queryMessage })
  q: string;

  @Field(() => [SearchKindEnum], { name: 'kinds', nullable: true, description: 'Only these kinds of hit' })
  @ApiPropertyOptional({ type: String, description: `Comma list of ${SEARCH_KINDS.join(', ')}`, example: 'topic,snippet' })
  @GraphqlSpelling('kinds') @FilterList('kind', SEARCH_KINDS, (v) => v.toLowerCase())
  @IsOptional()
  kind?: SearchKind[];

  @Field(() => [EntityTypeEnum], { name: 'types', nullable: true, description: 'Only entities of these types (topics and snippets have none)' })
  @ApiPropertyOptional({ type: String, description: `Comma list of entity types (${ENTITY_TYPES.join(', ')}); only entities have one`, example: 'PROBE' })
  @GraphqlSpelling('types') @FilterList('type', ENTITY_TYPES, (v) => v.toUpperCase())
  @IsOptional()
  type?: EntityType[];

  @Field(() => Int, { nullable: true, description: `How many hits, 1 to ${MAX_SEARCH_LIMIT} (default ${DEFAULT_SEARCH_LIMIT})` })
  @ApiPropertyOptional({ type: 'integer', description: `How many hits, 1 to ${MAX_SEARCH_LIMIT}`, default: DEFAULT_SEARCH_LIMIT, minimum: 1, maximum: MAX_SEARCH_LIMIT })
  @IsOptional() @Type(() => Number) @IsInt({ message: limitMessage }) @Min(1, { message: limitMessage }) @Max(MAX_SEARCH_LIMIT, { message: limitMessage })
  limit?: number;
}

/** The service's query from either door's input (already checked). */
export function toSearchQuery(input: SearchInput): SearchQuery {
  return { q: input.q, kinds: input.kind, types: input.type, limit: input.limit ?? DEFAULT_SEARCH_LIMIT };
}
