import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SlugPipe } from '../common/slug.pipe.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { EntityDto, EntityPageDto } from './dto/entity.dto.js';
import { ListEntitiesQuery } from './entities.dto.js';
import { EntitiesService } from './entities.service.js';
import { CacheableResponse } from '../response-cache/cacheable-response.decorator.js';

@ApiTags('entities')
@Controller('api/v1/entities')
export class EntitiesController {
  constructor(private readonly entities: EntitiesService) {}

  @CacheableResponse()
  @Get()
  @ApiOperation({ summary: 'Entities by slug, optionally of one type or matching a name or alias' })
  @ApiOkResponse({ type: EntityPageDto })
  @ApiProblems(400)
  list(@Query() query: ListEntitiesQuery) {
    return this.entities.list(query);
  }

  @CacheableResponse()
  @Get(':slug')
  @ApiOperation({ summary: 'One entity with its aliases, attributes, typed relations and the topics that mention it' })
  @ApiOkResponse({ type: EntityDto })
  @ApiProblems(400, 404)
  get(@Param('slug', SlugPipe) slug: string) {
    return this.entities.get(slug);
  }
}
