import { Global, Module } from '@nestjs/common';
import { IngestRepository } from './ingest.repository.js';
import { IngestService } from './ingest.service.js';
import { OntologyService } from './ontology.service.js';

@Global()
@Module({
  providers: [IngestRepository, IngestService, OntologyService],
  exports: [IngestService, OntologyService],
})
export class IngestModule {}
