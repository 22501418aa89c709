import { Global, Module } from '@nestjs/common';
import { ContentChangesRepository } from './content-changes.repository.js';
import { ContentChanges } from './content-changes.service.js';

/** The content version every cache keys on, and other processes' changes for whoever follows them. */
@Global()
@Module({
  providers: [ContentChangesRepository, ContentChanges],
  exports: [ContentChanges],
})
export class ContentChangesModule {}
