import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/problem.schema.js';
import { CacheableResponse } from '../response-cache/cacheable-response.decorator.js';
import { SearchResult } from './models/search.model.js';
import { SearchInput, toSearchQuery } from './search.inputs.js';
import { SearchService } from './search.service.js';

@ApiTags('search')
@Controller('api/v1')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @CacheableResponse()
  @Get('search')
  @ApiOperation({ summary: 'Topics, entities and snippets that match a query (Chinese and/or English), best first' })
  @ApiOkResponse({ type: SearchResult })
  @ApiProblems(400)
  find(@Query() input: SearchInput) {
    return this.search.search(toSearchQuery(input));
  }
}
