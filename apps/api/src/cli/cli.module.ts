import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ContentChangesModule } from '../content-changes/content-changes.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { IngestModule } from '../ingest/ingest.module.js';

/**
 * What the command-line jobs use: the database, the content log and ingest. Not the
 * HTTP doors, GraphQL or the search index (a CLI process never builds one: the
 * running service follows its writes through the content log), which cost seconds to start.
 */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: CliModule,
      global: true,
      imports: [DatabaseModule, ContentChangesModule, IngestModule],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [APP_CONFIG, LOGGER],
    };
  }
}
