import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { DatabaseService } from '../database/database.service.js';
import { ReadinessService } from '../health/readiness.service.js';

/**
 * Brings the service to ready after it listens: migrate, load the seed notes
 * into an empty database, build the search index. /health/ready follows along.
 */
@Injectable()
export class StartupService {
  private running?: Promise<void>;

  constructor(
    private readonly database: DatabaseService,
    private readonly readiness: ReadinessService,
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
    this.readiness.set('data', 'ok', 'empty knowledge base');
    this.readiness.set('search', 'ok');
  }
}
