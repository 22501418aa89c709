import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import type { IngestReport } from './ingest.service.js';

export type DocumentChangedListener = (report: IngestReport) => Promise<void> | void;

/**
 * Tells whoever cares (the search index) that stored notes changed, so the
 * ingest service need not know who they are. Listeners are awaited, so an
 * ingest answers once what depends on it is up to date; their failures are logged, not thrown.
 */
@Injectable()
export class IngestEvents {
  private readonly listeners = new Set<DocumentChangedListener>();

  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  onDocumentChanged(listener: DocumentChangedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async documentChanged(report: IngestReport): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(report);
      } catch (error) {
        this.logger.error({ err: error, document: report.document.name }, 'document-changed listener failed');
      }
    }
  }
}
