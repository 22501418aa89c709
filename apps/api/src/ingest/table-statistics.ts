import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { IngestRepository } from './ingest.repository.js';

/** Documents written before the first ANALYZE of a process: a small corpus plans well without one. */
const FIRST_AFTER = 20;

/**
 * Keeps the query planner's statistics of the tables ingest grows up to date. PGlite runs no
 * autovacuum, and a PostgreSQL may have it off (these machines do) or not have reached a table
 * yet after a folder's bulk write; with statistics taken while a table was small, `from_id =
 * ANY(300 ids)` on topic_links was planned as a scan of all 290 k links at 1000× the seed (44 ms
 * per document; 6.7 ms after ANALYZE). So ANALYZE runs after a folder ingest and a reindex, and in
 * the background whenever the documents written since the last one reach the number there were
 * then: each time the corpus doubles, a logarithmic number of times however it grows.
 */
@Injectable()
export class TableStatistics implements OnModuleDestroy {
  private writes = 0;
  private documentsAtLast = 0;
  private running: Promise<void> | null = null;

  constructor(
    private readonly repository: IngestRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** A document was written: analyze in the background once the corpus has doubled since the last time. */
  documentWritten(): void {
    this.writes++;
    if (this.running || this.writes < Math.max(FIRST_AFTER, this.documentsAtLast)) return;
    this.running = this.analyze().finally(() => (this.running = null));
  }

  /** After a bulk write (a folder, a reindex): analyze now. */
  async analyzeNow(): Promise<void> {
    await this.running;
    await this.analyze();
  }

  async onModuleDestroy(): Promise<void> {
    await this.running;
  }

  private async analyze(): Promise<void> {
    const started = Date.now();
    this.writes = 0;
    try {
      await this.repository.analyze();
      this.documentsAtLast = await this.repository.countDocuments();
      this.logger.info({ documents: this.documentsAtLast, ms: Date.now() - started }, 'table statistics refreshed');
    } catch (error) {
      // Statistics only steer plans: a failure costs speed, never data.
      this.logger.warn({ err: error }, 'table statistics not refreshed');
    }
  }
}
