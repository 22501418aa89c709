import { Module } from '@nestjs/common';
import { SearchModule } from '../search/search.module.js';
import { DifyController } from './dify/dify.controller.js';
import { DifyService } from './dify/dify.service.js';
import { RetrievalController } from './retrieval.controller.js';
import { RetrievalRepository } from './retrieval.repository.js';
import { RetrievalService } from './retrieval.service.js';

@Module({
  imports: [SearchModule],
  controllers: [RetrievalController, DifyController],
  providers: [RetrievalRepository, RetrievalService, DifyService],
  exports: [RetrievalService],
})
export class RetrievalModule {}
