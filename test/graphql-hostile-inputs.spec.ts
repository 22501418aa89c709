import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { gql } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * GraphQL's door against the values REST's hostile-input table sends (test/rest/hostile-inputs.spec.ts):
 * every argument of every read, given each value through a variable, is answered with a coded
 * client error or data — never INTERNAL_SERVER_ERROR, never a 5xx.
 */
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const STRINGS: Array<[string, string]> = [
  ['empty', ''],
  ['10 000 characters', 'a'.repeat(10_000)],
  ['unicode', '无头服务 🚀'],
  ['a NUL byte', 'a\u0000b'],
  ['a lone surrogate', 'a\ud800b'],
  ['a control character', 'a\u0007b'],
  ['SQL', "'; DROP TABLE topics; --"],
  ['a path', '../../etc/passwd'],
  ['LIKE wildcards', '%_\\'],
  ['JSON', '{"s":"a"}'],
  ['a cursor with a huge key', b64({ d: 1e308, p: 0 })],
  ['a cursor with a float key', b64({ d: 1.5, p: 0 })],
  ['a cursor with a long slug', b64({ s: 'z'.repeat(5000) })],
  ['a cursor of the wrong shape', b64([1, 2])],
];
const INTS: Array<[string, number]> = [['zero', 0], ['negative', -1], ['huge', 2_147_483_647], ['past a page', 100_000]];

/** [name, operation with $v, the variable's GraphQL type]. */
const STRING_ARGUMENTS: Array<[string, string]> = [
  ['topic(slug)', 'query($v: String!) { topic(slug: $v) { slug } }'],
  ['entity(slug)', 'query($v: String!) { entity(slug: $v) { slug } }'],
  ['document(slug)', 'query($v: String!) { document(slug: $v) { slug } }'],
  ['topics(parent)', 'query($v: String) { topics(parent: $v) { edges { cursor } } }'],
  ['topics(entity)', 'query($v: String) { topics(entity: $v) { edges { cursor } } }'],
  ['topics(after)', 'query($v: String) { topics(after: $v) { edges { cursor } } }'],
  ['entities(q)', 'query($v: String) { entities(q: $v) { edges { cursor } } }'],
  ['entities(after)', 'query($v: String) { entities(after: $v) { edges { cursor } } }'],
  ['documents(after)', 'query($v: String) { documents(after: $v) { edges { cursor } } }'],
  ['neighbors(slug)', 'query($v: String!) { neighbors(slug: $v) { root } }'],
  ['compare(entities)', 'query($v: String!) { compare(entities: [$v, "clusterip"]) { attributes { name } } }'],
  ['search(query)', 'query($v: String!) { search(query: $v) { backend } }'],
  ['retrieve(query)', 'query($v: String!) { retrieve(query: $v) { text } }'],
  ['retrieval(query)', 'query($v: String!) { retrieval(query: $v) { backend passages { text } } }'],
];

const INT_ARGUMENTS: Array<[string, string]> = [
  ['topics(first)', 'query($v: Int) { topics(first: $v) { edges { cursor } } }'],
  ['entities(first)', 'query($v: Int) { entities(first: $v) { edges { cursor } } }'],
  ['documents(first)', 'query($v: Int) { documents(first: $v) { edges { cursor } } }'],
  ['neighbors(depth)', 'query($v: Int) { neighbors(slug: "clusterip", depth: $v) { root } }'],
  ['Topic.related(limit)', 'query($v: Int) { topic(slug: "service") { related(limit: $v) { score } } }'],
  ['search(limit)', 'query($v: Int) { search(query: "pod", limit: $v) { backend } }'],
  ['retrieve(topK)', 'query($v: Int) { retrieve(query: "pod", topK: $v) { text } }'],
  ['retrieve(maxChars)', 'query($v: Int) { retrieve(query: "pod", maxChars: $v) { text } }'],
  ['retrieval(topK)', 'query($v: Int) { retrieval(query: "pod", topK: $v) { backend } }'],
];

/** Floats and lists: retrieve's scoreThreshold, the enum lists of search and retrieve. */
const OTHER_ARGUMENTS: Array<[string, string, unknown[]]> = [
  ['retrieve(scoreThreshold)', 'query($v: Float) { retrieve(query: "pod", scoreThreshold: $v) { text } }', [-1, 1.5, 1e308, 0, 1]],
  ['retrieve(types)', 'query($v: [EntityType!]) { retrieve(query: "pod", types: $v) { text } }', [[], ['NOPE'], ['PROBE', 'PROBE'], Array(1000).fill('PROBE')]],
  ['search(kinds)', 'query($v: [SearchKind!]) { search(query: "pod", kinds: $v) { backend } }', [[], ['BANANA'], ['topic'], Array(1000).fill('TOPIC')]],
  ['search(types)', 'query($v: [EntityType!]) { search(query: "pod", types: $v) { backend } }', [[], ['probe'], Array(1000).fill('PROBE')]],
];

