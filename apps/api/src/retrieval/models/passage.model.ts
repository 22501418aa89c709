import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { EntityRefModel } from '../../common/refs.model.js';
import { RETRIEVE_DEFAULTS } from '../retrieval.types.js';
import type * as T from '../retrieval.types.js';

// One class per shape: each is the GraphQL type and the OpenAPI schema at once.
// `Passage.entities` is an EntityRef list in REST and whole entities in GraphQL: the resolver defines the latter.

export enum PassageKind {
  PROSE = 'prose',
  SNIPPET = 'snippet',
}
registerEnumType(PassageKind, { name: 'PassageKind', description: 'Prose, or a snippet (YAML, shell, output)' });

@ObjectType({ description: 'Where a passage is written: its lines contain the passage text' })
export class Citation implements T.Citation {
  @Field({ description: "The document's name (its path)" })
  @ApiProperty({ description: "The document's name (its path)", example: 'concepts/service.md' })
  document: string;

  @Field({ description: "The document's slug" })
  @ApiProperty({ description: "The document's slug, for GET /api/v1/documents/{slug}", example: 'concepts-service' })
  documentSlug: string;

  @Field(() => Int)
  @ApiProperty({ example: 40 })
  lineStart: number;

  @Field(() => Int)
  @ApiProperty({ example: 46 })
  lineEnd: number;
}

@ObjectType({ description: "A problem with a manifest in the passage: a removed API, or a finding of the snippet's manifest check" })
export class PassageWarning implements T.PassageWarning {
  @Field({ description: "The check's rule: removed-api, deprecated-api, schema, unknown-field or yaml" })
  @ApiProperty({ description: "The check's rule: removed-api, deprecated-api, schema, unknown-field or yaml", example: 'removed-api' })
  code: string;

  @Field(() => String, { description: 'error, warning or info' })
  @ApiProperty({ enum: ['error', 'warning', 'info'], example: 'error' })
  severity: T.PassageWarning['severity'];

  @Field()
  @ApiProperty({ example: 'Ingress extensions/v1beta1 was removed in Kubernetes 1.22; use networking.k8s.io/v1 instead' })
  message: string;

  @Field(() => Int, { nullable: true, description: 'Its line in the cited document; null when unknown' })
  @ApiProperty({ type: 'integer', nullable: true, description: 'Its line in the cited document; null when unknown (a manifest only parsed from the text)', example: 42 })
  line: number | null;

  @Field(() => String, { nullable: true, description: 'JSON pointer into the manifest' })
  @ApiPropertyOptional({ description: 'JSON pointer into the manifest (findings of the stored check)', example: '/spec/template/spec/containers/0/imagePullPolcy' })
  path?: string;

  @Field(() => String, { nullable: true, description: 'removed-api: the API' })
  @ApiPropertyOptional({ description: 'removed-api: the API', example: 'extensions/v1beta1' })
  apiVersion?: string;

  @Field(() => String, { nullable: true, description: "removed-api: the manifest's kind" })
  @ApiPropertyOptional({ description: "removed-api: the manifest's kind", example: 'Ingress' })
  kind?: string;

  @Field(() => String, { nullable: true, description: 'removed-api: the release that removed it' })
  @ApiPropertyOptional({ description: 'removed-api: the release that removed it', example: '1.22' })
  removedIn?: string;

  @Field(() => String, { nullable: true, description: 'removed-api: the API to use instead' })
  @ApiPropertyOptional({ description: 'removed-api: the API to use instead', example: 'networking.k8s.io/v1' })
  replacement?: string;
}

@ObjectType({ description: 'A quotable passage with its citation, for chatbots' })
export class Passage implements Omit<T.Passage, 'entities'> {
  @Field({ description: 'Stable while its topic is unchanged: the topic slug and the passage position (service#3)' })
  @ApiProperty({ description: 'Stable while its topic is unchanged: the topic slug and the passage position', example: 'headless-service#0' })
  id: string;

  @Field()
  @ApiProperty({ example: 'headless-service' })
  topicSlug: string;

  @Field({ description: "The topic's title" })
  @ApiProperty({ description: "The topic's title", example: 'headless service' })
  title: string;

  @Field({ description: 'The cited lines contain it (whitespace aside)' })
  @ApiProperty({ description: 'The cited lines contain it (whitespace aside)' })
  text: string;

  @Field(() => Float, { description: '0..1' })
  @ApiProperty({ description: "0..1: the topic's search rank and the passage's own overlap with the query", minimum: 0, maximum: 1, example: 0.82 })
  score: number;

  @Field(() => Citation)
  @ApiProperty({ type: Citation })
  citation: Citation;

  @ApiProperty({ type: [EntityRefModel], description: 'Entities the passage names' })
  entities: EntityRefModel[];

  @Field(() => PassageKind)
  @ApiProperty({ enum: PassageKind, enumName: 'PassageKind' })
  kind: PassageKind;

  @Field(() => [String], { description: 'document › section › subsection: where the passage sits' })
  @ApiProperty({ type: [String], description: 'document › section › subsection: where the passage sits', example: ['Service', 'headless service'] })
  headingPath: string[];

  @Field(() => String, { nullable: true, description: 'The id of the passage before it in its document, for widening the context' })
  @ApiProperty({ type: String, nullable: true, description: 'The id of the passage before it in its document, for widening the context', example: 'service#4' })
  previous: string | null;

  @Field(() => String, { nullable: true, description: 'The id of the passage after it in its document' })
  @ApiProperty({ type: String, nullable: true, description: 'The id of the passage after it in its document', example: 'headless-service#1' })
  next: string | null;

  @Field(() => [PassageWarning], { nullable: true })
  @ApiPropertyOptional({ type: [PassageWarning], description: "Present when a manifest in the passage uses a removed API or its stored check found problems on the passage's lines" })
  warnings?: PassageWarning[];
}

@ObjectType({ description: 'Passages best first, and which search engine found their topics (as POST /api/v1/retrieve)' })
export class RetrieveResult implements Omit<T.RetrieveResult, 'passages'> {
  @Field()
  @ApiProperty({ example: 'headless service 有什么用？' })
  query: string;

  @Field({ description: '"meilisearch" or "embedded"' })
  @ApiProperty({ enum: ['meilisearch', 'embedded'], description: 'The search engine that found the candidate topics' })
  backend: string;

  @Field(() => [Passage])
  @ApiProperty({ type: [Passage], description: 'At most topK, within maxChars, none below scoreThreshold' })
  passages: Passage[];
}

export function retrieveComplexity({ args, childComplexity }: Pick<ComplexityEstimatorArgs, 'args' | 'childComplexity'>): number {
  return 1 + childComplexity * (typeof args.topK === 'number' ? args.topK : RETRIEVE_DEFAULTS.topK);
}
