import { Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { AdminKeyGuard } from '../common/admin-key.guard.js';
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

  /** Rebuilds the search index(es) from the database: `{ backend, documents, ms }`. */
  @Post('admin/reindex')
  @HttpCode(200)
  @UseGuards(AdminKeyGuard)
  @ApiSecurity('x-api-key')
  reindex() {
    return this.search.rebuild('admin');
  }
}
