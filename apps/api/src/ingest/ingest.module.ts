import { Global, Module } from '@nestjs/common';
import { DerivedGraphService } from './derived-graph.service.js';
import { IngestEvents } from './ingest-events.js';
import { IngestRepository } from './ingest.repository.js';
import { IngestService } from './ingest.service.js';
import { MentionStatsCache } from './mention-stats.cache.js';
import { TableStatistics } from './table-statistics.js';
import { OntologyService } from './ontology.service.js';

@Global()
@Module({
  providers: [IngestRepository, IngestService, OntologyService, IngestEvents, DerivedGraphService, MentionStatsCache, TableStatistics],
  exports: [IngestService, OntologyService, IngestEvents],
})
export class IngestModule {}
