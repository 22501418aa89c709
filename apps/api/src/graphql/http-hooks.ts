import type { FastifyReply, FastifyRequest } from 'fastify';
import { GRAPHQL_RESPONSE_JSON, HTML_TYPE, preferredMediaType } from './media-type.js';
import { EXPLORER_HTML } from './explorer/explorer-assets.js';
import { GraphqlGuardError } from './guards/guard-error.js';

/**
 * Route hooks for Mercurius's /graphql routes. A browser's GET without a query
 * gets the explorer page; everything else is GraphQL.
 */
export async function serveExplorerPage(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (request.method !== 'GET' || (request.query as { query?: unknown } | undefined)?.query !== undefined) return undefined;
  if (preferredMediaType(request.headers.accept) !== HTML_TYPE) return undefined;
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(EXPLORER_HTML);
}

/**
 * GraphQL over HTTP: answer application/graphql-response+json to clients that
 * prefer it (Mercurius always says application/json), with the same body.
 */
export function negotiateResponseType(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void): void {
  reply.header('vary', 'accept');
  const type = String(reply.getHeader('content-type') ?? '');
  if (type.startsWith('application/json') && preferredMediaType(request.headers.accept) === GRAPHQL_RESPONSE_JSON) {
    reply.header('content-type', `${GRAPHQL_RESPONSE_JSON}; charset=utf-8`);
  }
  done(null, payload);
}

/**
 * Checks the request parameters' types before Mercurius sees them (a hook that
 * runs before its JSON-schema validation): a non-string `query` would otherwise
 * reach graphql-js as a document and fail as a 500. GraphQL over HTTP also
 * lets `extensions` be null, which Mercurius's schema refuses; null means none.
 */
export async function checkRequestParameters(request: FastifyRequest): Promise<void> {
  const body = request.body as Record<string, unknown> | undefined;
  if (request.method !== 'POST' || !body || typeof body !== 'object' || Array.isArray(body)) return;
  if (body.extensions === null) delete body.extensions;
  if (body.query !== undefined && typeof body.query !== 'string') {
    throw new GraphqlGuardError('Parameter "query" must be a string holding a GraphQL document', 'BAD_REQUEST');
  }
  if (body.operationName !== undefined && body.operationName !== null && typeof body.operationName !== 'string') {
    throw new GraphqlGuardError('Parameter "operationName" must be a string (or null)', 'BAD_REQUEST');
  }
  if (body.variables !== undefined && body.variables !== null && (typeof body.variables !== 'object' || Array.isArray(body.variables))) {
    throw new GraphqlGuardError('Parameter "variables" must be an object (or null)', 'BAD_REQUEST');
  }
}
