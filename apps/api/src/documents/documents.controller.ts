import { Body, Controller, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminKeyGuard } from '../common/admin-key.guard.js';
import { IngestService } from '../ingest/ingest.service.js';
import { ADMIN_KEY_SCHEME } from '../openapi/openapi.setup.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { IngestDocumentBody } from './documents.dto.js';
import { IngestReportDto } from './dto/ingest-report.response.js';

@ApiTags('documents')
@Controller('api/v1/documents')
export class DocumentsController {
  constructor(private readonly ingest: IngestService) {}

  @Post()
  @UseGuards(AdminKeyGuard)
  @ApiSecurity(ADMIN_KEY_SCHEME)
  @ApiOperation({ summary: 'Ingest a notes document, replacing any earlier one of the same name (one transaction)' })
  @ApiBody({ type: IngestDocumentBody })
  @ApiCreatedResponse({ type: IngestReportDto, description: 'Stored (new or changed content)' })
  @ApiOkResponse({ type: IngestReportDto, description: 'The same content was already stored; nothing was written' })
  @ApiProblems(400, 401, 403, 413, 415)
  async create(@Body() body: IngestDocumentBody, @Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.ingest.ingest(body.name, body.content);
    reply.status(report.unchanged ? 200 : 201);
    return report;
  }
}
