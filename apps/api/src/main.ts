import { StartupService } from './bootstrap/startup.service.js';
import { createApp } from './app.factory.js';
import { createLogger } from './common/logger.js';
import { ConfigError, loadConfig } from './config/app-config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`kubenotes: invalid configuration: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger);
  // createApp's shutdown hooks do the work (stop listening, drain, close the database, exit 0); this only says so.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => logger.info({ signal }, 'shutting down: refusing new connections, finishing requests in flight'));
  }
  await app.listen({ port: config.port, host: config.host });
  logger.info({ url: await app.getUrl() }, 'listening');
  // Listen first so /health/live answers while the data loads; /health/ready turns 200 after.
  await app.get(StartupService).start().catch((error: unknown) => {
    logger.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  });
  logger.info('ready');
}

void main();
