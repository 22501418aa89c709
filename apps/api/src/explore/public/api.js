// The public API only: REST under /api/v1 and GraphQL at /graphql, same origin.

export class ApiError extends Error {}

async function json(response) {
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(body?.detail ?? `${response.status} ${response.statusText}`);
  return body;
}

const get = (path) => fetch(path, { headers: { accept: 'application/json' } }).then(json);

async function graphql(query, variables) {
  const body = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  }).then(json);
  if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

// REST's entity has no citations on its topics; GraphQL's Topic has `source`, so one query gives both.
const ENTITY_QUERY = `query ExploreEntity($slug: String!) {
  entity(slug: $slug) {
    slug name type description aliases attributes
    relations { type direction evidence entity { slug name type } }
    topics { slug title source { document lineStart lineEnd } }
  }
}`;

const slugPath = (slug) => encodeURIComponent(slug);

export const api = {
  /** `{ nodes: [{ id, kind, slug, label, type }], edges: [{ from, to, type, evidence }] }`, entities only. */
  graph: () => get('/api/v1/graph?format=json'),
  neighbors: (slug, depth) => get(`/api/v1/entities/${slugPath(slug)}/neighbors?depth=${depth}`),
  topic: (slug) => get(`/api/v1/topics/${slugPath(slug)}`),
  /** @param kind 'entity', 'topic' or both, comma-separated */
  search: (q, kind, limit) => get(`/api/v1/search?${new URLSearchParams({ q, kind, limit: String(limit) })}`),
  /** The entity with relations and its topics' citations; null when there is none. */
  entity: async (slug) => (await graphql(ENTITY_QUERY, { slug })).entity,
  topicUrl: (slug) => `/api/v1/topics/${slugPath(slug)}`,
};
