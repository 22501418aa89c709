import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { NestPinoLogger } from './common/logger.js';
import { clientErrorAsProblem, frameworkErrorsAsProblems } from './common/framework-errors.js';
import { ProblemDetailsFilter } from './common/problem-details.filter.js';
import type { AppConfig } from './config/app-config.js';
import { registerHttpHardening } from './http/http-hardening.js';
import { registerShutdownAnswer, ShutdownAwareFastifyAdapter } from './http/shutdown-answer.js';
import { registerStaticFiles } from './http/static-files.js';
import { registerMetrics } from './observability/register-metrics.js';
import { setupOpenApi } from './openapi/openapi.setup.js';
import { registerRestResponseCache } from './response-cache/rest-response-cache.js';

/** Request bodies larger than this are refused with 413 before any handler runs. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the whole application; main.ts listens on it, tests drive it with supertest. */
export async function createApp(config: AppConfig, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new ShutdownAwareFastifyAdapter({
    loggerInstance: logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // Off unless TRUST_PROXY names the proxies: then request.ip (rate limit, logs) is the client they forward for.
    trustProxy: config.trustProxy,
    frameworkErrors: frameworkErrorsAsProblems,
    clientErrorHandler: clientErrorAsProblem,
    // On close: drop idle keep-alive sockets at once, let in-flight requests finish.
    forceCloseConnections: 'idle',
    // Requests arriving during shutdown are answered by registerShutdownAnswer, as problem JSON.
    return503OnClosing: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger), adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
    // Requests arriving while shutdown hooks run get 503 + Connection: close instead of a closing
    // database, from registerShutdownAnswer (a problem, not Nest's plain JSON).
    return503OnClosing: false,
  });
  registerShutdownAnswer(app, adapter);
  await registerHttpHardening(app, config);
  await registerStaticFiles(app);
  registerRestResponseCache(app);
  registerMetrics(app);
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true, forbidUnknownValues: true }));
  setupOpenApi(app);
  // process.exit(0) after a clean shutdown, instead of re-raising the signal, so SIGTERM exits 0.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  return app;
}
