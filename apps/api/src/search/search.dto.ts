import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { ENTITY_TYPES, type EntityType } from '../../../../seed/ontology/types.js';
import { BadParameterError } from '../common/problems.js';
import { SEARCH_KINDS, type SearchKind, type SearchQuery } from './search.types.js';

export const MAX_QUERY_CHARS = 500;
export const MAX_SEARCH_LIMIT = 50;
export const DEFAULT_SEARCH_LIMIT = 10;

/** `?kind=topic&kind=entity` arrives as an array; treat it like `?kind=topic,entity`. */
const joinRepeated = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.join(',') : value);

export class SearchRequestQuery {
  @ApiProperty({ description: `What to look for, Chinese and/or English, 1 to ${MAX_QUERY_CHARS} characters`, example: '无头服务' })
  @IsDefined({ message: 'q is required' }) @IsString({ message: 'q must be a string' })
  @Length(1, MAX_QUERY_CHARS, { message: `q must be 1 to ${MAX_QUERY_CHARS} characters` })
  q!: string;

  @ApiPropertyOptional({ description: `Comma list of ${SEARCH_KINDS.join(', ')}`, example: 'topic,snippet' })
  @IsOptional() @Transform(joinRepeated) @IsString() @MaxLength(200)
  kind?: string;

  @ApiPropertyOptional({ description: `Comma list of entity types (${ENTITY_TYPES.join(', ')}); only entities have one`, example: 'PROBE' })
  @IsOptional() @Transform(joinRepeated) @IsString() @MaxLength(400)
  type?: string;

  @ApiPropertyOptional({ description: `How many hits, 1 to ${MAX_SEARCH_LIMIT}`, default: DEFAULT_SEARCH_LIMIT })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: `limit must be 1 to ${MAX_SEARCH_LIMIT}` }) @Max(MAX_SEARCH_LIMIT, { message: `limit must be 1 to ${MAX_SEARCH_LIMIT}` })
  limit?: number;
}

/** A comma list where every value must be one of `allowed`; an unknown value is a 400 that lists them. */
export function parseList<T extends string>(param: string, raw: string | undefined, allowed: readonly T[], fold: (v: string) => string): T[] | undefined {
  if (raw === undefined) return undefined;
  const values = raw.split(',').map((v) => fold(v.trim())).filter(Boolean);
  const unknown = values.filter((v) => !allowed.includes(v as T));
  if (unknown.length || values.length === 0) {
    const what = unknown.length ? `has unknown value${unknown.length > 1 ? 's' : ''} ${unknown.map((v) => `'${v}'`).join(', ')}` : 'is empty';
    throw new BadParameterError(param, `${what}; allowed: ${allowed.join(', ')}`, { allowed });
  }
  return [...new Set(values)] as T[];
}

export function toSearchQuery(dto: SearchRequestQuery): SearchQuery {
  const q = dto.q.trim();
  if (!q) throw new BadParameterError('q', `must be 1 to ${MAX_QUERY_CHARS} characters, not only spaces`);
  return {
    q,
    kinds: parseList<SearchKind>('kind', dto.kind, SEARCH_KINDS, (v) => v.toLowerCase()),
    types: parseList<EntityType>('type', dto.type, ENTITY_TYPES, (v) => v.toUpperCase()),
    limit: dto.limit ?? DEFAULT_SEARCH_LIMIT,
  };
}
