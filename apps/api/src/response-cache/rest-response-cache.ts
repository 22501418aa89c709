import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import etag from 'etag';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fresh from 'fresh';
import { CACHEABLE_RESPONSE } from './cacheable-response.decorator.js';
import { ResponseCache } from './response-cache.service.js';

/** What a cacheable GET that missed needs at onSend to keep its answer. */
interface PendingStore {
  version: number;
  /** Headers already on the reply before the handler ran (security, rate limit, CORS): not the answer's own. */
  headersBefore: ReadonlySet<string>;
}

declare module 'fastify' {
  interface FastifyRequest {
    responseCachePending: PendingStore | null;
  }
}

function cacheable(request: FastifyRequest): boolean {
  return request.method === 'GET' && request.routeOptions.config?.[CACHEABLE_RESPONSE as never] === true;
}

/** 304 when the client already holds this ETag (If-None-Match), judged by jshttp's `fresh`. */
function notModified(request: FastifyRequest, tag: string): boolean {
  return request.headers['if-none-match'] !== undefined && fresh(request.headers, { etag: tag });
}

/**
 * Serves GETs of routes marked @CacheableResponse() from the ResponseCache and
 * gives their answers a strong ETag, so clients can revalidate with
 * If-None-Match and get 304. Registered after the security headers, rate
 * limit and CORS hooks, so a cached answer still passes all three, and the
 * metrics hook (onResponse) still counts it.
 */
export function registerRestResponseCache(app: NestFastifyApplication): void {
  const cache = app.get(ResponseCache);
  if (!cache.enabled) return;
  const fastify = app.getHttpAdapter().getInstance();
  fastify.decorateRequest('responseCachePending', null);

  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!cacheable(request)) return done();
    const hit = cache.lookup(request.url);
    if (hit === undefined) {
      request.responseCachePending = { version: cache.version(), headersBefore: new Set(Object.keys(reply.getHeaders())) };
      return done();
    }
    reply.headers(hit.headers);
    // Answered here, so `done` is not called: Fastify goes straight to onSend and onResponse.
    const tag = hit.headers['etag'];
    if (tag !== undefined && notModified(request, tag)) void reply.code(304).send();
    else void reply.send(hit.body);
  });

  fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
    const pending = request.responseCachePending;
    if (pending === null || reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return done(null, payload);
    const tag = etag(payload);
    reply.header('etag', tag);
    // The answer's own headers, the ETag included.
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (!pending.headersBefore.has(name) && value !== undefined) headers[name] = String(value);
    }
    cache.store(request.url, pending.version, headers, payload);
    if (notModified(request, tag)) {
      reply.code(304);
      return done(null, null);
    }
    done(null, payload);
  });
}
