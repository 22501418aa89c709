import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { VersionedCache } from '../apps/api/src/common/versioned-cache.js';
import { IngestService } from '../apps/api/src/ingest/ingest.service.js';
import { gql } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('VersionedCache', () => {
  it('serves a stored value until the version moves, then loads again', async () => {
    let version = 0;
    let loads = 0;
    const cache = new VersionedCache<string>(() => version);
    const load = async () => `value ${++loads}`;
    expect(await cache.get('a', load)).toBe('value 1');
    expect(await cache.get('a', load)).toBe('value 1');
    version++;
    expect(await cache.get('a', load)).toBe('value 2');
  });

  it('never keeps a value whose load overlapped a write', async () => {
    let version = 0;
    const cache = new VersionedCache<string>(() => version);
    const stale = cache.get('a', async () => {
      version++; // a write commits while this load is still reading
      return 'old';
    });
    expect(await stale).toBe('old');
    expect(await cache.get('a', async () => 'new')).toBe('new');
    expect(cache.size).toBe(1);
  });

  it('getMany loads only the keys it does not hold, and answers in key order', async () => {
    let version = 0;
    const asked: string[][] = [];
    const cache = new VersionedCache<string>(() => version);
    const loadMany = async (keys: string[]) => (asked.push(keys), keys.map((k) => `${k}@${version}`));
    expect(await cache.getMany(['a', 'b'], loadMany)).toEqual(['a@0', 'b@0']);
    expect(await cache.getMany(['c', 'a', 'b'], loadMany)).toEqual(['c@0', 'a@0', 'b@0']);
    version++;
    expect(await cache.getMany(['b'], loadMany)).toEqual(['b@1']);
    expect(asked).toEqual([['a', 'b'], ['c'], ['b']]);
  });

  it('drops the least recently used entry beyond its bound', async () => {
    const cache = new VersionedCache<string>(() => 0, { maxEntries: 2 });
    await cache.get('a', async () => 'a');
    await cache.get('b', async () => 'b');
    await cache.get('a', async () => 'unused'); // a is now the most recent
    await cache.get('c', async () => 'c');
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => 'reloaded')).toBe('a');
    expect(await cache.get('b', async () => 'reloaded')).toBe('reloaded');
  });

  it('expires entries after maxAgeMs, so writes by other processes are seen', async () => {
    let now = 1000;
    const cache = new VersionedCache<string>(() => 0, { maxEntries: 10, maxAgeMs: 5000, now: () => now });
    await cache.get('a', async () => 'old');
    now += 4999;
    expect(await cache.get('a', async () => 'new')).toBe('old');
    now += 1;
    expect(await cache.get('a', async () => 'new')).toBe('new');
    now += 5000;
    expect(await cache.getMany(['a'], async () => ['newer'])).toEqual(['newer']);
  });
  it('peek answers only what put stored at the current version; put ignores a value loaded before a write', () => {
    let version = 3;
    const cache = new VersionedCache<string>(() => version);
    expect(cache.peek('a')).toBeUndefined();
    cache.put('a', 3, 'three');
    expect(cache.peek('a')).toBe('three');
    cache.put('b', 2, 'loaded before the write');
    expect(cache.peek('b')).toBeUndefined();
    version++;
    expect(cache.peek('a')).toBeUndefined();
  });

  it('keeps the total weight under maxWeight, dropping the least recently used, and never keeps a value heavier than that', () => {
    const cache = new VersionedCache<string>(() => 0, { maxWeight: 10, weigh: (value) => value.length });
    cache.put('a', 0, 'aaaa');
    cache.put('b', 0, 'bbbb');
    cache.peek('a'); // b is now the least recently used
    cache.put('c', 0, 'cccc');
    expect([cache.peek('a'), cache.peek('b'), cache.peek('c')]).toEqual(['aaaa', undefined, 'cccc']);
    expect(cache.totalWeight).toBe(8);
    cache.put('a', 0, 'a'); // replacing an entry replaces its weight
    expect(cache.totalWeight).toBe(5);
    cache.put('huge', 0, 'x'.repeat(11));
    expect(cache.peek('huge')).toBeUndefined();
    expect(cache.totalWeight).toBe(5);
  });
});

describe('reads after ingest (read-through caches)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  }, 120_000);
  afterAll(() => app?.close());

  it('answers what the last ingest stored: changed, removed and new topics', async () => {
    const server = app.server;
    const ingest = app.app.get(IngestService);
    await request(server).get('/api/v1/topics/cache-probe').expect(404);
    await ingest.ingest('cache.md', '# Cache probe\n\nFirst text about a liveness probe.\n\n## Cache child\nChild text.\n');
    const first = (await request(server).get('/api/v1/topics/cache-probe').expect(200)).body;
    expect(first.body).toContain('First text');
    expect(first.children.map((c: { slug: string }) => c.slug)).toEqual(['cache-child']);
    await request(server).get('/api/v1/topics/cache-child').expect(200);

    await ingest.ingest('cache.md', '# Cache probe\n\nSecond text about a readiness probe.\n');
    const second = (await request(server).get('/api/v1/topics/cache-probe').expect(200)).body;
    expect(second.body).toContain('Second text');
    expect(second.children).toEqual([]);
    const entities = second.entities.map((e: { slug: string }) => e.slug);
    expect(entities).toContain('readiness-probe');
    expect(entities).not.toContain('liveness-probe');
    await request(server).get('/api/v1/topics/cache-child').expect(404);
  }, 60_000);

  it('answers a repeated search (memoised per index) from the index the last ingest built', async () => {
    const server = app.server;
    const search = async () => (await request(server).get('/api/v1/search').query({ q: 'quuxcachetest' }).expect(200)).body.hits;
    expect(await search()).toEqual([]);
    expect(await search()).toEqual([]);
    await app.app.get(IngestService).ingest('search-cache.md', '# Quux\n\nThe word quuxcachetest appears here only.\n');
    expect((await search()).map((h: { slug: string }) => h.slug)).toContain('quux');
  }, 60_000);

  it('answers GraphQL nested fields (cached across requests by the loaders) as the last ingest stored', async () => {
    const ingest = app.app.get(IngestService);
    const query = `query { topic(slug: "gql-probe") { body children { slug body } entities { slug } } }`;
    await ingest.ingest('gql.md', '# GQL probe\n\nAbout a liveness probe.\n\n## GQL child\nOld child text.\n');
    const first = (await gql(app, query)).body.data!.topic;
    expect(first.children).toEqual([{ slug: 'gql-child', body: expect.stringContaining('Old child text') }]);
    expect(first.entities.map((e: { slug: string }) => e.slug)).toContain('liveness-probe');
    expect((await gql(app, query)).body.data!.topic).toEqual(first);

    await ingest.ingest('gql.md', '# GQL probe\n\nAbout a readiness probe.\n\n## GQL child\nNew child text.\n');
    const second = (await gql(app, query)).body.data!.topic;
    expect(second.children).toEqual([{ slug: 'gql-child', body: expect.stringContaining('New child text') }]);
    const entities = second.entities.map((e: { slug: string }) => e.slug);
    expect(entities).toContain('readiness-probe');
    expect(entities).not.toContain('liveness-probe');
  }, 60_000);
});
