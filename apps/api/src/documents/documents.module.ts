import { Module } from '@nestjs/common';
import { DocumentsController } from './documents.controller.js';

/** Writes: IngestService comes from the global IngestModule. */
@Module({ controllers: [DocumentsController] })
export class DocumentsModule {}
