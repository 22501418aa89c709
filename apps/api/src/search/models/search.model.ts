import { ArgsType, Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { ENTITY_TYPES, type EntityType } from '../../../../../seed/ontology/types.js';
import { EntityTypeEnum } from '../../entities/models/entity-type.enum.js';
import { DEFAULT_SEARCH_LIMIT, MAX_QUERY_CHARS, MAX_SEARCH_LIMIT } from '../search.dto.js';
import { SEARCH_KINDS, type SearchKind as SearchKindValue } from '../search.types.js';

/** Upper-case GraphQL values for REST's lower-case `kind`. */
export const SearchKind = Object.fromEntries(SEARCH_KINDS.map((kind) => [kind.toUpperCase(), kind])) as {
  [K in SearchKindValue as Uppercase<K>]: K;
};
registerEnumType(SearchKind, { name: 'SearchKind', description: 'What a hit is: a topic, an entity or a snippet (YAML, shell, output)' });

@ArgsType()
export class SearchArgs {
  @Field({ description: `What to look for, Chinese and/or English, 1 to ${MAX_QUERY_CHARS} characters` })
  @IsString() @Length(1, MAX_QUERY_CHARS)
  query: string;

  @Field(() => Int, { nullable: true, description: `How many hits, 1 to ${MAX_SEARCH_LIMIT} (default ${DEFAULT_SEARCH_LIMIT})` })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_SEARCH_LIMIT)
  limit?: number;

  @Field(() => [SearchKind], { nullable: true, description: 'Only these kinds of hit' })
  @IsOptional() @ArrayMaxSize(SEARCH_KINDS.length) @IsIn(SEARCH_KINDS, { each: true })
  kinds?: SearchKindValue[];

  @Field(() => [EntityTypeEnum], { nullable: true, description: 'Only entities of these types (topics and snippets have none)' })
  @IsOptional() @ArrayMaxSize(ENTITY_TYPES.length) @IsIn(ENTITY_TYPES, { each: true })
  types?: EntityType[];
}

@ObjectType()
export class SearchHit {
  @Field(() => SearchKind)
  kind: SearchKindValue;

  @Field({ description: 'The topic or entity slug (for a snippet, its topic)' })
  slug: string;

  @Field()
  title: string;

  @Field(() => Float)
  score: number;

  @Field({ description: 'The matched passage, matches wrapped in <mark>…</mark>' })
  highlight: string;

  @Field(() => String, { nullable: true, description: 'The topic the hit belongs to' })
  topicSlug: string | null;
}

@ObjectType({ description: 'Hits best first, and which engine answered' })
export class SearchResult {
  @Field()
  query: string;

  @Field({ description: '"meilisearch" or "embedded"' })
  backend: string;

  @Field(() => [SearchHit])
  hits: SearchHit[];
}

export function searchComplexity({ args, childComplexity }: Pick<ComplexityEstimatorArgs, 'args' | 'childComplexity'>): number {
  return 1 + childComplexity * (typeof args.limit === 'number' ? args.limit : DEFAULT_SEARCH_LIMIT);
}
