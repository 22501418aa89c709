import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { restPage } from '../common/pagination.js';
import { SlugInput } from '../common/slug.input.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { CacheableResponse } from '../response-cache/cacheable-response.decorator.js';
import { RelatedTopics, Topic, TopicPage } from './models/topic.model.js';
import { ListTopicsInput, RelatedTopicsInput } from './topics.inputs.js';
import { TopicsService } from './topics.service.js';

@ApiTags('topics')
@Controller('api/v1/topics')
export class TopicsController {
  constructor(private readonly topics: TopicsService) {}

  @CacheableResponse()
  @Get()
  @ApiOperation({ summary: 'Topics in document order, optionally under a parent or mentioning an entity' })
  @ApiOkResponse({ type: TopicPage })
  @ApiProblems(400)
  async list(@Query() query: ListTopicsInput) {
    return restPage(await this.topics.list(query));
  }

  @CacheableResponse()
  @Get(':slug')
  @ApiOperation({ summary: 'One topic with its source lines, snippets, entities and children' })
  @ApiOkResponse({ type: Topic })
  @ApiProblems(400, 404)
  get(@Param() { slug }: SlugInput) {
    return this.topics.get(slug);
  }

  @CacheableResponse()
  @Get(':slug/related')
  @ApiOperation({ summary: 'Topics related through the entities they share, best first' })
  @ApiOkResponse({ type: RelatedTopics })
  @ApiProblems(400, 404)
  related(@Param() { slug }: SlugInput, @Query() query: RelatedTopicsInput) {
    return this.topics.related(slug, query.limit);
  }
}
