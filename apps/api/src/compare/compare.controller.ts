import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/problem.schema.js';
import { CompareQuery } from './compare.dto.js';
import { CompareService } from './compare.service.js';
import { ComparisonDto } from './dto/comparison.response.js';
import { CacheableResponse } from '../response-cache/cacheable-response.decorator.js';

@ApiTags('entities')
@Controller('api/v1/compare')
export class CompareController {
  constructor(private readonly comparisons: CompareService) {}

  @CacheableResponse()
  @Get()
  @ApiOperation({ summary: "Side-by-side table of entities' typed attributes" })
  @ApiOkResponse({ type: ComparisonDto })
  @ApiProblems(400, 404)
  compare(@Query() query: CompareQuery) {
    return this.comparisons.compare(query.entities);
  }
}
