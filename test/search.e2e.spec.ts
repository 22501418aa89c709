import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { IngestService } from '../apps/api/src/ingest/ingest.service.js';
import { MetricsService } from '../apps/api/src/observability/metrics.service.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Hit { kind: string; slug: string; title: string; score: number; highlight: string; topicSlug: string | null }
const ADMIN_KEY = 'search-test-admin-key';

describe('GET /api/v1/search on the embedded engine', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_API_KEY: ADMIN_KEY });
  }, 180_000);
  afterAll(() => t.close());

  const search = async (query: Record<string, string | number>) =>
    (await request(t.server).get('/api/v1/search').query(query).expect(200)).body as { query: string; backend: string; hits: Hit[] };
  const topTopics = (hits: Hit[], n = 3) => hits.filter((h) => h.kind === 'topic').slice(0, n).map((h) => h.slug);

  it('answers { query, backend, hits } with the headless Service topic for 无头服务, highlighted', async () => {
    const body = await search({ q: '无头服务' });
    expect(body).toMatchObject({ query: '无头服务', backend: 'embedded' });
    expect(topTopics(body.hits)[0]).toBe('headless-service');
    const topic = body.hits.find((h) => h.slug === 'headless-service')!;
    expect(topic).toMatchObject({ kind: 'topic', title: 'headless service', topicSlug: 'headless-service' });
    expect(topic.highlight).toMatch(/<mark>[^<]+<\/mark>/);
    expect(topic.highlight.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(162);
  });

  it('crosses languages through the ontology aliases: blue/green ↔ 蓝绿部署', async () => {
    expect(topTopics((await search({ q: 'blue/green' })).hits)[0]).toBe('bu-shu-ce-lue');
    const zh = await search({ q: '蓝绿部署', kind: 'entity' });
    expect(zh.hits[0]).toMatchObject({ kind: 'entity', slug: 'blue-green' });
  });

  it('tolerates typos and finds a word inside a longer segmented word', async () => {
    expect(topTopics((await search({ q: 'hedless servce' })).hits)[0]).toBe('headless-service');
    // 心跳 sits inside 心跳超时 / 周期上报心跳 in the pod eviction notes.
    const inside = await search({ q: '心跳' });
    expect(topTopics(inside.hits)).toContain('pod-eviction');
    expect(inside.hits.find((h) => h.slug === 'pod-eviction')!.highlight).toContain('<mark>心跳</mark>');
  });

  it('filters by kind and entity type (comma lists), respecting limit', async () => {
    const snippets = await search({ q: 'nginx', kind: 'snippet', limit: 3 });
    expect(snippets.hits.length).toBeGreaterThan(0);
    expect(snippets.hits.length).toBeLessThanOrEqual(3);
    expect(snippets.hits.every((h) => h.kind === 'snippet' && h.topicSlug)).toBe(true);
    const probes = await search({ q: 'probe 探针', type: 'PROBE,CONCEPT' });
    expect(probes.hits.map((h) => h.slug)).toEqual(expect.arrayContaining(['liveness-probe', 'readiness-probe']));
    expect(probes.hits.every((h) => h.kind === 'entity')).toBe(true);
    const mixed = await search({ q: 'headless', kind: 'topic,entity' });
    expect(new Set(mixed.hits.map((h) => h.kind))).toEqual(new Set(['topic', 'entity']));
  });

  it('escapes markup in highlights (the notes hold raw HTML output)', async () => {
    const body = await search({ q: '308 Permanent Redirect', kind: 'snippet' });
    const html = body.hits.map((h) => h.highlight).join(' ');
    expect(html).toContain('&lt;');
    expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/<[a-z]/i);
  });

  it.each([
    [{}, 'q'],
    [{ q: '' }, 'q'],
    [{ q: 'x'.repeat(501) }, 'q'],
    [{ q: 'pod', limit: 0 }, 'limit'],
    [{ q: 'pod', limit: 51 }, 'limit'],
    [{ q: 'pod', limit: 'many' }, 'limit'],
  ])('answers %j with a 400 problem naming %s', async (query, param) => {
    const res = await request(t.server).get('/api/v1/search').query(query).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toContain(param);
  });

  it('answers an unknown kind or type with a 400 that lists the allowed values', async () => {
    const kind = await request(t.server).get('/api/v1/search').query({ q: 'pod', kind: 'topic,banana' }).expect(400);
    expect(kind.body).toMatchObject({ param: 'kind', allowed: ['topic', 'entity', 'snippet'] });
    expect(kind.body.detail).toContain("'banana'");
    const type = await request(t.server).get('/api/v1/search').query({ q: 'pod', type: 'PROBE,NOPE' }).expect(400);
    expect(type.body.allowed).toContain('SERVICE_TYPE');
    expect(type.body.detail).toContain("'NOPE'");
  });

  it('counts searches by backend in the metrics', async () => {
    await search({ q: 'pod' });
    expect(await t.app.get(MetricsService).render()).toMatch(/search_requests_total\{backend="embedded"\} [1-9]/);
  });

  it('guards POST /api/v1/admin/reindex with the admin key and rebuilds from the database', async () => {
    await request(t.server).post('/api/v1/admin/reindex').expect(401);
    await request(t.server).post('/api/v1/admin/reindex').set('x-api-key', 'wrong').expect(403);
    const res = await request(t.server).post('/api/v1/admin/reindex').set('x-api-key', ADMIN_KEY).expect(200);
    expect(res.body).toEqual({ backend: 'embedded', documents: expect.any(Number), ms: expect.any(Number) });
    expect(res.body.documents).toBeGreaterThan(150); // 31 topics + 121 entities + snippets
  });

  it('reindexes after an ingest: a new document is searchable at once, and gone once replaced', async () => {
    const ingest = t.app.get(IngestService);
    await ingest.ingest('quokka.md', '# 袋鼠调度器\n\nThe quokkascheduler 安装简单, places Pods by mood.\n');
    const found = await search({ q: 'quokkascheduler' });
    expect(found.hits[0]).toMatchObject({ kind: 'topic', title: '袋鼠调度器' });
    expect(topTopics((await search({ q: '简单' })).hits, 10)).toContain(found.hits[0]!.slug);
    await ingest.ingest('quokka.md', '# Wombat\n\nNothing to see.\n');
    expect((await search({ q: 'quokkascheduler' })).hits.filter((h) => h.kind === 'topic')).toEqual([]);
  });
});
