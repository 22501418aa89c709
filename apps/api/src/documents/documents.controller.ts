import { Body, Controller, Delete, Get, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminKeyGuard } from '../common/admin-key.guard.js';
import { PageInput } from '../common/page.input.js';
import { restPage } from '../common/pagination.js';
import { SlugInput } from '../common/slug.input.js';
import { ADMIN_KEY_SCHEME } from '../openapi/openapi.setup.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { CacheableResponse } from '../response-cache/cacheable-response.decorator.js';
import { IngestDocumentBody } from './documents.dto.js';
import { DocumentsService } from './documents.service.js';
import { IngestReportDto } from './dto/ingest-report.response.js';
import { DeleteReportModel, DocumentModel, DocumentPageModel } from './models/document.model.js';

@ApiTags('documents')
@Controller('api/v1/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @CacheableResponse()
  @Get()
  @ApiOperation({ summary: 'Stored notes documents in name (path) order' })
  @ApiOkResponse({ type: DocumentPageModel })
  @ApiProblems(400)
  async list(@Query() query: PageInput) {
    return restPage(await this.documents.list(query));
  }

  @CacheableResponse()
  @Get(':slug')
  @ApiOperation({ summary: 'One document with its front matter and its topics in order' })
  @ApiOkResponse({ type: DocumentModel })
  @ApiProblems(400, 404)
  get(@Param() { slug }: SlugInput) {
    return this.documents.get(slug);
  }

  @Post()
  @UseGuards(AdminKeyGuard)
  @ApiSecurity(ADMIN_KEY_SCHEME)
  @ApiOperation({ summary: 'Ingest a notes document, replacing any earlier one of the same name (one transaction)' })
  @ApiBody({ type: IngestDocumentBody })
  @ApiCreatedResponse({ type: IngestReportDto, description: 'Stored (new or changed content)' })
  @ApiOkResponse({ type: IngestReportDto, description: 'The same content was already stored; nothing was written' })
  @ApiProblems(400, 401, 403, 413, 415)
  async create(@Body() body: IngestDocumentBody, @Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.documents.write(body.name, body.content);
    reply.status(report.unchanged ? 200 : 201);
    return report;
  }

  @Delete(':slug')
  @UseGuards(AdminKeyGuard)
  @ApiSecurity(ADMIN_KEY_SCHEME)
  @ApiOperation({ summary: 'Delete a document and everything derived from it (topics, snippets, mentions, links, evidence, search entries)' })
  @ApiOkResponse({ type: DeleteReportModel })
  @ApiProblems(400, 401, 403, 404)
  delete(@Param() { slug }: SlugInput) {
    return this.documents.delete(slug);
  }
}
