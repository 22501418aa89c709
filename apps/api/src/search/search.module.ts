import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { OntologyService } from '../ingest/ontology.service.js';
import { EmbeddedSearchEngine } from './embedded-search.engine.js';
import { meiliSettings } from './meilisearch-settings.js';
import { MeilisearchEngine } from './meilisearch.engine.js';
import { QueryExpander } from './query-expander.js';
import { SearchDocumentsRepository } from './search-documents.repository.js';
import { SearchController } from './search.controller.js';
import { SearchService } from './search.service.js';
import { MEILI_ENGINE } from './search.tokens.js';
import { TextAnalyzer } from './text-analyzer.js';

/** Search: the embedded engine always, Meilisearch too when MEILI_URL is set. */
@Module({
  controllers: [SearchController],
  providers: [
    SearchDocumentsRepository,
    SearchService,
    { provide: TextAnalyzer, inject: [OntologyService], useFactory: (o: OntologyService) => TextAnalyzer.forOntology(o.ontology) },
    {
      provide: EmbeddedSearchEngine,
      inject: [TextAnalyzer, OntologyService],
      useFactory: (analyzer: TextAnalyzer, ontology: OntologyService) => new EmbeddedSearchEngine(analyzer, new QueryExpander(ontology)),
    },
    {
      provide: MEILI_ENGINE,
      inject: [APP_CONFIG, TextAnalyzer, OntologyService],
      useFactory: (config: AppConfig, analyzer: TextAnalyzer, ontology: OntologyService) =>
        config.meiliUrl
          ? new MeilisearchEngine({ host: config.meiliUrl, apiKey: config.meiliApiKey, settings: meiliSettings(ontology.ontology) }, analyzer)
          : null,
    },
  ],
  exports: [SearchService, TextAnalyzer],
})
export class SearchModule {}
