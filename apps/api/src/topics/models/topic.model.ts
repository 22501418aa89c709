import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EntityRefModel, TopicSummaryModel } from '../../common/refs.model.js';
import { connectionTypes } from '../../graphql/relay.js';
import { Manifest } from '../../manifests/models/manifest.model.js';
import type * as T from '../topics.types.js';

// One class per shape: each is the GraphQL type and the OpenAPI schema at once.
// Fields GraphQL answers richer than REST (a whole Topic or Entity where REST has a
// summary or reference) carry only @ApiProperty here; their resolvers define them for GraphQL.

/** GraphQL enum names are upper case; the values are REST's lower-case `kind` strings. */
export enum SnippetKind {
  YAML = 'yaml',
  SHELL = 'shell',
  OUTPUT = 'output',
  TEXT = 'text',
}
registerEnumType(SnippetKind, { name: 'SnippetKind', description: 'What an embedded block holds' });

@ObjectType({ description: 'YAML, a shell session, command output or text embedded in a topic' })
export class Snippet implements T.Snippet {
  @Field(() => SnippetKind)
  @ApiProperty({ enum: ['yaml', 'shell', 'output', 'text'], example: 'yaml' })
  kind: T.SnippetKind;

  @Field(() => String, { nullable: true, description: "The fence's language (yaml, bash, console, json...); null when the notes do not say" })
  @ApiProperty({ type: String, nullable: true, description: "The fence's language (yaml, bash, console, json...); null when the notes do not say", example: 'yaml' })
  language: string | null;

  @Field()
  @ApiProperty({ example: 'apiVersion: v1\nkind: Service\n' })
  content: string;

  @Field(() => Int)
  @ApiProperty({ description: 'First line in the source document (1-based)', example: 270 })
  lineStart: number;

  @Field(() => Int)
  @ApiProperty({ description: 'Last line in the source document (inclusive)', example: 284 })
  lineEnd: number;

  @Field(() => Manifest, { nullable: true })
  @ApiPropertyOptional({ type: Manifest, description: 'For YAML snippets that are Kubernetes manifests' })
  manifest?: Manifest;
}

@ObjectType({ description: 'Where a topic sits in its source document' })
export class TopicSource implements T.TopicSource {
  @Field({ description: "The document's name (its path)" })
  @ApiProperty({ example: 'concepts/objects/pod.md' })
  document: string;

  @Field(() => Int)
  @ApiProperty({ example: 262 })
  lineStart: number;

  @Field(() => Int)
  @ApiProperty({ example: 330 })
  lineEnd: number;
}

@ObjectType({ description: 'A section of the notes; its subsections are its children' })
export class Topic implements T.Topic {
  @Field()
  @ApiProperty({ example: 'headless-service' })
  slug: string;

  @Field()
  @ApiProperty({ example: 'headless service' })
  title: string;

  @Field(() => Int, { description: 'Depth in its document: 1 for a top-level section' })
  @ApiProperty({ description: 'Depth in its document: 1 for a top-level section, 2 for a subsection, …', example: 2 })
  level: number;

  @Field(() => Int, { description: 'Position within its document' })
  @ApiProperty({ description: 'Position of the topic in its document', example: 17 })
  order: number;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, description: 'Slug of the enclosing topic', example: 'service' })
  parentSlug: string | null;

  @Field({ description: 'The section text as written, snippets included' })
  @ApiProperty({ description: 'The section text as written, snippets included' })
  body: string;

  @Field({ description: 'Main language of the body: zh, en or mixed' })
  @ApiProperty({ description: 'Dominant language of the prose', example: 'zh' })
  lang: string;

  @Field(() => TopicSource)
  @ApiProperty({ type: TopicSource })
  source: TopicSource;

  @Field(() => [Snippet])
  @ApiProperty({ type: [Snippet] })
  snippets: Snippet[];

  @ApiProperty({ type: [EntityRefModel], description: 'Entities the topic mentions, most mentioned first' })
  entities: EntityRefModel[];

  @ApiProperty({ type: [TopicSummaryModel] })
  children: TopicSummaryModel[];
}

export class TopicPage {
  @ApiProperty({ type: [TopicSummaryModel] })
  items: TopicSummaryModel[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page', example: 'eyJkIjoxLCJwIjoyMH0' })
  nextCursor: string | null;
}

@ObjectType({ description: 'A topic related through the entities both mention' })
export class RelatedTopic implements T.RelatedTopic {
  @ApiProperty({ type: TopicSummaryModel })
  topic: TopicSummaryModel;

  @Field(() => Float, { description: 'Relatedness, 0 to 1' })
  @ApiProperty({ description: 'Relatedness, 0 to 1', example: 0.42 })
  score: number;

  @ApiProperty({ type: [EntityRefModel], description: 'The shared entities that relate the two topics, most specific first' })
  via: EntityRefModel[];
}

export class RelatedTopics {
  @ApiProperty({ type: [RelatedTopic] })
  items: RelatedTopic[];
}

export const TopicConnection = connectionTypes('Topic', () => Topic);
