import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { StartupService } from './bootstrap/startup.service.js';
import { LOGGER } from './common/logger.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { DatabaseModule } from './database/database.module.js';
import { EntitiesModule } from './entities/entities.module.js';
import { ExploreModule } from './explore/explore.module.js';
import { GraphqlApiModule } from './graphql/graphql-api.module.js';
import { HealthModule } from './health/health.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { TopicsModule } from './topics/topics.module.js';
import { MetricsModule } from './observability/metrics.module.js';
import { RetrievalModule } from './retrieval/retrieval.module.js';
import { McpModule } from './mcp/mcp.module.js';
import { CompareModule } from './compare/compare.module.js';
import { ContentChangesModule } from './content-changes/content-changes.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { AdminModule } from './admin/admin.module.js';
import { ManifestsModule } from './manifests/manifests.module.js';
import { GraphModule } from './graph/graph.module.js';
import { ResponseCacheModule } from './response-cache/response-cache.module.js';
import { SearchModule } from './search/search.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [DatabaseModule, ContentChangesModule, HealthModule, MetricsModule, IngestModule, TopicsModule, EntitiesModule, GraphqlApiModule, GraphModule, CompareModule, DocumentsModule, ManifestsModule, AdminModule, SearchModule, RetrievalModule, McpModule, ResponseCacheModule, ExploreModule],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        StartupService,
      ],
      exports: [APP_CONFIG, LOGGER],
    };
  }
}
