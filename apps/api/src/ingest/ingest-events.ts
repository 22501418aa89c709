import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import type { DocumentChange } from './ingest.types.js';

export type DocumentChangedListener = (change: DocumentChange) => Promise<void> | void;

/**
 * Tells whoever cares (the search index) that a stored document changed, so the
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

  async documentChanged(change: DocumentChange): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(change);
      } catch (error) {
        this.logger.error({ err: error, document: change.document.name }, 'document-changed listener failed');
      }
    }
  }
}