function expectNoInternalError(name: string, answer: { status: number; body: { errors?: Array<{ extensions?: { code?: string } }> } }): void {
  const codes = (answer.body.errors ?? []).map((e) => e.extensions?.code);
  expect({ name, status: answer.status < 500, internal: codes.includes('INTERNAL_SERVER_ERROR'), uncoded: codes.includes(undefined) })
    .toEqual({ name, status: true, internal: false, uncoded: false });
}

describe('GraphQL hostile input never gets an internal error', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 180_000);
  afterAll(() => t.close());

  it.each(STRING_ARGUMENTS)('%s with every hostile string', async (name, query) => {
    for (const [label, value] of STRINGS) expectNoInternalError(`${name} ← ${label}`, await gql(t, query, { v: value }));
  });

  it.each(INT_ARGUMENTS)('%s with every hostile number', async (name, query) => {
    for (const [label, value] of INTS) expectNoInternalError(`${name} ← ${label}`, await gql(t, query, { v: value }));
  });

  it.each(OTHER_ARGUMENTS)('%s with out-of-range and odd values', async (name, query, values) => {
    for (const value of values) expectNoInternalError(`${name} ← ${JSON.stringify(value).slice(0, 40)}`, await gql(t, query, { v: value }));
  });

  it('refuses what REST refuses with the same class of error', async () => {
    // A NUL in a slug: REST 400, GraphQL BAD_USER_INPUT.
    await request(t.server).get('/api/v1/topics/a%00b').expect(400);
    expect((await gql(t, '{ topic(slug: "a\\u0000b") { slug } }')).body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    // A cursor the API did not make: 400 and BAD_USER_INPUT.
    await request(t.server).get('/api/v1/entities?cursor=nope').expect(400);
    expect((await gql(t, '{ entities(after: "nope") { edges { cursor } } }')).body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    // An unknown entity to compare: 404 and NOT_FOUND.
    await request(t.server).get('/api/v1/compare?entities=clusterip,no-such').expect(404);
    expect((await gql(t, '{ compare(entities: ["clusterip", "no-such"]) { attributes { name } } }')).body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    // A depth out of range: 400 and BAD_USER_INPUT.
    await request(t.server).get('/api/v1/entities/clusterip/neighbors?depth=9').expect(400);
    expect((await gql(t, '{ neighbors(slug: "clusterip", depth: 9) { root } }')).body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    // Search and retrieve: the same checks through both doors.
    const sameClass: Array<[string, () => request.Test, string, Record<string, unknown>]> = [
      ['a blank query', () => request(t.server).get('/api/v1/search?q=%20%20'), 'query($v: String!) { search(query: $v) { backend } }', { v: '  ' }],
      ['a limit of 51', () => request(t.server).get('/api/v1/search?q=pod&limit=51'), '{ search(query: "pod", limit: 51) { backend } }', {}],
      ['an empty question', () => request(t.server).post('/api/v1/retrieve').send({ query: '' }), 'query($v: String!) { retrieve(query: $v) { text } }', { v: '' }],
      ['topK 21', () => request(t.server).post('/api/v1/retrieve').send({ query: 'pod', topK: 21 }), '{ retrieve(query: "pod", topK: 21) { text } }', {}],
      ['scoreThreshold 2', () => request(t.server).post('/api/v1/retrieve').send({ query: 'pod', scoreThreshold: 2 }), '{ retrieval(query: "pod", scoreThreshold: 2) { backend } }', {}],
      ['maxChars 10', () => request(t.server).post('/api/v1/retrieve').send({ query: 'pod', maxChars: 10 }), '{ retrieval(query: "pod", maxChars: 10) { backend } }', {}],
    ];
    for (const [label, rest, query, variables] of sameClass) {
      expect({ label, status: (await rest()).status }).toEqual({ label, status: 400 });
      expect({ label, code: (await gql(t, query, variables)).body.errors?.[0]?.extensions?.code }).toEqual({ label, code: 'BAD_USER_INPUT' });
    }
  });
});
