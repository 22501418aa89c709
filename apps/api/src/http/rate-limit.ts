import rateLimit, { type RateLimitPluginOptions } from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { DomainError } from '../common/problems.js';
import type { AppConfig } from '../config/app-config.js';
import { MetricsService } from '../observability/metrics.service.js';
import { connectRateLimitRedis, RateLimitStoreOutage, reportingRedisStore } from './rate-limit-redis.js';

/** Probes and scrapes come from the platform at a fixed rate; limiting them would fail pods, not stop abuse. */
const EXEMPT_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

export class TooManyRequestsError extends DomainError {
  constructor(limit: number, retryAfterSeconds: number) {
    super(429, 'too-many-requests', `More than ${limit} requests in the current window; retry after ${retryAfterSeconds} s`, {
      limit,
      retryAfter: retryAfterSeconds,
    });
  }
}

/**
 * A fixed window of RATE_LIMIT_MAX requests per client IP (request.ip: the
 * socket's peer, or with TRUST_PROXY the client the trusted proxies name).
 * With REDIS_URL the counts live in Redis, one budget per client across every
 * replica; while Redis is unreachable requests pass uncounted (logged once,
 * counted in /metrics) rather than fail. Without it they are kept in memory,
 * per process. Every limited answer carries x-ratelimit-limit/remaining/reset;
 * the 429 also carries retry-after and leaves through the problem-details filter.
 */
export async function registerRateLimit(
  app: NestFastifyApplication,
  config: Pick<AppConfig, 'rateLimitMax' | 'rateLimitWindowMs' | 'redisUrl'>,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(rateLimit, {
    global: false,
    max: config.rateLimitMax,
    timeWindow: config.rateLimitWindowMs,
    keyGenerator: (request: FastifyRequest) => request.ip,
    allowList: (request: FastifyRequest) => EXEMPT_ROUTES.has(request.routeOptions.url ?? ''),
    errorResponseBuilder: (_request, context) => new TooManyRequestsError(context.max, Math.ceil(context.ttl / 1000)),
    ...(config.redisUrl ? await sharedStore(app, config.redisUrl) : {}),
  });
  // A root hook rather than `global: true`, which only limits matched routes: 404 scans count too.
  fastify.addHook('onRequest', fastify.rateLimit());
}

/** Counts in Redis, failing open: a request Redis cannot count goes through (skipOnError). */
async function sharedStore(app: NestFastifyApplication, redisUrl: string): Promise<Pick<RateLimitPluginOptions, 'store' | 'skipOnError'>> {
  const outage = new RateLimitStoreOutage(app.get<Logger>(LOGGER), app.get(MetricsService));
  const redis = await connectRateLimitRedis(redisUrl, outage);
  app.getHttpAdapter().getInstance().addHook('onClose', async () => redis.disconnect());
  return { store: reportingRedisStore(redis, outage), skipOnError: true };
}
