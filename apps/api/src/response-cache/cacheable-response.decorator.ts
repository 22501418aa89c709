import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';

/** The Fastify route config flag the REST response cache looks for. */
export const CACHEABLE_RESPONSE = 'cacheableResponse';

/**
 * Marks a GET handler whose 200 answer depends only on the request URL and the
 * knowledge base (not on headers, the caller or the time), so the response
 * cache may answer a repeat of the same URL with the same bytes. The answer
 * carries an ETag, and OpenAPI documents the conditional request.
 */
export const CacheableResponse = () =>
  applyDecorators(
    RouteConfig({ [CACHEABLE_RESPONSE]: true }),
    ApiHeader({ name: 'If-None-Match', required: false, description: 'The `ETag` of an answer you hold: 304 if it is still current' }),
    ApiResponse({ status: 304, description: 'Not Modified: the `ETag` sent in If-None-Match is still current; no body' }),
  );
