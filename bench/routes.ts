import type { RouteRequest } from './load.js';

export const TOPIC_SLUG = 'service';
export const SEARCH_QUERY = '无头服务';

/** The same fields the REST topic answer carries, so the two doors do the same work. */
export const TOPIC_QUERY = `query Topic($slug: String!) {
  topic(slug: $slug) {
    slug title level parentSlug order body lang
    source { document lineStart lineEnd }
    snippets { kind content lineStart lineEnd manifest { apiVersion kind name deprecated { replacement removedIn note } } }
    entities { slug name type }
    children { slug title level parentSlug order }
  }
}`;

export const TOPIC: RouteRequest = { name: 'topic (REST)', method: 'GET', path: `/api/v1/topics/${TOPIC_SLUG}` };
export const GRAPHQL_TOPIC: RouteRequest = {
  name: 'topic (GraphQL)',
  method: 'POST',
  path: '/graphql',
  body: { query: TOPIC_QUERY, variables: { slug: TOPIC_SLUG } },
};
export const SEARCH: RouteRequest = { name: 'search', method: 'GET', path: `/api/v1/search?q=${encodeURIComponent(SEARCH_QUERY)}` };
export const RETRIEVE: RouteRequest = { name: 'retrieve', method: 'POST', path: '/api/v1/retrieve', body: { query: SEARCH_QUERY, topK: 5 } };

export const SERVICE_ROUTES = [TOPIC, SEARCH, GRAPHQL_TOPIC, RETRIEVE];
