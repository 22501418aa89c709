import { Controller, Get, Param, Query } from '@nestjs/common';
import { ListTopicsQuery, RelatedTopicsQuery } from './topics.dto.js';
import { TopicsService } from './topics.service.js';

@Controller('api/v1/topics')
export class TopicsController {
  constructor(private readonly topics: TopicsService) {}

  @Get()
  list(@Query() query: ListTopicsQuery) {
    return this.topics.list(query);
  }

  @Get(':slug')
  get(@Param('slug') slug: string) {
    return this.topics.get(slug);
  }

  @Get(':slug/related')
  related(@Param('slug') slug: string, @Query() query: RelatedTopicsQuery) {
    return this.topics.related(slug, query.limit);
  }
}
