import { Field, Float, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { DEFAULT_SEARCH_LIMIT, SEARCH_KINDS, type SearchKind } from '../search.types.js';
import type * as T from '../search.types.js';

// One class per shape: each is the GraphQL type and the OpenAPI schema at once.

/** Upper-case GraphQL values for REST's lower-case `kind`. */
export const SearchKindEnum = Object.fromEntries(SEARCH_KINDS.map((kind) => [kind.toUpperCase(), kind])) as {
  [K in SearchKind as Uppercase<K>]: K;
};
registerEnumType(SearchKindEnum, { name: 'SearchKind', description: 'What a hit is: a topic, an entity or a snippet (YAML, shell, output)' });

const BACKENDS = ['meilisearch', 'embedded'] as const;

@ObjectType({ description: 'A topic, entity or snippet that matches the query' })
export class SearchHit implements T.SearchHit {
  @Field(() => SearchKindEnum)
  @ApiProperty({ enum: SEARCH_KINDS, example: 'topic' })
  kind: SearchKind;

  @Field({ description: 'The topic or entity slug; a snippet\'s is its topic\'s slug and its position ("service:2")' })
  @ApiProperty({ description: 'The topic or entity slug; a snippet\'s is its topic\'s slug and its position ("service:2")', example: 'headless-service' })
  slug: string;

  @Field()
  @ApiProperty({ description: 'A snippet\'s title is its topic\'s, its kind and, for a manifest, its kind and name', example: 'headless service' })
  title: string;

  @Field(() => Float)
  @ApiProperty({ description: 'Relevance, higher is better; comparable within one answer only', example: 12.5 })
  score: number;

  @Field({ description: 'The matched passage, matches wrapped in <mark>…</mark>' })
  @ApiProperty({ description: 'The matched passage, matches wrapped in <mark>…</mark> (the rest HTML-escaped)', example: 'A <mark>headless</mark> Service has no cluster IP' })
  highlight: string;

  @Field(() => String, { nullable: true, description: 'The topic the hit belongs to' })
  @ApiProperty({ type: String, nullable: true, description: 'The topic the hit belongs to (an entity\'s: the topic that mentions it most)', example: 'headless-service' })
  topicSlug: string | null;
}

@ObjectType({ description: 'Hits best first, and which engine answered' })
export class SearchResult implements T.SearchResult {
  @Field({ description: 'The query, trimmed' })
  @ApiProperty({ description: 'The query, trimmed', example: '无头服务' })
  query: string;

  @Field(() => String, { description: '"meilisearch" or "embedded"' })
  @ApiProperty({ enum: BACKENDS, description: 'The engine that answered' })
  backend: T.SearchResult['backend'];

  @Field(() => [SearchHit])
  @ApiProperty({ type: [SearchHit] })
  hits: SearchHit[];
}

/** REST only: what POST /api/v1/admin/reindex did. */
export class ReindexReport implements T.ReindexReport {
  @ApiProperty({ enum: BACKENDS, description: 'The engine that now answers searches' })
  backend: T.SearchResult['backend'];

  @ApiProperty({ description: 'Entries indexed (topics, entities and snippets)', example: 420 })
  documents: number;

  @ApiProperty({ description: 'How long the rebuild took, in milliseconds', example: 850 })
  ms: number;
}

export function searchComplexity({ args, childComplexity }: Pick<ComplexityEstimatorArgs, 'args' | 'childComplexity'>): number {
  return 1 + childComplexity * (typeof args.limit === 'number' ? args.limit : DEFAULT_SEARCH_LIMIT);
}
