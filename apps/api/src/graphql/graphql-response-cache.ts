import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { ResponseCache } from '../response-cache/response-cache.service.js';

const JSON_TYPE = 'application/json; charset=utf-8';

interface GraphqlParams {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

/** String literals and comments, where the word `mutation` means nothing. */
const LITERALS_AND_COMMENTS = /"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|#[^\n]*/g;

/**
 * The cache key of a POSTed GraphQL query, or undefined when it should not be
 * cached. No query field reads the caller, so an answer depends only on the
 * document, operation, variables and the data. A document with a mutation is
 * never kept (the word anywhere outside strings is enough: erring towards not
 * caching costs nothing). Requests with extensions (persisted queries, tracing) are left alone.
 */
function cacheKey(request: FastifyRequest): string | undefined {
  if (request.method !== 'POST') return undefined;
  const params = request.body as GraphqlParams | undefined;
  if (!params || typeof params.query !== 'string' || params.extensions !== undefined) return undefined;
  if (/\bmutation\b/.test(params.query.replace(LITERALS_AND_COMMENTS, ''))) return undefined;
  const operation = typeof params.operationName === 'string' ? params.operationName : '';
  const variables = params.variables ? JSON.stringify(params.variables) : '';
  return `POST /graphql\n${operation}\n${variables}\n${params.query}`;
}

/**
 * Route hooks for POST /graphql: answer a repeated query from the
 * ResponseCache (after beforeGraphql has checked its parameters, before
 * Mercurius parses, validates, guards and executes it), and keep answers that
 * carry no errors. An error can be transient (a database cut), so it is always
 * computed afresh.
 */
export function graphqlResponseCacheHooks(cache: ResponseCache) {
  const pending = new WeakMap<FastifyRequest, { key: string; version: number }>();

  function lookup(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
    const key = cache.enabled ? cacheKey(request) : undefined;
    if (key === undefined) return done();
    const hit = cache.lookup(key);
    if (hit === undefined) {
      pending.set(request, { key, version: cache.version() });
      return done();
    }
    // Answered here, so `done` is not called; the route's onSend hooks still run.
    void reply.type(JSON_TYPE).send(hit.body);
  }

  function store(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void {
    const miss = pending.get(request);
    if (miss && reply.statusCode === 200 && typeof payload === 'string' && !payload.includes('"errors":')) {
      cache.store(miss.key, miss.version, {}, payload);
    }
    done(null, payload);
  }

  return { lookup, store };
}
