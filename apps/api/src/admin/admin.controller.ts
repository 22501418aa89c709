import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { AdminKeyGuard } from '../common/admin-key.guard.js';
import { ReindexService } from './reindex.service.js';

@Controller('api/v1/admin')
export class AdminController {
  constructor(private readonly reindexer: ReindexService) {}

  /** Recomputes links and evidence, then rebuilds the search index(es): `{ backend, documents, ms }`. */
  @Post('reindex')
  @HttpCode(200)
  @UseGuards(AdminKeyGuard)
  @ApiSecurity('x-api-key')
  reindex() {
    return this.reindexer.reindex();
  }
}
