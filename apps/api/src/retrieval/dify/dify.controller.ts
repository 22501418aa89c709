import { Body, Controller, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { RETRIEVAL_KEY_SCHEME } from '../../openapi/openapi.setup.js';
import { DifyAuthGuard } from './dify-auth.guard.js';
import { DifyErrorFilter } from './dify-error.filter.js';
import { DifyRetrievalBody } from './dify.dto.js';
import { DifyErrorResponse, DifyRetrievalResponse } from './dify.response.js';
import { DifyService } from './dify.service.js';

const difyError = (status: number, description: string) => ApiResponse({ status, description, type: DifyErrorResponse });

/** Dify's External Knowledge API: register {base}/api/v1/dify as the endpoint; Dify appends /retrieval. */
@ApiTags('dify')
@Controller('api/v1/dify')
@UseFilters(DifyErrorFilter)
@UseGuards(DifyAuthGuard)
export class DifyController {
  constructor(private readonly dify: DifyService) {}

  @Post('retrieval')
  @HttpCode(200)
  @ApiSecurity(RETRIEVAL_KEY_SCHEME)
  @ApiOperation({ summary: 'Dify External Knowledge API: cited passages as Dify records; errors in Dify\'s { error_code, error_msg } shape' })
  @ApiOkResponse({ type: DifyRetrievalResponse })
  @difyError(400, 'Invalid body (Dify\'s registration probe, a POST without one, gets this), or an operator Dify does not document')
  @difyError(403, 'error_code 1001: no "Authorization: Bearer <key>" header; 1002: a wrong key (only when RETRIEVAL_API_KEY is set)')
  @difyError(404, 'error_code 2001: the knowledge_id is neither "kubenotes" nor a document')
  @difyError(500, 'The server failed; the failure is logged')
  @difyError(503, 'The database is unreachable or the data is still loading; retry')
  retrieval(@Body() body: DifyRetrievalBody) {
    return this.dify.retrieve(body);
  }
}
