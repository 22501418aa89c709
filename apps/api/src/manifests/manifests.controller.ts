import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { restPage } from '../common/pagination.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { CacheableResponse } from '../response-cache/cacheable-response.decorator.js';
import { CheckManifestInput, ListManifestsInput } from './manifests.inputs.js';
import { ManifestsService } from './manifests.service.js';
import { ManifestCheckResult, ManifestPage } from './models/manifest.model.js';

@ApiTags('manifests')
@Controller('api/v1/manifests')
export class ManifestsController {
  constructor(private readonly manifests: ManifestsService) {}

  @CacheableResponse()
  @Get()
  @ApiOperation({ summary: 'The Kubernetes manifests found in the notes, each checked, with its topic and citation' })
  @ApiOkResponse({ type: ManifestPage })
  @ApiProblems(400)
  async list(@Query() query: ListManifestsInput) {
    return restPage(await this.manifests.list(query));
  }

  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Checks pasted YAML like kubeconform -strict and pluto: schema, unknown fields, deprecated and removed APIs, and the converted manifest where the migration is mechanical' })
  @ApiBody({ type: CheckManifestInput })
  @ApiOkResponse({ type: ManifestCheckResult })
  @ApiProblems(400, 413, 415)
  check(@Body() body: CheckManifestInput) {
    return this.manifests.check(body.yaml, body.kubernetesVersion);
  }
}
