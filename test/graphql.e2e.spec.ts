import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ENTITY_TYPES } from '../seed/ontology/types.js';
import { gql } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Every page of a REST list. */
async function restAll(t: TestApp, path: string): Promise<Array<{ slug: string }>> {
  const items: Array<{ slug: string }> = [];
  let cursor: string | null = null;
  do {
    const res: request.Response = await request(t.server).get(path).query({ limit: 100, ...(cursor ? { cursor } : {}) }).expect(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

/** Every page of a GraphQL connection, `first` at a time, following endCursor. */
async function graphqlAll(t: TestApp, field: 'topics' | 'entities', first: number): Promise<string[]> {
  const slugs: string[] = [];
  let after: string | null = null;
  for (;;) {
    const answer = await gql(t, `query ($first: Int, $after: String) { ${field}(first: $first, after: $after) { edges { cursor node { slug } } pageInfo { hasNextPage endCursor } } }`, { first, after });
    expect(answer.body.errors).toBeUndefined();
    const page = answer.body.data![field];
    slugs.push(...page.edges.map((e: { node: { slug: string } }) => e.node.slug));
    if (!page.pageInfo.hasNextPage) return slugs;
    after = page.pageInfo.endCursor;
  }
}

describe('GraphQL entry points', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('answers a topic like REST, and null (no error) for an unknown slug', async () => {
    const rest = (await request(t.server).get('/api/v1/topics/service').expect(200)).body;
    const answer = await gql(t, '{ topic(slug: "service") { slug title level order body lang source { document lineStart lineEnd } children { slug title parent { slug } } snippets { kind content lineStart } entities { slug name type } } missing: topic(slug: "nope") { slug } }');
    expect(answer.body.errors).toBeUndefined();
    const topic = answer.body.data!.topic;
    expect(topic).toMatchObject({ slug: rest.slug, title: rest.title, level: rest.level, order: rest.order, body: rest.body, lang: rest.lang, source: rest.source });
    expect(topic.children.map((c: { title: string }) => c.title)).toEqual(rest.children.map((c: { title: string }) => c.title));
    expect(topic.children.every((c: { parent: { slug: string } }) => c.parent.slug === 'service')).toBe(true);
    expect(topic.snippets.map((s: { content: string }) => s.content)).toEqual(rest.snippets.map((s: { content: string }) => s.content));
    expect(topic.entities.map((e: { slug: string }) => e.slug).sort()).toEqual(rest.entities.map((e: { slug: string }) => e.slug).sort());
    expect(answer.body.data!.missing).toBeNull();
  });

  it('types entities: ServiceType, Probe and Controller fields from the ontology attributes, GenericEntity otherwise', async () => {
    const answer = await gql(t, `{
      headless: entity(slug: "headless") { __typename type ... on ServiceType { allocatesClusterIP dnsRecord externalAccess builtOn } }
      nodeport: entity(slug: "nodeport") { ... on ServiceType { allocatesClusterIP builtOn } }
      liveness: entity(slug: "liveness-probe") { __typename ... on Probe { failureAction mechanisms } }
      deployment: entity(slug: "deployment-controller") { __typename ... on Controller { manager manages } }
      pod: entity(slug: "pod") { __typename type attributes }
    }`);
    expect(answer.body.errors).toBeUndefined();
    const data = answer.body.data!;
    const headlessRest = (await request(t.server).get('/api/v1/entities/headless').expect(200)).body;
    expect(data.headless).toEqual({ __typename: 'ServiceType', type: 'SERVICE_TYPE', ...headlessRest.attributes });
    expect(data.headless.allocatesClusterIP).toBe(false);
    expect(data.nodeport).toEqual({ allocatesClusterIP: true, builtOn: 'ClusterIP' });
    expect(data.liveness.__typename).toBe('Probe');
    expect(data.liveness.mechanisms).toEqual(expect.arrayContaining(['httpGet', 'exec']));
    expect(data.deployment).toMatchObject({ __typename: 'Controller', manager: 'kube-controller-manager' });
    const podRest = (await request(t.server).get('/api/v1/entities/pod').expect(200)).body;
    expect(data.pod).toEqual({ __typename: 'GenericEntity', type: podRest.type, attributes: podRest.attributes });
  });

  it('spells EntityType exactly as REST does', async () => {
    const answer = await gql(t, '{ __type(name: "EntityType") { enumValues { name } } }');
    // The printed schema is sorted, so compare the sets.
    expect(answer.body.data!.__type.enumValues.map((v: { name: string }) => v.name).sort()).toEqual([...ENTITY_TYPES].sort());
    const probes = await gql(t, '{ entities(type: PROBE) { edges { node { slug } } } }');
    const rest = (await request(t.server).get('/api/v1/entities').query({ type: 'PROBE' }).expect(200)).body;
    expect(probes.body.data!.entities.edges.map((e: { node: { slug: string } }) => e.node.slug)).toEqual(rest.items.map((e: { slug: string }) => e.slug));
  });

  it('pages topics and entities as Relay connections, in REST order, resuming from any edge cursor', async () => {
    expect(await graphqlAll(t, 'topics', 7)).toEqual((await restAll(t, '/api/v1/topics')).map((i) => i.slug));
    expect(await graphqlAll(t, 'entities', 13)).toEqual((await restAll(t, '/api/v1/entities')).map((i) => i.slug));
    const page = await gql(t, '{ topics(first: 6) { edges { cursor node { slug } } } }');
    const edges = page.body.data!.topics.edges;
    const resumed = await gql(t, 'query ($after: String) { topics(first: 3, after: $after) { edges { node { slug } } } }', { after: edges[2].cursor });
    expect(resumed.body.data!.topics.edges.map((e: { node: { slug: string } }) => e.node.slug)).toEqual(edges.slice(3).map((e: { node: { slug: string } }) => e.node.slug));
  });

  it('caps first at 100 like REST caps limit, and refuses first < 1 as BAD_USER_INPUT', async () => {
    const capped = await gql(t, '{ entities(first: 1000) { edges { node { slug } } pageInfo { hasNextPage } } }');
    const rest = (await request(t.server).get('/api/v1/entities').query({ limit: 1000 }).expect(200)).body;
    expect(rest.items).toHaveLength(100); // the ontology has more than 100 entities
    expect(capped.body.data!.entities.edges).toHaveLength(100);
    expect(capped.body.data!.entities.pageInfo.hasNextPage).toBe(true);
    const zero = await gql(t, '{ topics(first: 0) { edges { cursor } } }');
    expect(zero.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('maps domain errors to extensions.code: unknown filter BAD_USER_INPUT, unknown neighbors root NOT_FOUND, bad cursor BAD_USER_INPUT', async () => {
    const parent = await gql(t, '{ topics(parent: "nope") { edges { cursor } } }');
    expect(parent.status).toBe(200);
    expect(parent.body.errors![0]).toMatchObject({ path: ['topics'], extensions: { code: 'BAD_USER_INPUT' } });
    const neighbors = await gql(t, '{ neighbors(slug: "nope") { root } }');
    expect(neighbors.body.data).toBeNull();
    expect(neighbors.body.errors![0]).toMatchObject({ path: ['neighbors'], extensions: { code: 'NOT_FOUND' } });
    const cursor = await gql(t, '{ entities(after: "not-a-cursor") { edges { cursor } } }');
    expect(cursor.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('answers neighbors like REST, each node with its whole typed entity', async () => {
    const rest = (await request(t.server).get('/api/v1/entities/headless/neighbors').query({ depth: 2 }).expect(200)).body;
    const answer = await gql(t, '{ neighbors(slug: "headless", depth: 2) { root depth nodes { slug depth entity { __typename name } } edges { from to type } } }');
    expect(answer.body.errors).toBeUndefined();
    const graph = answer.body.data!.neighbors;
    const key = (e: { from: string; to: string; type: string }) => `${e.from} ${e.type} ${e.to}`;
    expect(graph.nodes.map((n: { slug: string }) => n.slug).sort()).toEqual(rest.nodes.map((n: { slug: string }) => n.slug).sort());
    expect(graph.edges.map(key).sort()).toEqual(rest.edges.map(key).sort());
    expect(graph.nodes.find((n: { slug: string }) => n.slug === 'headless').entity.__typename).toBe('ServiceType');
    expect((await gql(t, '{ neighbors(slug: "headless", depth: 4) { root } }')).body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('answers relations (loaded per level) as REST lists them, with the entity at the other end', async () => {
    const answer = await gql(t, '{ topic(slug: "service") { entities { slug relations { type direction entity { slug } evidence } } } }');
    const entities = answer.body.data!.topic.entities as Array<{ slug: string; relations: unknown[] }>;
    expect(entities.some((e) => e.relations.length > 0)).toBe(true);
    for (const entity of entities) {
      const rest = (await request(t.server).get(`/api/v1/entities/${entity.slug}`).expect(200)).body;
      expect(entity.relations).toEqual(rest.relations.map((r: { type: string; direction: string; entity: { slug: string }; evidence: string[] }) => ({
        type: r.type, direction: r.direction.toUpperCase(), entity: { slug: r.entity.slug }, evidence: r.evidence,
      })));
    }
  });

  it('searches and retrieves like REST', async () => {
    const rest = (await request(t.server).get('/api/v1/search').query({ q: '无头服务', limit: 5 }).expect(200)).body;
    const answer = await gql(t, '{ search(query: "无头服务", limit: 5) { backend hits { kind slug score topic { title } } } }');
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.search.hits.map((h: { slug: string }) => h.slug)).toEqual(rest.hits.map((h: { slug: string }) => h.slug));
    const entitiesOnly = await gql(t, '{ search(query: "probe", kinds: [ENTITY]) { hits { kind } } }');
    expect(entitiesOnly.body.data!.search.hits.length).toBeGreaterThan(0);
    expect(entitiesOnly.body.data!.search.hits.every((h: { kind: string }) => h.kind === 'ENTITY')).toBe(true);

    const passages = (await request(t.server).post('/api/v1/retrieve').send({ query: 'headless service', topK: 3 }).expect(200)).body.passages;
    const retrieved = await gql(t, '{ retrieve(query: "headless service", topK: 3) { id topicSlug text citation { document documentSlug lineStart lineEnd } entities { slug } } }');
    expect(retrieved.body.errors).toBeUndefined();
    expect(retrieved.body.data!.retrieve).toEqual(passages.map((p: { id: string; topicSlug: string; text: string; citation: unknown; entities: Array<{ slug: string }> }) => ({
      id: p.id, topicSlug: p.topicSlug, text: p.text, citation: p.citation, entities: p.entities.map((e) => ({ slug: e.slug })),
    })));
    expect((await gql(t, '{ search(query: "   ") { backend } }')).body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('retrieval takes every argument REST takes and answers REST\'s whole shape', async () => {
    const body = { query: 'service 探针', topK: 6, maxChars: 3000, scoreThreshold: 0.2, types: ['PROBE'] };
    const rest = (await request(t.server).post('/api/v1/retrieve').send(body).expect(200)).body;
    expect(rest.passages.length).toBeGreaterThan(0);
    const answer = await gql(t, `query($query: String!, $topK: Int, $maxChars: Int, $scoreThreshold: Float, $types: [EntityType!]) {
      retrieval(query: $query, topK: $topK, maxChars: $maxChars, scoreThreshold: $scoreThreshold, types: $types) {
        query backend passages { id topicSlug title text score kind headingPath previous next citation { document documentSlug lineStart lineEnd } entities { slug name type } }
      }
      retrieve(query: $query, topK: $topK, maxChars: $maxChars, scoreThreshold: $scoreThreshold, types: $types) { id }
    }`, body);
    expect(answer.body.errors).toBeUndefined();
    const { retrieval, retrieve } = answer.body.data! as { retrieval: { passages: Array<{ kind: string }> }; retrieve: Array<{ id: string }> };
    // GraphQL enum values are upper case; everything else is REST's answer field for field.
    expect({ ...retrieval, passages: retrieval.passages.map((p) => ({ ...p, kind: p.kind.toLowerCase() })) })
      .toEqual({ ...rest, passages: rest.passages.map(({ warnings: _w, ...p }: { warnings?: unknown }) => p) });
    expect(retrieve.map((p) => p.id)).toEqual(rest.passages.map((p: { id: string }) => p.id));
    expect(rest.passages.every((p: { score: number }) => p.score >= 0.2)).toBe(true);
  });

  it('search takes REST\'s filters under GraphQL names, with the same checks and the same 400 extensions', async () => {
    const rest = (await request(t.server).get('/api/v1/search').query({ q: 'probe', kind: 'entity,topic', type: 'PROBE', limit: 7 }).expect(200)).body;
    const answer = await gql(t, '{ search(query: "  probe ", kinds: [ENTITY, TOPIC], types: [PROBE], limit: 7) { query backend hits { kind slug title score highlight topicSlug } } }');
    expect(answer.body.errors).toBeUndefined();
    const search = answer.body.data!.search as { hits: Array<{ kind: string }> };
    expect({ ...search, hits: search.hits.map((h) => ({ ...h, kind: h.kind.toLowerCase() })) }).toEqual(rest);
    const empty = await gql(t, '{ search(query: "probe", kinds: []) { backend } }');
    expect(empty.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', param: 'kind', allowed: ['topic', 'entity', 'snippet'] });
    await request(t.server).get('/api/v1/search').query({ q: 'probe', kind: '' }).expect(400);
    const long = await gql(t, 'query($q: String!) { search(query: $q) { backend } }', { q: 'x'.repeat(501) });
    expect(long.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(long.body.errors![0]!.message).toContain('q (GraphQL: query)');
  });
});
