/**
 * `npm run mcp`: the knowledge base as an MCP server over stdio. stdout carries
 * nothing but the protocol; logs go to stderr. With nothing configured it uses
 * the embedded database under the project folder (not the caller's cwd, since
 * MCP clients launch servers from anywhere) and seeds it on first use.
 */
import { join } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createApp } from '../app.factory.js';
import { StartupService } from '../bootstrap/startup.service.js';
import { createLogger } from '../common/logger.js';
import { projectRoot } from '../common/project-root.js';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { KnowledgeServer } from './knowledge-server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({
      LOG_LEVEL: 'warn',
      DATA_DIR: join(projectRoot(), '.data'),
      SEED_DIR: join(projectRoot(), 'seed', 'notes'),
      ...process.env,
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`kubenotes-mcp: invalid configuration: ${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel, 2);
  // The same application as the HTTP server, initialised but never listening.
  const app = await createApp(config, logger);
  await app.init();
  // Answer the handshake at once (clients time out waiting); calls wait for the data instead.
  const ready = app.get(StartupService).start();
  ready.catch((error: unknown) => logger.error({ err: error }, 'start-up failed; tool calls will fail'));
  // No request to take a host from: links use PUBLIC_URL, else http://127.0.0.1:PORT.
  const server = app.get(KnowledgeServer).create({ ready });
  const transport = new StdioServerTransport();
  const shutdown = () => void app.close().finally(() => process.exit(0));
  transport.onclose = shutdown;
  // The client closing our stdin is how a stdio session ends.
  process.stdin.once('end', shutdown);
  await server.connect(transport);
  logger.info('MCP server listening on stdio');
  await ready.then(() => logger.info('MCP server ready on stdio'), () => undefined);
}

main().catch((error: unknown) => {
  process.stderr.write(`kubenotes-mcp: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
