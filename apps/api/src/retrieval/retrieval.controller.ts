import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/problem.schema.js';
import { RetrieveResult } from './models/passage.model.js';
import { RetrieveInput } from './retrieval.inputs.js';
import { RetrievalService } from './retrieval.service.js';

@ApiTags('retrieval')
@Controller('api/v1/retrieve')
export class RetrievalController {
  constructor(private readonly retrieval: RetrievalService) {}

  /** A read, though POSTed (the question may be long): 200, not 201. */
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Passages that answer a question, each with its citation (document and lines), best first' })
  @ApiOkResponse({ type: RetrieveResult })
  @ApiProblems(400, 413, 415)
  retrieve(@Body() input: RetrieveInput) {
    return this.retrieval.retrieve(input);
  }
}
