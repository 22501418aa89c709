// @fastify/rate-limit's own Redis store (store/RedisStore.js), which its types do not export.
declare module '@fastify/rate-limit/store/RedisStore.js' {
  import type { FastifyRateLimitStore } from '@fastify/rate-limit';
  import type { Redis } from 'ioredis';

  const RedisStore: new (continueExceeding: boolean, exponentialBackoff: boolean, redis: Redis, nameSpace?: string) => FastifyRateLimitStore;
  export default RedisStore;
}
