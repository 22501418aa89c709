import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { DocumentsResolver } from '../documents/documents.resolver.js';
import { EntitiesModule } from '../entities/entities.module.js';
import { EntitiesResolver, RelationResolver } from '../entities/entities.resolver.js';
import { GraphResolver, SubgraphNodeResolver } from '../graph/graph.resolver.js';
import { GraphModule } from '../graph/graph.module.js';
import { ResponseCacheModule } from '../response-cache/response-cache.module.js';
import { ResponseCache } from '../response-cache/response-cache.service.js';
import { RetrievalModule } from '../retrieval/retrieval.module.js';
import { RetrievalResolver } from '../retrieval/retrieval.resolver.js';
import { SearchModule } from '../search/search.module.js';
import { SearchResolver } from '../search/search.resolver.js';
import { TopicsModule } from '../topics/topics.module.js';
import { RelatedTopicResolver, TopicsResolver } from '../topics/topics.resolver.js';
import { CompareModule } from '../compare/compare.module.js';
import { ManifestsModule } from '../manifests/manifests.module.js';
import { CheckedManifestEntityResolver, ManifestEntityResolver, ManifestsResolver } from '../manifests/manifests.resolver.js';
import { CompareResolver } from '../compare/compare.resolver.js';
import { ExplorerController } from './explorer/explorer.controller.js';
import { graphqlOptions } from './graphql-options.js';
import { LoadersFactory } from './loaders/loaders.factory.js';

@Module({
  imports: [TopicsModule, EntitiesModule],
  providers: [LoadersFactory],
  exports: [LoadersFactory],
})
export class GraphqlLoadersModule {}

/** GraphQL at /graphql: the schema's resolvers live beside their features and call the same services as REST. */
@Module({
  imports: [
    TopicsModule,
    EntitiesModule,
    DocumentsModule,
    GraphModule,
    CompareModule,
    ManifestsModule,
    SearchModule,
    RetrievalModule,
    GraphqlLoadersModule,
    GraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      imports: [GraphqlLoadersModule, ResponseCacheModule],
      inject: [LoadersFactory, LOGGER, ResponseCache],
      useFactory: (loaders: LoadersFactory, logger: Logger, responseCache: ResponseCache) => graphqlOptions(loaders, logger, responseCache),
    }),
  ],
  controllers: [ExplorerController],
  providers: [ManifestsResolver, ManifestEntityResolver, CheckedManifestEntityResolver, DocumentsResolver, TopicsResolver, RelatedTopicResolver, CompareResolver, EntitiesResolver, RelationResolver, GraphResolver, SubgraphNodeResolver, SearchResolver, RetrievalResolver],
})
export class GraphqlApiModule {}
