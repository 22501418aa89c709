import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config.js';

/**
 * CORS only when CORS_ORIGINS names who may call us from a browser; without it
 * no CORS header is sent and browsers keep other origins out. `*` allows any.
 * Through Nest's enableCors, whose hook runs first, so preflights are answered
 * before rate limiting and routing.
 */
export function registerCors(app: NestFastifyApplication, config: Pick<AppConfig, 'corsOrigins'>): void {
  if (config.corsOrigins.length === 0) return;
  app.enableCors({
    origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'x-api-key'],
    exposedHeaders: ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after'],
    maxAge: 600,
  });
}
