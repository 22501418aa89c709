import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { IngestService } from '../apps/api/src/ingest/ingest.service.js';
import { gql } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

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

  it('retrieves, right after an ingest, the passages that ingest stored', async () => {
    const ingest = app.app.get(IngestService);
    const retrieve = async () => (await request(app.server).post('/api/v1/retrieve').send({ query: 'zorbleflux controller' }).expect(200)).body.passages as Array<{ text: string }>;
    await ingest.ingest('retrieve-cache.md', '# Zorbleflux\n\nThe zorbleflux controller restarts old Pods.\n');
    expect((await retrieve()).map((p) => p.text)).toContainEqual(expect.stringContaining('restarts old Pods'));
    await ingest.ingest('retrieve-cache.md', '# Zorbleflux\n\nThe zorbleflux controller now drains nodes first.\n');
    const texts = (await retrieve()).map((p) => p.text).join('\n');
    expect(texts).toContain('drains nodes first');
    expect(texts).not.toContain('restarts old Pods');
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
