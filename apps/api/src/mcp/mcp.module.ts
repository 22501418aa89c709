import { Module } from '@nestjs/common';
import { CompareModule } from '../compare/compare.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { EntitiesModule } from '../entities/entities.module.js';
import { GraphModule } from '../graph/graph.module.js';
import { ManifestsModule } from '../manifests/manifests.module.js';
import { RetrievalModule } from '../retrieval/retrieval.module.js';
import { SearchModule } from '../search/search.module.js';
import { TopicsModule } from '../topics/topics.module.js';
import { KnowledgePrompts } from './knowledge-prompts.js';
import { KnowledgeResources } from './knowledge-resources.js';
import { KnowledgeServer } from './knowledge-server.js';
import { KnowledgeTools } from './knowledge-tools.js';
import { McpController } from './mcp.controller.js';

@Module({
  imports: [RetrievalModule, SearchModule, TopicsModule, EntitiesModule, GraphModule, CompareModule, DocumentsModule, ManifestsModule],
  controllers: [McpController],
  providers: [KnowledgeTools, KnowledgeResources, KnowledgePrompts, KnowledgeServer],
  exports: [KnowledgeServer],
})
export class McpModule {}
