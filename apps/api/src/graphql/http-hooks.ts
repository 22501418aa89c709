import type { FastifyReply, FastifyRequest } from 'fastify';
import { GRAPHQL_RESPONSE_JSON, HTML_TYPE, preferredMediaType } from '../media-type.js';
import { EXPLORER_HTML } from './explorer-assets.js';

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
