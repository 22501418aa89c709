import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('GET /api/v1/compare', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 180_000);
  afterAll(() => t.close());

  it('tables the typed attributes of the Service types side by side, in the order asked', async () => {
    const res = await request(t.server).get('/api/v1/compare?entities=clusterip,nodeport,loadbalancer').expect(200);
    expect(res.body.entities.map((e: { slug: string }) => e.slug)).toEqual(['clusterip', 'nodeport', 'loadbalancer']);
    expect(res.body.entities[0]).toEqual({ slug: 'clusterip', name: 'ClusterIP', type: 'SERVICE_TYPE' });
    // Every cell agrees with the entity's own attributes from GET /entities/{slug}.
    for (const slug of ['clusterip', 'nodeport', 'loadbalancer']) {
      const entity = (await request(t.server).get(`/api/v1/entities/${slug}`).expect(200)).body as { attributes: Record<string, unknown> };
      for (const [name, value] of Object.entries(entity.attributes)) {
        const row = res.body.attributes.find((a: { name: string }) => a.name === name);
        expect(row.values[slug]).toEqual(value);
      }
    }
    const names = res.body.attributes.map((a: { name: string }) => a.name);
    expect(names).toEqual(expect.arrayContaining(['allocatesClusterIP', 'dnsRecord', 'externalAccess', 'builtOn']));
  });

  it('fills null where an entity of another type lacks the attribute', async () => {
    const res = await request(t.server).get('/api/v1/compare').query({ entities: 'headless, liveness-probe' }).expect(200);
    const allocates = res.body.attributes.find((a: { name: string }) => a.name === 'allocatesClusterIP');
    expect(allocates.values).toEqual({ headless: false, 'liveness-probe': null });
    const mechanisms = res.body.attributes.find((a: { name: string }) => a.name === 'mechanisms');
    expect(mechanisms.values.headless).toBeNull();
    expect(Array.isArray(mechanisms.values['liveness-probe'])).toBe(true);
  });

  it('takes the parameter repeated as the list, as GraphQL takes a list', async () => {
    const res = await request(t.server).get('/api/v1/compare?entities=clusterip&entities=nodeport').expect(200);
    expect(res.body.entities.map((e: { slug: string }) => e.slug)).toEqual(['clusterip', 'nodeport']);
  });

  it('answers unknown slugs with a 404 naming each of them', async () => {
    const res = await request(t.server).get('/api/v1/compare?entities=clusterip,no-such,nor-this').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toContain('no-such');
    expect(res.body.detail).toContain('nor-this');
  });

  it.each([
    ['no list', ''],
    ['an empty list', '?entities='],
    ['one entity', '?entities=clusterip'],
    ['seven entities', '?entities=a,b,c,d,e,f,g'],
    ['an empty item', '?entities=clusterip,,nodeport'],
    ['a repeated entity', '?entities=clusterip,clusterip'],
    ['a NUL byte', '?entities=clusterip,%00'],
    ['a very long list', '?entities=clusterip,' + 'x'.repeat(3000)],
  ])('answers %s with a 400 naming entities', async (_case, query) => {
    const res = await request(t.server).get(`/api/v1/compare${query}`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toContain('entities');
  });
});
