import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface TopicItem { slug: string; parentSlug: string | null }
interface EntityItem { slug: string; name: string; type: string; aliases: string[]; topics: Array<{ slug: string }> }

describe('cursor pagination lists every item exactly once whatever the page size', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 180_000);
  afterAll(() => t.close());

  async function listAll<T>(path: string, query: Record<string, string>, limit: number): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let pages = 0; ; pages++) {
      expect(pages).toBeLessThan(1000);
      const res: request.Response = await request(t.server).get(path).query({ ...query, limit, ...(cursor ? { cursor } : {}) }).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      if (!cursor) return items;
      expect(res.body.items).toHaveLength(limit); // only the last page may be short
    }
  }

  async function expectStablePaging<T extends { slug: string }>(path: string, query: Record<string, string>): Promise<T[]> {
    const reference = await listAll<T>(path, query, 100);
    const slugs = reference.map((x) => x.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const size of [1, 2, 7]) {
      expect((await listAll<T>(path, query, size)).map((x) => x.slug)).toEqual(slugs);
    }
    return reference;
  }

  it('topics: all, under the parent with the most children, and mentioning the entity with the most topics', async () => {
    const all = await expectStablePaging<TopicItem>('/api/v1/topics', {});
    const counts = new Map<string, number>();
    for (const topic of all) if (topic.parentSlug) counts.set(topic.parentSlug, (counts.get(topic.parentSlug) ?? 0) + 1);
    const [parent, childCount] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const children = await expectStablePaging<TopicItem>('/api/v1/topics', { parent });
    expect(children).toHaveLength(childCount);
    expect(children.every((c) => c.parentSlug === parent)).toBe(true);

    const entities = await listAll<EntityItem>('/api/v1/entities', {}, 100);
    const busiest = entities.sort((a, b) => b.topics.length - a.topics.length)[0]!;
    expect(busiest.topics.length).toBeGreaterThan(2);
    const mentioning = await expectStablePaging<TopicItem>('/api/v1/topics', { entity: busiest.slug });
    expect(mentioning.map((x) => x.slug).sort()).toEqual(busiest.topics.map((x) => x.slug).sort());
  });

  it.each(['CONTROLLER', 'CONCEPT', 'PROBE'])('entities of type %s', async (type) => {
    const items = await expectStablePaging<EntityItem>('/api/v1/entities', { type });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => e.type === type)).toBe(true);
  });

  it.each(['probe', 'controller', '控制器', '探针', 'Service'])('entities matching q=%s by name, slug or alias', async (q) => {
    const items = await expectStablePaging<EntityItem>('/api/v1/entities', { q });
    expect(items.length).toBeGreaterThan(0);
    const needle = q.toLowerCase();
    for (const e of items) expect([e.name, e.slug, ...e.aliases].some((s) => s.toLowerCase().includes(needle))).toBe(true);
  });

  it('treats % and _ in q as plain characters', async () => {
    expect((await request(t.server).get('/api/v1/entities').query({ q: '%' }).expect(200)).body.items).toEqual([]);
    expect((await request(t.server).get('/api/v1/entities').query({ q: '_' }).expect(200)).body.items).toEqual([]);
  });

  it(`caps limit at 100 and says there is more`, async () => {
    const res = await request(t.server).get('/api/v1/entities').query({ limit: 5000 }).expect(200);
    expect(res.body.items).toHaveLength(100);
    expect(typeof res.body.nextCursor).toBe('string');
  });

  it('a cursor from one list is refused by the other (400, not a wrong page)', async () => {
    const topics = await request(t.server).get('/api/v1/topics').query({ limit: 1 }).expect(200);
    const res = await request(t.server).get('/api/v1/entities').query({ cursor: topics.body.nextCursor }).expect(400);
    expect(res.body.detail).toContain('cursor');
  });
});
