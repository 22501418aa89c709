import { Controller, Get, Query } from '@nestjs/common';
import { SearchRequestQuery, toSearchQuery } from './search.dto.js';
import { SearchService } from './search.service.js';
import { CacheableResponse } from '../response-cache/cacheable-response.decorator.js';

@Controller('api/v1')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /** `{ query, backend, hits }`: topics, entities and snippets, best first. */
  @CacheableResponse()
  @Get('search')
  find(@Query() query: SearchRequestQuery) {
    return this.search.search(toSearchQuery(query));
  }
}
