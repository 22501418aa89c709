/** The whole application in this process, on an in-memory embedded database and a loopback port, for an evaluation run. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino } from 'pino';
import { createApp } from '../../apps/api/src/app.factory.js';
import { StartupService } from '../../apps/api/src/bootstrap/startup.service.js';
import { loadConfig } from '../../apps/api/src/config/app-config.js';
import { EvalApiClient } from './api-client.js';

export interface EvalApp {
  app: NestFastifyApplication;
  client: EvalApiClient;
  close(): Promise<void>;
}

/**
 * Settings an evaluation needs whatever the shell has set: an admin key to ingest
 * with, no rate limit in the way of a few thousand requests, and (without `seed`) an
 * empty seed folder so the corpus under test is all there is.
 */
export function evalEnvironment(adminKey: string, seedDir?: string): Record<string, string> {
  return { ADMIN_API_KEY: adminKey, RATE_LIMIT_MAX: '1000000', ...(seedDir ? { SEED_DIR: seedDir } : {}) };
}

/** `seed` true: the seed notes, as `npm start` loads them; false: nothing until the corpus is ingested. */
export async function startEvalApp(options: { seed: boolean }): Promise<EvalApp> {
  const adminKey = randomBytes(16).toString('hex');
  const emptySeed = options.seed ? undefined : mkdtempSync(join(tmpdir(), 'kubenotes-eval-'));
  // No DATABASE_URL, no MEILI_URL: the embedded database and engine.
  const config = loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent', ...evalEnvironment(adminKey, emptySeed) });
  const app = await createApp(config, pino({ level: 'silent' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  await app.get(StartupService).start();
  return {
    app,
    client: new EvalApiClient(await app.getUrl(), adminKey),
    async close() {
      await app.close();
      if (emptySeed) rmSync(emptySeed, { recursive: true, force: true });
    },
  };
}
