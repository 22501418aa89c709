import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EntityRefDto } from '../../entities/dto/entity-ref.dto.js';
import type { Page } from '../../common/pagination.js';
import type { Manifest, Snippet, Topic } from '../topic.mapper.js';
import type { RelatedTopic } from '../topics.service.js';
import { TopicSummaryDto } from './topic-summary.dto.js';

export class DeprecationDto {
  @ApiProperty({ example: 'apps/v1' })
  replacement: string;

  @ApiProperty({ example: '1.16' })
  removedIn: string;

  @ApiProperty({ example: 'extensions/v1beta1 Deployment was removed; use apps/v1' })
  note: string;
}

export class ManifestDto implements Manifest {
  @ApiProperty({ example: 'apps/v1' })
  apiVersion: string;

  @ApiProperty({ example: 'Deployment' })
  kind: string;

  @ApiProperty({ type: String, nullable: true, example: 'nginx-deployment' })
  name: string | null;

  @ApiPropertyOptional({ type: DeprecationDto, description: 'Set when apiVersion/kind was removed from Kubernetes' })
  deprecated?: DeprecationDto;
}

export class SnippetDto implements Snippet {
  @ApiProperty({ enum: ['yaml', 'shell', 'output', 'text'], example: 'yaml' })
  kind: 'yaml' | 'shell' | 'output' | 'text';

  @ApiProperty({ type: String, nullable: true, description: "The fence's language (yaml, bash, console, json...); null when the notes do not say", example: 'yaml' })
  language: string | null;

  @ApiProperty({ example: 'apiVersion: v1\nkind: Service\n' })
  content: string;

  @ApiProperty({ description: 'First line in the source document (1-based)', example: 270 })
  lineStart: number;

  @ApiProperty({ description: 'Last line in the source document (inclusive)', example: 284 })
  lineEnd: number;

  @ApiPropertyOptional({ type: ManifestDto, description: 'For YAML snippets that are Kubernetes manifests' })
  manifest?: ManifestDto;
}

export class TopicSourceDto {
  @ApiProperty({ example: 'k8s-notes.txt' })
  document: string;

  @ApiProperty({ example: 262 })
  lineStart: number;

  @ApiProperty({ example: 330 })
  lineEnd: number;
}

export class TopicDto extends TopicSummaryDto implements Topic {
  @ApiProperty({ description: 'The section text, snippets included' })
  body: string;

  @ApiProperty({ description: 'Dominant language of the prose', example: 'zh' })
  lang: string;

  @ApiProperty({ type: TopicSourceDto })
  source: TopicSourceDto;

  @ApiProperty({ type: [SnippetDto] })
  snippets: SnippetDto[];

  @ApiProperty({ type: [EntityRefDto], description: 'Entities the topic mentions, most mentioned first' })
  entities: EntityRefDto[];

  @ApiProperty({ type: [TopicSummaryDto] })
  children: TopicSummaryDto[];
}

export class TopicPageDto implements Page<TopicSummaryDto> {
  @ApiProperty({ type: [TopicSummaryDto] })
  items: TopicSummaryDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page', example: 'eyJkIjoxLCJwIjoyMH0' })
  nextCursor: string | null;
}

export class RelatedTopicDto implements RelatedTopic {
  @ApiProperty({ type: TopicSummaryDto })
  topic: TopicSummaryDto;

  @ApiProperty({ description: 'Relatedness, 0 to 1', example: 0.42 })
  score: number;

  @ApiProperty({ type: [EntityRefDto], description: 'The shared entities that relate the two topics' })
  via: EntityRefDto[];
}

export class RelatedTopicsDto {
  @ApiProperty({ type: [RelatedTopicDto] })
  items: RelatedTopicDto[];
}
