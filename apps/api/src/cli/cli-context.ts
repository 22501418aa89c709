import type { INestApplicationContext } from '@nestjs/common';
import { createApp } from '../app.factory.js';
import { createLogger } from '../common/logger.js';
import { ConfigError, loadConfig, type AppConfig } from '../config/app-config.js';
import { DatabaseService } from '../database/database.service.js';
import { IngestService } from '../ingest/ingest.service.js';

/**
 * The application without a listening socket, for command-line jobs. Logs go to stderr (warn
 * and above unless LOG_LEVEL says otherwise) so stdout stays for the job's report.
 */
export async function openCliContext(): Promise<{ app: INestApplicationContext; config: AppConfig }> {
  let config: AppConfig;
  try {
    config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`kubenotes: invalid configuration: ${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel, 2);
  // The whole app, initialised but not listening: some modules (GraphQL) need the HTTP adapter to exist.
  const app = await createApp(config, logger);
  await app.init();
  await app.get(DatabaseService).migrate();
  await app.get(IngestService).syncOntology();
  return { app, config };
}
