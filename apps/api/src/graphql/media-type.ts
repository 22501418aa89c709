import Negotiator from 'negotiator';

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const JSON_TYPE = 'application/json';
export const HTML_TYPE = 'text/html';

/**
 * What a /graphql client prefers, by its Accept header (q-values, wildcards).
 * application/json first: GraphQL over HTTP says a missing Accept or `*` / `*`
 * means JSON, and browsers' text/html wins only when they ask for it by name.
 */
export function preferredMediaType(accept: string | undefined): string | undefined {
  if (!accept) return JSON_TYPE;
  return new Negotiator({ headers: { accept } }).mediaType([JSON_TYPE, GRAPHQL_RESPONSE_JSON, HTML_TYPE]);
}
