import { Module } from '@nestjs/common';
import { EntitiesModule } from '../entities/entities.module.js';
import { ManifestsController } from './manifests.controller.js';
import { ManifestsRepository } from './manifests.repository.js';
import { ManifestsService } from './manifests.service.js';

/** Manifests found in the notes, and checks of pasted YAML (OntologyService comes from the global IngestModule). */
@Module({
  imports: [EntitiesModule],
  controllers: [ManifestsController],
  providers: [ManifestsRepository, ManifestsService],
  exports: [ManifestsService],
})
export class ManifestsModule {}
