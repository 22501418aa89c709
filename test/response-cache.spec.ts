import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { IngestService } from '../apps/api/src/ingest/ingest.service.js';
import { SearchService } from '../apps/api/src/search/search.service.js';
import { gql } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Each app seeds the notes at start-up, slow on embedded PGlite under a loaded machine. */
const START_TIMEOUT_MS = 180000;
const ORIGIN = 'https://notes.example';

/** The response cache's own counters, read from /metrics. */
async function cacheCounts(t: TestApp): Promise<{ hit: number; miss: number }> {
  const text = (await request(t.server).get('/metrics').expect(200)).text;
  const count = (result: string) => Number(new RegExp(`http_response_cache_total\\{result="${result}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  return { hit: count('hit'), miss: count('miss') };
}

describe('response cache (on, the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: ORIGIN });
  }, START_TIMEOUT_MS);
  afterAll(() => t.close());

  it('answers a repeated GET from the cache with the same bytes, ETag and per-request headers', async () => {
    const before = await cacheCounts(t);
    const first = await request(t.server).get('/api/v1/topics/service').set('origin', ORIGIN).expect(200);
    const second = await request(t.server).get('/api/v1/topics/service').set('origin', ORIGIN).expect(200);
    expect(await cacheCounts(t)).toEqual({ hit: before.hit + 1, miss: before.miss + 1 });

    expect(second.text).toBe(first.text);
    expect(first.headers.etag).toMatch(/^"[0-9a-f]+-[\w+/]+"$/);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    // Set per request, not replayed from the cache.
    expect(second.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(Number(second.headers['x-ratelimit-remaining'])).toBe(Number(first.headers['x-ratelimit-remaining']) - 1);
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
  });

  it('answers 304 without a body to a client that holds the current ETag, and 200 to one holding another', async () => {
    const { headers } = await request(t.server).get('/api/v1/entities/headless').expect(200);
    const notModified = await request(t.server).get('/api/v1/entities/headless').set('if-none-match', headers.etag).expect(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.etag).toBe(headers.etag);
    expect(notModified.headers['x-content-type-options']).toBe('nosniff');
    await request(t.server).get('/api/v1/entities/headless').set('if-none-match', '"0-stale"').expect(200);
    // A different URL is a different answer.
    const other = await request(t.server).get('/api/v1/entities/clusterip').set('if-none-match', headers.etag).expect(200);
    expect(other.headers.etag).not.toBe(headers.etag);
  });

  it('keeps answers with their own content type (the graph as DOT)', async () => {
    const first = await request(t.server).get('/api/v1/graph').query({ format: 'dot' }).expect(200);
    const second = await request(t.server).get('/api/v1/graph').query({ format: 'dot' }).expect(200);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers['content-type']).toMatch(/^text\/vnd\.graphviz/);
    expect(second.text).toBe(first.text);
  });

  it('never keeps an error answer', async () => {
    const before = await cacheCounts(t);
    await request(t.server).get('/api/v1/topics/not-yet-written').expect(404);
    await request(t.server).get('/api/v1/topics/not-yet-written').expect(404);
    expect((await cacheCounts(t)).miss).toBe(before.miss + 2);
  });

  it('serves what the last ingest wrote: topics, search answers and GraphQL answers', async () => {
    const ingest = t.app.get(IngestService);
    const graphqlQuery = '{ topic(slug: "rc-probe") { body } }';
    await ingest.ingest('rc.md', '# RC probe\n\nOld words about a liveness probe.\n');
    const topic = async () => request(t.server).get('/api/v1/topics/rc-probe').expect(200);
    const hits = async () => (await request(t.server).get('/api/v1/search').query({ q: 'zyxwcachedword' }).expect(200)).body.hits;
    const graphql = async () => (await gql(t, graphqlQuery)).body.data!.topic.body as string;

    const old = await topic();
    expect((await topic()).headers.etag).toBe(old.headers.etag);
    expect(await hits()).toEqual([]);
    expect(await hits()).toEqual([]);
    expect(await graphql()).toContain('Old words');
    expect(await graphql()).toContain('Old words');

    await ingest.ingest('rc.md', '# RC probe\n\nNew words: zyxwcachedword.\n');
    const fresh = await topic();
    expect(fresh.body.body).toContain('New words');
    expect(fresh.headers.etag).not.toBe(old.headers.etag);
    expect((await hits()).map((h: { slug: string }) => h.slug)).toContain('rc-probe');
    expect(await graphql()).toContain('New words');
  }, 60_000);

  it('drops cached answers when the search index is rebuilt, even without a database write', async () => {
    // Ingest commits, then rebuilds the index: a search in between is answered by the old index.
    const search = () => request(t.server).get('/api/v1/search').query({ q: 'rebuild probe' }).expect(200);
    await search();
    const before = await cacheCounts(t);
    await search();
    expect((await cacheCounts(t)).hit).toBe(before.hit + 1);
    await t.app.get(SearchService).rebuild('test');
    await search();
    expect((await cacheCounts(t)).miss).toBe(before.miss + 1);
  });

  it('answers a repeated GraphQL query from the cache, but never one whose answer has errors', async () => {
    const query = 'query One($slug: String!) { topic(slug: $slug) { slug title } }';
    const before = await cacheCounts(t);
    const first = await gql(t, query, { slug: 'service' });
    const second = await gql(t, query, { slug: 'service' });
    expect(second.body).toEqual(first.body);
    const other = await gql(t, query, { slug: 'headless' });
    expect(other.body.data!.topic?.slug ?? null).not.toBe('service');
    expect(await cacheCounts(t)).toEqual({ hit: before.hit + 1, miss: before.miss + 2 });

    // Content negotiation still runs on a cached answer.
    const negotiated = await gql(t, query, { slug: 'service' }, 'application/graphql-response+json');
    expect(negotiated.contentType).toMatch(/^application\/graphql-response\+json/);

    const broken = '{ neighbors(slug: "no-such-entity") { nodes { slug } } }';
    const failing = await gql(t, broken);
    expect(failing.body.errors?.length).toBeGreaterThan(0);
    const misses = (await cacheCounts(t)).miss;
    await gql(t, broken);
    expect((await cacheCounts(t)).miss).toBe(misses + 1);
  });
});

describe('response cache and rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
  }, START_TIMEOUT_MS);
  afterAll(() => t.close());

  it('counts cached answers against the limit like any other', async () => {
    for (let i = 0; i < 3; i++) await request(t.server).get('/api/v1/topics/service').expect(200);
    const limited = await request(t.server).get('/api/v1/topics/service').expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('response cache off (RESPONSE_CACHE_ENTRIES=0)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RESPONSE_CACHE_ENTRIES: '0' });
  }, START_TIMEOUT_MS);
  afterAll(() => t.close());

  it('computes every answer and sends no ETag', async () => {
    const first = await request(t.server).get('/api/v1/topics/service').expect(200);
    const second = await request(t.server).get('/api/v1/topics/service').expect(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.etag).toBeUndefined();
    await gql(t, '{ topic(slug: "service") { slug } }');
    expect(await cacheCounts(t)).toEqual({ hit: 0, miss: 0 });
  });
});
