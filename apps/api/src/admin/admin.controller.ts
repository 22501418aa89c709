import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AdminKeyGuard } from '../common/admin-key.guard.js';
import { ADMIN_KEY_SCHEME } from '../openapi/openapi.setup.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { ReindexReport } from '../search/models/search.model.js';
import { ReindexService } from './reindex.service.js';

@ApiTags('admin')
@Controller('api/v1/admin')
export class AdminController {
  constructor(private readonly reindexer: ReindexService) {}

  @Post('reindex')
  @HttpCode(200)
  @UseGuards(AdminKeyGuard)
  @ApiSecurity(ADMIN_KEY_SCHEME)
  @ApiOperation({ summary: 'Recompute related-topic links and relation evidence, then rebuild the search index(es)' })
  @ApiOkResponse({ type: ReindexReport })
  @ApiProblems(401, 403)
  reindex() {
    return this.reindexer.reindex();
  }
}
