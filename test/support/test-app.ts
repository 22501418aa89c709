import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino } from 'pino';
import { createApp } from '../../apps/api/src/app.factory.js';
import { StartupService } from '../../apps/api/src/bootstrap/startup.service.js';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/app-config.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  /** The HTTP server, for supertest. */
  server: NestFastifyApplication['getHttpServer'] extends () => infer S ? S : never;
  config: AppConfig;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The whole application on its own fresh database, started and ready, with logs silenced. */
export async function startTestApp(env: Record<string, string> = {}, options: { ready?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await createApp(config, pino({ level: 'silent' }));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  if (options.ready !== false) await app.get(StartupService).start();
  return {
    app,
    server: app.getHttpServer(),
    config,
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
