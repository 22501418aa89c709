import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { RetrieveBody } from './retrieval.dto.js';
import { RetrievalService } from './retrieval.service.js';

@Controller('api/v1/retrieve')
export class RetrievalController {
  constructor(private readonly retrieval: RetrievalService) {}

  /** A read, though POSTed (the question may be long): 200, not 201. */
  @Post()
  @HttpCode(200)
  retrieve(@Body() body: RetrieveBody) {
    return this.retrieval.retrieve(body);
  }
}
