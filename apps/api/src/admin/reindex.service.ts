import { Injectable } from '@nestjs/common';
import { IngestService } from '../ingest/ingest.service.js';
import { SearchService } from '../search/search.service.js';
import type { ReindexReport } from '../search/search.types.js';

/**
 * Everything derived from the stored notes, rebuilt from scratch: related-topic
 * links and relation evidence (which incremental ingest lets drift slowly),
 * then the search index(es).
 */
@Injectable()
export class ReindexService {
  constructor(
    private readonly ingest: IngestService,
    private readonly search: SearchService,
  ) {}

  async reindex(): Promise<ReindexReport> {
    await this.ingest.recomputeDerived();
    return this.search.rebuild('admin');
  }
}
