import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { EXPLORER_HTML } from './explorer/explorer-assets.js';
import { GraphqlGuardError } from './guards/guard-error.js';
import { GRAPHQL_RESPONSE_JSON, HTML_TYPE, preferredMediaType } from './media-type.js';

/**
 * Route hooks for Mercurius's /graphql routes, callback-style and with fast
 * paths because every GraphQL request passes through them.
 *
 * Before validation: a browser's GET without a query gets the explorer page;
 * a POST's parameters are type-checked (a non-string `query` would otherwise
 * reach graphql-js as a document and fail as a 500). GraphQL over HTTP also
 * lets `extensions` be null, which Mercurius's JSON schema refuses: null means none.
 */
export function beforeGraphql(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (request.method === 'POST') {
    done(checkParameters(request.body));
    return;
  }
  const wantsPage = (request.query as { query?: unknown } | undefined)?.query === undefined
    && request.headers.accept?.includes(HTML_TYPE) === true
    && preferredMediaType(request.headers.accept) === HTML_TYPE;
  if (!wantsPage) {
    done();
    return;
  }
  // Answered here, so `done` must not be called.
  void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept').send(EXPLORER_HTML);
}

function checkParameters(body: unknown): GraphqlGuardError | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined; // Mercurius refuses these itself
  const params = body as Record<string, unknown>;
  if (params.extensions === null) delete params.extensions;
  if (params.query !== undefined && typeof params.query !== 'string') {
    return new GraphqlGuardError('Parameter "query" must be a string holding a GraphQL document', 'BAD_REQUEST');
  }
  if (params.operationName !== undefined && params.operationName !== null && typeof params.operationName !== 'string') {
    return new GraphqlGuardError('Parameter "operationName" must be a string (or null)', 'BAD_REQUEST');
  }
  if (params.variables !== undefined && params.variables !== null && (typeof params.variables !== 'object' || Array.isArray(params.variables))) {
    return new GraphqlGuardError('Parameter "variables" must be an object (or null)', 'BAD_REQUEST');
  }
  return undefined;
}

/**
 * GraphQL over HTTP: answer application/graphql-response+json to clients that
 * prefer it (Mercurius always says application/json), with the same body.
 */
export function negotiateResponseType(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void): void {
  reply.header('vary', 'accept');
  const accept = request.headers.accept;
  if (accept?.includes(GRAPHQL_RESPONSE_JSON) && preferredMediaType(accept) === GRAPHQL_RESPONSE_JSON) {
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('application/json')) reply.header('content-type', `${GRAPHQL_RESPONSE_JSON}; charset=utf-8`);
  }
  done(null, payload);
}
