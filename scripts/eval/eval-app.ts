/** The whole application in this process, on an in-memory embedded database and a loopback port, for an evaluation run. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../../apps/api/src/app.factory.js';
import { StartupService } from '../../apps/api/src/bootstrap/startup.service.js';
import { loadConfig } from '../../apps/api/src/config/app-config.js';
import { EvalApiClient } from './api-client.js';

export interface EvalApp {
  client: EvalApiClient;
  close(): Promise<void>;
}

/** `seed` true: the seed notes, as `npm start` loads them; false: nothing until the corpus is ingested. */
export async function startEvalApp(options: { seed: boolean }): Promise<EvalApp> {
  const adminKey = randomBytes(16).toString('hex');
  const emptySeed = options.seed ? undefined : mkdtempSync(join(tmpdir(), 'kubenotes-eval-'));
  // Whatever the shell has set: no DATABASE_URL or MEILI_URL (the embedded database and engine), an admin key
  // to ingest with, no rate limit in the way of a few thousand requests, and (without `seed`) an empty seed folder
  // so that the corpus under test is all there is.
  const config = loadConfig({
    DATA_DIR: 'memory://',
    LOG_LEVEL: 'silent',
    ADMIN_API_KEY: adminKey,
    RATE_LIMIT_MAX: '1000000',
    ...(emptySeed ? { SEED_DIR: emptySeed } : {}),
  });
  const app = await createApp(config, pino({ level: 'silent' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  await app.get(StartupService).start();
  return {
    client: new EvalApiClient(await app.getUrl(), adminKey),
    async close() {
      await app.close();
      if (emptySeed) rmSync(emptySeed, { recursive: true, force: true });
    },
  };
}
