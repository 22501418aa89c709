import { Controller, Get, Param, Query } from '@nestjs/common';
import { ListEntitiesQuery } from './entities.dto.js';
import { EntitiesService } from './entities.service.js';

@Controller('api/v1/entities')
export class EntitiesController {
  constructor(private readonly entities: EntitiesService) {}

  @Get()
  list(@Query() query: ListEntitiesQuery) {
    return this.entities.list(query);
  }

  @Get(':slug')
  get(@Param('slug') slug: string) {
    return this.entities.get(slug);
  }
}
