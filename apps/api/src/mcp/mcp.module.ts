import { Module } from '@nestjs/common';
import { CompareModule } from '../compare/compare.module.js';
import { EntitiesModule } from '../entities/entities.module.js';
import { GraphModule } from '../graph/graph.module.js';
import { RetrievalModule } from '../retrieval/retrieval.module.js';
import { SearchModule } from '../search/search.module.js';
import { TopicsModule } from '../topics/topics.module.js';
import { KnowledgeTools } from './knowledge-tools.js';
import { McpController } from './mcp.controller.js';

@Module({
  imports: [RetrievalModule, SearchModule, TopicsModule, EntitiesModule, GraphModule, CompareModule],
  controllers: [McpController],
  providers: [KnowledgeTools],
  exports: [KnowledgeTools],
})
export class McpModule {}
