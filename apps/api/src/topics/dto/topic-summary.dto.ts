import { ApiProperty } from '@nestjs/swagger';
import type { TopicSummary } from '../topic.mapper.js';

/** OpenAPI shape of TopicSummary (topic.mapper.ts builds the values). */
export class TopicSummaryDto implements TopicSummary {
  @ApiProperty({ example: 'headless-service' })
  slug: string;

  @ApiProperty({ example: 'headless service' })
  title: string;

  @ApiProperty({ description: '1 for a top-level section, 2 for a subsection', example: 2 })
  level: number;

  @ApiProperty({ type: String, nullable: true, description: 'Slug of the enclosing topic', example: 'service' })
  parentSlug: string | null;

  @ApiProperty({ description: 'Position of the topic in its document', example: 17 })
  order: number;
}
