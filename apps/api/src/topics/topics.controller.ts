import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SlugPipe } from '../common/slug.pipe.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { RelatedTopicsDto, TopicDto, TopicPageDto } from './dto/topic.dto.js';
import { ListTopicsQuery, RelatedTopicsQuery } from './topics.dto.js';
import { TopicsService } from './topics.service.js';
import { CacheableResponse } from '../response-cache/cacheable-response.decorator.js';

@ApiTags('topics')
@Controller('api/v1/topics')
export class TopicsController {
  constructor(private readonly topics: TopicsService) {}

  @CacheableResponse()
  @Get()
  @ApiOperation({ summary: 'Topics in document order, optionally under a parent or mentioning an entity' })
  @ApiOkResponse({ type: TopicPageDto })
  @ApiProblems(400)
  list(@Query() query: ListTopicsQuery) {
    return this.topics.list(query);
  }

  @CacheableResponse()
  @Get(':slug')
  @ApiOperation({ summary: 'One topic with its source lines, snippets, entities and children' })
  @ApiOkResponse({ type: TopicDto })
  @ApiProblems(400, 404)
  get(@Param('slug', SlugPipe) slug: string) {
    return this.topics.get(slug);
  }

  @CacheableResponse()
  @Get(':slug/related')
  @ApiOperation({ summary: 'Topics related through the entities they share, best first' })
  @ApiOkResponse({ type: RelatedTopicsDto })
  @ApiProblems(400, 404)
  related(@Param('slug', SlugPipe) slug: string, @Query() query: RelatedTopicsQuery) {
    return this.topics.related(slug, query.limit);
  }
}
