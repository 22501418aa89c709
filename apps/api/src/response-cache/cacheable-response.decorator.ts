import { RouteConfig } from '@nestjs/platform-fastify';

/** The Fastify route config flag the REST response cache looks for. */
export const CACHEABLE_RESPONSE = 'cacheableResponse';

/**
 * Marks a GET handler whose 200 answer depends only on the request URL and the
 * knowledge base (not on headers, the caller or the time), so the response
 * cache may answer a repeat of the same URL with the same bytes.
 */
export const CacheableResponse = () => RouteConfig({ [CACHEABLE_RESPONSE]: true });
