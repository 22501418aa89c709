import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { restPage } from '../common/pagination.js';
import { SlugInput } from '../common/slug.input.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { CacheableResponse } from '../response-cache/cacheable-response.decorator.js';
import { EntitiesService } from './entities.service.js';
import { ListEntitiesInput } from './entities.inputs.js';
import { Entity, EntityPage } from './models/entity.model.js';

@ApiTags('entities')
@Controller('api/v1/entities')
export class EntitiesController {
  constructor(private readonly entities: EntitiesService) {}

  @CacheableResponse()
  @Get()
  @ApiOperation({ summary: 'Entities by slug, optionally of one type or matching a name or alias' })
  @ApiOkResponse({ type: EntityPage })
  @ApiProblems(400)
  async list(@Query() query: ListEntitiesInput) {
    return restPage(await this.entities.list(query));
  }

  @CacheableResponse()
  @Get(':slug')
  @ApiOperation({ summary: 'One entity with its aliases, attributes, typed relations and the topics that mention it' })
  @ApiOkResponse({ type: Entity })
  @ApiProblems(400, 404)
  get(@Param() { slug }: SlugInput) {
    return this.entities.get(slug);
  }
}
