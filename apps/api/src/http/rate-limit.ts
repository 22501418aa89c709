import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/problems.js';
import type { AppConfig } from '../config/app-config.js';

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
 * A fixed window of RATE_LIMIT_MAX requests per client IP (in memory, so per
 * replica). Every limited answer carries x-ratelimit-limit/remaining/reset; the
 * 429 also carries retry-after and leaves through the problem-details filter.
 */
export async function registerRateLimit(app: NestFastifyApplication, config: Pick<AppConfig, 'rateLimitMax' | 'rateLimitWindowMs'>): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    max: config.rateLimitMax,
    timeWindow: config.rateLimitWindowMs,
    keyGenerator: (request: FastifyRequest) => request.ip,
    allowList: (request: FastifyRequest) => EXEMPT_ROUTES.has(request.routeOptions.url ?? ''),
    errorResponseBuilder: (_request, context) => new TooManyRequestsError(context.max, Math.ceil(context.ttl / 1000)),
  });
  // A root hook rather than `global: true`, which only limits matched routes: 404 scans count too.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', fastify.rateLimit());
}
