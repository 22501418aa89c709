import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/problem.schema.js';
import { CacheableResponse } from '../response-cache/cacheable-response.decorator.js';
import { CompareInput } from './compare.inputs.js';
import { CompareService } from './compare.service.js';
import { Comparison } from './models/comparison.model.js';

@ApiTags('entities')
@Controller('api/v1/compare')
export class CompareController {
  constructor(private readonly comparisons: CompareService) {}

  @CacheableResponse()
  @Get()
  @ApiOperation({ summary: "Side-by-side table of entities' typed attributes" })
  @ApiOkResponse({ type: Comparison })
  @ApiProblems(400, 404)
  compare(@Query() { entities }: CompareInput) {
    return this.comparisons.compare(entities);
  }
}
