import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-scalars';
import { connectionTypes } from '../../graphql/relay.js';
import { TopicSummaryModel } from '../../common/refs.model.js';
import type { DocumentDetail, DocumentMetadata, DocumentSummary } from '../documents.types.js';

/** One class per shape: the GraphQL type and the OpenAPI schema of a document. */
@ObjectType('DocumentMetadata', { description: "The document's front matter" })
export class DocumentMetadataModel implements DocumentMetadata {
  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, example: 'Pods, the smallest deployable units' })
  description: string | null;

  @Field(() => [String])
  @ApiProperty({ type: [String], example: ['workloads'] })
  tags: string[];

  @Field(() => [String])
  @ApiProperty({ type: [String], example: ['/docs/pod'] })
  aliases: string[];

  @Field(() => GraphQLJSON, { description: 'Every other front-matter key' })
  @ApiProperty({ type: 'object', additionalProperties: true, example: { weight: 10 } })
  extra: Record<string, unknown>;
}

@ObjectType('DocumentSummary', { description: 'A stored notes document, named by its path in the ingested folder' })
export class DocumentSummaryModel implements DocumentSummary {
  @Field({ description: 'Path relative to the ingested folder (or the name given); citations carry it' })
  @ApiProperty({ example: 'concepts/objects/pod.md' })
  name: string;

  @Field()
  @ApiProperty({ example: 'concepts-objects-pod' })
  slug: string;

  @Field({ description: 'markdown or notes' })
  @ApiProperty({ enum: ['markdown', 'notes'], example: 'markdown' })
  format: string;

  @Field(() => String, { nullable: true, description: "The front matter's title" })
  @ApiProperty({ type: String, nullable: true, example: 'Pod' })
  title: string | null;

  @Field(() => Int)
  @ApiProperty({ example: 212 })
  lines: number;

  @Field(() => Int, { description: 'How many topics (sections) it has' })
  @ApiProperty({ example: 14 })
  topics: number;

  @Field({ description: 'sha256 of the content; the same content again is not re-ingested' })
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  contentHash: string;

  @Field({ description: 'When its content last changed (ISO 8601)' })
  @ApiProperty({ format: 'date-time', example: '2026-12-03T10:00:00.000Z' })
  updatedAt: string;
}

@ObjectType('Document', { description: 'A notes document with its front matter and its topics' })
export class DocumentModel extends DocumentSummaryModel implements DocumentDetail {
  @Field({ description: 'When it was first ingested (ISO 8601)' })
  @ApiProperty({ format: 'date-time', example: '2026-12-01T10:00:00.000Z' })
  createdAt: string;

  @Field(() => DocumentMetadataModel)
  @ApiProperty({ type: DocumentMetadataModel })
  metadata: DocumentMetadataModel;

  // GraphQL resolves `outline` as full Topic nodes (documents.resolver.ts).
  @ApiProperty({ type: [TopicSummaryModel], description: 'Its topics in document order (level and parentSlug give the tree)' })
  outline: TopicSummaryModel[];
}

export class DocumentPageModel {
  @ApiProperty({ type: [DocumentSummaryModel] })
  items: DocumentSummaryModel[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor: string | null;
}

export const DocumentConnection = connectionTypes('Document', () => DocumentModel);

@ObjectType('DocumentKey')
export class DocumentKeyModel {
  @Field()
  @ApiProperty({ example: 'concepts/objects/pod.md' })
  name: string;

  @Field()
  @ApiProperty({ example: 'concepts-objects-pod' })
  slug: string;
}

@ObjectType('DeletedDocument', { description: 'What a delete removed' })
export class DeleteReportModel {
  @Field(() => DocumentKeyModel)
  @ApiProperty({ type: DocumentKeyModel })
  document: DocumentKeyModel;

  @Field(() => Int, { description: 'Topics removed with it (with their snippets, mentions, links and search entries)' })
  @ApiProperty({ example: 14 })
  topics: number;
}
