import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { IngestService } from '../apps/api/src/ingest/ingest.service.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Collects every page of a paginated REST list. */
async function listAll(t: TestApp, path: string, limit: number): Promise<Array<{ slug: string }>> {
  const items: Array<{ slug: string }> = [];
  let cursor: string | null = null;
  do {
    const res: request.Response = await request(t.server)
      .get(path)
      .query({ limit, ...(cursor ? { cursor } : {}) })
      .expect(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

describe('the seeded topic graph over REST', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the 28 top-level topics and the 3 Service subsections', async () => {
    const topics = await listAll(t, '/api/v1/topics', 100);
    const all = topics as Array<{ slug: string; level: number; parentSlug: string | null; title: string }>;
    expect(all.filter((topic) => topic.level === 1)).toHaveLength(28);
    const service = all.find((topic) => topic.title === 'service')!;
    const children = all.filter((topic) => topic.parentSlug === service.slug).map((topic) => topic.title);
    expect(children).toEqual(['Type ExternalName', 'External IPs', 'headless service']);
  });

  it('answers a topic with its source lines, snippets, entities and children', async () => {
    const res = await request(t.server).get('/api/v1/topics/service').expect(200);
    expect(res.body).toMatchObject({ slug: 'service', title: 'service', level: 1, parentSlug: null });
    expect(res.body.source).toEqual({ document: 'k8s-notes.txt', lineStart: 262, lineEnd: expect.any(Number) });
    expect(res.body.children.map((c: { title: string }) => c.title)).toEqual(['Type ExternalName', 'External IPs', 'headless service']);
    const headless = await request(t.server).get(`/api/v1/topics/${res.body.children[2].slug}`).expect(200);
    expect(headless.body.entities.map((e: { slug: string }) => e.slug)).toContain('headless');
  });

  it('filters topics by parent and by entity', async () => {
    const byParent = await request(t.server).get('/api/v1/topics').query({ parent: 'service' }).expect(200);
    expect(byParent.body.items).toHaveLength(3);
    const byEntity = await request(t.server).get('/api/v1/topics').query({ entity: 'liveness-probe' }).expect(200);
    expect(byEntity.body.items.length).toBeGreaterThan(0);
    for (const topic of byEntity.body.items) {
      const detail = await request(t.server).get(`/api/v1/topics/${topic.slug}`).expect(200);
      expect(detail.body.entities.map((e: { slug: string }) => e.slug)).toContain('liveness-probe');
    }
  });

  it('answers entities by type, and an entity with relations and topics', async () => {
    const probes = await request(t.server).get('/api/v1/entities').query({ type: 'PROBE' }).expect(200);
    expect(probes.body.items.map((e: { name: string }) => e.name.toLowerCase()).join(' ')).toMatch(/liveness.*readiness|readiness.*liveness/);
    const headless = await request(t.server).get('/api/v1/entities/headless').expect(200);
    expect(headless.body).toMatchObject({ slug: 'headless', type: 'SERVICE_TYPE' });
    expect(headless.body.aliases).toEqual(expect.arrayContaining(['无头服务']));
    expect(headless.body.topics.length).toBeGreaterThan(0);
    expect(Array.isArray(headless.body.relations)).toBe(true);
  });

  it('lists every topic and entity exactly once whatever the page size', async () => {
    const reference = (await listAll(t, '/api/v1/topics', 100)).map((x) => x.slug);
    for (const size of [1, 7, 31]) {
      expect((await listAll(t, '/api/v1/topics', size)).map((x) => x.slug)).toEqual(reference);
    }
    const entities = (await listAll(t, '/api/v1/entities', 100)).map((x) => x.slug);
    expect(new Set(entities).size).toBe(entities.length);
    expect((await listAll(t, '/api/v1/entities', 13)).map((x) => x.slug)).toEqual(entities);
  });

  it.each([
    ['/api/v1/topics?limit=0', 'limit'],
    ['/api/v1/topics?limit=abc', 'limit'],
    ['/api/v1/topics?cursor=not-a-cursor', 'cursor'],
    ['/api/v1/topics?parent=no-such-topic', 'parent'],
    ['/api/v1/entities?type=BANANA', 'type'],
  ])('answers %s with a 400 problem naming %s', async (path, param) => {
    const res = await request(t.server).get(path).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toContain(param);
  });

  it('answers unknown slugs with 404 problems', async () => {
    await request(t.server).get('/api/v1/topics/nope').expect(404);
    const res = await request(t.server).get('/api/v1/entities/nope').expect(404);
    expect(res.body.detail).toContain('nope');
  });

  it('re-ingesting the seed notes changes nothing: same slugs, no duplicates', async () => {
    const before = await listAll(t, '/api/v1/topics', 100);
    const ingest = t.app.get(IngestService);
    const report = await ingest.ingestFolder('seed/notes');
    expect(report).toMatchObject({ added: [], replaced: [], unchanged: ['k8s-notes.txt'] });
    expect(await listAll(t, '/api/v1/topics', 100)).toEqual(before);
  });
});
