import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ContentChanges } from '../content-changes/content-changes.service.js';
import { DatabaseService } from '../database/database.service.js';
import { ReadinessService } from '../health/readiness.service.js';
import { IngestService } from '../ingest/ingest.service.js';
import { SearchService } from '../search/search.service.js';

/**
 * Brings the service to ready after it listens: migrate, follow other processes'
 * writes, load the seed notes into an empty database, build the search index.
 * /health/ready follows along.
 */
@Injectable()
export class StartupService {
  private running?: Promise<void>;

  constructor(
    private readonly database: DatabaseService,
    private readonly contentChanges: ContentChanges,
    private readonly readiness: ReadinessService,
    private readonly ingest: IngestService,
    private readonly search: SearchService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Idempotent: every caller waits for the same single run. */
  start(): Promise<void> {
    this.running ??= this.run();
    return this.running;
  }

  private async run(): Promise<void> {
    const report = await this.database.migrate();
    this.logger.info({ applied: report.applied, alreadyApplied: report.alreadyApplied.length, database: this.database.kind }, 'migrations applied');
    this.readiness.set('migrations', 'ok');
    await this.contentChanges.follow();
    const ontology = await this.ingest.syncOntology();
    this.logger.info(ontology, 'ontology synchronised');
    const seeded = await this.ingest.seedIfEmpty(this.config.seedDir);
    if (seeded) this.logger.info({ documents: seeded.added.length, failed: seeded.failed.length, skipped: seeded.skipped.length }, 'empty database seeded');
    this.readiness.set('data', 'ok');
    // Ready only once searches find the data; a Meilisearch that is down leaves the check degraded, not failing.
    await this.search.rebuild('startup');
    const search = this.search.health();
    this.readiness.set('search', search.state, search.detail);
  }
}
