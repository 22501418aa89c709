import { once } from 'node:events';
import { createRequire } from 'node:module';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { MetricsService } from '../observability/metrics.service.js';

/** @fastify/rate-limit's own Redis store (its Lua script), which the package ships but does not export by name. */
const RedisStore = createRequire(import.meta.url)('@fastify/rate-limit/store/RedisStore.js') as new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  redis: Redis,
  nameSpace: string,
) => FastifyRateLimitStore;

/** Prefix of the counters' keys in Redis. */
const NAMESPACE = 'kubenotes-rate-limit-';
/** How long connecting, or one command, may take before the request goes on without a count. */
const REDIS_TIMEOUT_MS = 500;

/** Logs a store outage once when it begins and once when it ends, and counts every request it could not count. */
export class RateLimitStoreOutage {
  private down = false;

  constructor(
    private readonly logger: Logger,
    private readonly metrics: MetricsService,
  ) {}

  requestUncounted(error: Error): void {
    this.metrics.rateLimitStoreFailed();
    this.failed(error);
  }

  failed(error: Error): void {
    if (!this.down) this.logger.warn({ err: error }, 'rate limit store (Redis) unreachable: requests pass uncounted until it answers');
    this.down = true;
  }

  answered(): void {
    if (this.down) this.logger.info('rate limit store (Redis) answers again');
    this.down = false;
  }
}

/**
 * An ioredis client that fails fast while Redis is away, so no request waits on it: no offline
 * queue (a command sent while disconnected fails at once), one retry, and REDIS_TIMEOUT_MS to
 * connect or answer (@fastify/rate-limit's docs: ioredis's defaults do not suit rate limiting).
 * Resolves once connected, or after REDIS_TIMEOUT_MS with Redis still away (it keeps reconnecting).
 */
export async function connectRateLimitRedis(url: string, outage: RateLimitStoreOutage): Promise<Redis> {
  const redis = new Redis(url, {
    connectionName: 'kubenotes-rate-limit',
    connectTimeout: REDIS_TIMEOUT_MS,
    commandTimeout: REDIS_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  redis.on('error', (error: Error) => outage.failed(error));
  redis.on('ready', () => outage.answered());
  const timeout = new Promise((resolve) => setTimeout(resolve, REDIS_TIMEOUT_MS).unref());
  await Promise.race([once(redis, 'ready'), timeout]).catch(() => undefined);
  return redis;
}

/** Passes every call to the wrapped store and reports how it went. */
class ReportingStore implements FastifyRateLimitStore {
  constructor(
    private readonly inner: FastifyRateLimitStore,
    private readonly outage: RateLimitStoreOutage,
  ) {}

  incr(...[key, callback, timeWindow, max]: Parameters<FastifyRateLimitStore['incr']>): void {
    this.inner.incr(
      key,
      (error, result) => {
        if (error) this.outage.requestUncounted(error);
        else this.outage.answered();
        callback(error, result);
      },
      timeWindow,
      max,
    );
  }

  child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
    return new ReportingStore(this.inner.child(routeOptions), this.outage);
  }
}

/**
 * @fastify/rate-limit's Redis store (one budget per client across every replica), reporting its
 * failures. The plugin's skipOnError lets the request through; this says so in the log and /metrics,
 * which the plugin itself does not.
 */
export function reportingRedisStore(redis: Redis, outage: RateLimitStoreOutage): FastifyRateLimitStoreCtor {
  return class extends ReportingStore {
    constructor() {
      super(new RedisStore(false, false, redis, NAMESPACE), outage);
    }
  };
}
