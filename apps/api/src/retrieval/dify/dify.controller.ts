import { Body, Controller, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import { DifyAuthGuard } from './dify-auth.guard.js';
import { DifyErrorFilter } from './dify-error.filter.js';
import { DifyRetrievalBody } from './dify.dto.js';
import { DifyService } from './dify.service.js';

/** Dify's External Knowledge API: register {base}/api/v1/dify as the endpoint; Dify appends /retrieval. */
@Controller('api/v1/dify')
@UseFilters(DifyErrorFilter)
@UseGuards(DifyAuthGuard)
export class DifyController {
  constructor(private readonly dify: DifyService) {}

  @Post('retrieval')
  @HttpCode(200)
  retrieval(@Body() body: DifyRetrievalBody) {
    return this.dify.retrieve(body);
  }
}
