import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, NestPinoLogger } from '../common/logger.js';
import { ConfigError, loadConfig, type AppConfig } from '../config/app-config.js';
import { DatabaseService } from '../database/database.service.js';
import { IngestService } from '../ingest/ingest.service.js';
import { CliModule } from './cli.module.js';

/**
 * The parts of the application command-line jobs need (CliModule), without a listening socket. Logs go to stderr (warn
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
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config, logger), { logger: new NestPinoLogger(logger), abortOnError: false });
  await app.get(DatabaseService).migrate();
  await app.get(IngestService).syncOntology();
  return { app, config };
}
