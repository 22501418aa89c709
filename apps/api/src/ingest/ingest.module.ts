import { Global, Module } from '@nestjs/common';
import { IngestEvents } from './ingest-events.js';
import { IngestRepository } from './ingest.repository.js';
import { IngestService } from './ingest.service.js';
import { OntologyService } from './ontology.service.js';

@Global()
@Module({
  providers: [IngestRepository, IngestService, OntologyService, IngestEvents],
  exports: [IngestService, OntologyService, IngestEvents],
})
export class IngestModule {}
