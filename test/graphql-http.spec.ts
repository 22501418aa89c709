import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getIntrospectionQuery } from 'graphql';
import { serverAudits } from 'graphql-http';
import request from 'supertest';
import { GRAPHQL_LIMITS } from '../apps/api/src/graphql/guards/limits.js';
import { gql } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Nested selections `depth` levels deep, through real fields (topic → parent → parent …). */
function nested(depth: number): string {
  let inner = 'slug';
  for (let level = 2; level < depth; level++) inner = `parent { ${inner} }`;
  return `{ topic(slug: "service") { ${inner} } }`;
}

let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' }); // graphql-http's audits need a real URL
  url = `${await t.app.getUrl()}/graphql`;
}, 120_000);
afterAll(() => t?.close());

describe('GraphQL guards: refused before execution with a coded error and 400', () => {
  it(`allows depth ${GRAPHQL_LIMITS.maxDepth} and refuses ${GRAPHQL_LIMITS.maxDepth + 1}`, async () => {
    const ok = await gql(t, nested(GRAPHQL_LIMITS.maxDepth));
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
    const deep = await gql(t, nested(GRAPHQL_LIMITS.maxDepth + 1), undefined, 'application/graphql-response+json');
    expect(deep.status).toBe(400);
    expect(deep.body).not.toHaveProperty('data');
    expect(deep.body.errors![0]!.extensions!.code).toBe('QUERY_TOO_DEEP');
    expect(deep.body.errors![0]!.message).toMatch(/depth limit of 8/);
  });

  it('lets the explorer introspect the schema however deep introspection nests', async () => {
    const answer = await gql(t, getIntrospectionQuery());
    expect(answer.status).toBe(200);
    expect(answer.body.data!.__schema.queryType.name).toBe('Query');
  });

  it(`allows ${GRAPHQL_LIMITS.maxAliases} aliases and refuses more, fragments included`, async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: __type(name: "Topic") { name }`).join(' ');
    expect((await gql(t, `{ ${aliases(GRAPHQL_LIMITS.maxAliases)} }`)).status).toBe(200);
    const many = await gql(t, `{ ...F b: __typename } fragment F on Query { ${aliases(GRAPHQL_LIMITS.maxAliases)} }`);
    expect(many.status).toBe(400);
    expect(many.body.errors![0]!.extensions!.code).toBe('TOO_MANY_ALIASES');
  });

  it('refuses a query whose estimated cost is over the limit, page sizes from variables included', async () => {
    const costly = 'query ($n: Int) { topics(first: $n) { edges { node { children { entities { topics { entities { slug } } } } } } } }';
    const cheap = await gql(t, costly, { n: 1 });
    expect(cheap.status).toBe(200);
    expect(cheap.body.errors).toBeUndefined();
    const refused = await gql(t, costly, { n: 100 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: GRAPHQL_LIMITS.maxCost });
    expect(refused.body.errors![0]!.extensions!.cost).toBeGreaterThan(GRAPHQL_LIMITS.maxCost);
  });

  it(`refuses documents of more than ${GRAPHQL_LIMITS.maxTokens} tokens while parsing`, async () => {
    const answer = await gql(t, `{ ${'__typename '.repeat(GRAPHQL_LIMITS.maxTokens)} }`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(answer.body.errors![0]!.message).toMatch(/tokens/);
  });

  it(`refuses bodies over ${GRAPHQL_LIMITS.maxBodyBytes} bytes with 413 and a GraphQL error`, async () => {
    const query = `{ __typename }${' '.repeat(GRAPHQL_LIMITS.maxBodyBytes)}`;
    const res = await request(t.server).post('/graphql').set('accept', 'application/json').send({ query });
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers wrongly typed parameters with 400, never 500', async () => {
    for (const body of [{ query: 0 }, { query: true }, { query: { kind: 'Document' } }, { query: '{ __typename }', variables: 0 }, { query: '{ __typename }', variables: [1] }]) {
      const res = await request(t.server).post('/graphql').set('accept', 'application/json').send(body);
      expect([res.status, res.body.errors?.[0]?.extensions?.code]).toEqual([400, 'BAD_REQUEST']);
    }
  });

  it('refuses batched queries (an array body)', async () => {
    const res = await request(t.server).post('/graphql').set('accept', 'application/json').send([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(res.status).toBe(400);
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(res.body.data).toBeUndefined();
  });
});

describe('GraphQL over HTTP', () => {
  // SHOULDs this server does not follow, on purpose: request errors (parse,
  // validation, variables) answer 400 whatever the Accept, so a refused hostile
  // query is never a 200. graphql-http asks for 200 when the client accepts only application/json.
  const KNOWN_SHOULD_FAILURES = ['572B', 'FDE2', '7B9B'];

  it('passes every MUST of graphql-http’s server audits', async () => {
    const results = await Promise.all(serverAudits({ url }).map((audit) => audit.fn()));
    const failures = results.filter((r) => r.status !== 'ok').map((r) => ({ id: r.id, name: r.name, status: r.status, reason: 'reason' in r ? r.reason : '' }));
    expect(failures.filter((f) => f.status === 'error')).toEqual([]);
    expect(failures.filter((f) => f.status === 'warn').map((f) => f.id).sort()).toEqual([...KNOWN_SHOULD_FAILURES].sort());
    // The MAYs too: wrongly typed parameters are a 400, never a 500.
    expect(failures.filter((f) => f.status === 'notice')).toEqual([]);
  });

  it('answers application/graphql-response+json to clients that prefer it, application/json otherwise', async () => {
    const preferred = await gql(t, '{ __typename }', undefined, 'application/graphql-response+json, application/json;q=0.9');
    expect(preferred.contentType).toBe('application/graphql-response+json; charset=utf-8');
    expect((await gql(t, '{ __typename }', undefined, '*/*')).contentType).toBe('application/json; charset=utf-8');
  });

  it('serves the explorer page to a browser GET and GraphQL to a GET with a query', async () => {
    const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const page = await request(t.server).get('/graphql').set('accept', browserAccept).expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('graphiql.min.js');
    const answer = await request(t.server).get('/graphql').query({ query: '{ topic(slug: "service") { title } }' }).set('accept', browserAccept).expect(200);
    expect(answer.body).toEqual({ data: { topic: { title: 'service' } } });
    const script = await request(t.server).get('/graphql/explorer/graphiql.min.js').expect(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toMatch(/max-age=\d+/);
    await request(t.server).get('/graphql/explorer/graphiql.min.js').set('if-none-match', script.headers.etag!).expect(304);
    await request(t.server).get('/graphql/explorer/package.json').expect(404);
  });
});
