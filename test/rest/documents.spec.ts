import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

const KEY = 'test-admin-key-0123456789';
const NOTES = `# Widget probes

A liveness probe (存活探针) restarts the container; a readiness probe removes the Pod from the Service.

## ClusterIP

A Service of type ClusterIP gets a virtual IP reachable inside the cluster.
`;

describe('POST /api/v1/documents', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_API_KEY: KEY });
  }, 180_000);
  afterAll(() => t.close());

  const post = (body: unknown, key: string | null = KEY) => {
    const req = request(t.server).post('/api/v1/documents');
    return key === null ? req.send(body as object) : req.set('x-api-key', key).send(body as object);
  };
  const topicsOf = async (slug: string) =>
    (await request(t.server).get('/api/v1/topics').query({ parent: slug, limit: 100 }).expect(200)).body.items.map((x: { title: string }) => x.title);

  it('ingests a new document (201), serves its topics and links its entities', async () => {
    const res = await post({ name: 'widgets.md', content: NOTES }).expect(201);
    expect(res.body).toMatchObject({ document: { name: 'widgets.md', slug: 'widgets' }, unchanged: false, topics: 2 });
    expect(res.body.mentions).toBeGreaterThan(0);
    const topic = (await request(t.server).get('/api/v1/topics/widget-probes').expect(200)).body;
    expect(topic.source.document).toBe('widgets.md');
    expect(topic.entities.map((e: { slug: string }) => e.slug)).toEqual(expect.arrayContaining(['liveness-probe', 'readiness-probe']));
    expect(await topicsOf('widget-probes')).toEqual(['ClusterIP']);
  });

  it('answers 200 and writes nothing when the same content comes again', async () => {
    const res = await post({ name: 'widgets.md', content: NOTES }).expect(200);
    expect(res.body).toMatchObject({ unchanged: true, topics: 2 });
  });

  it('replaces the document when the same name comes with new content', async () => {
    const changed = NOTES.replace('## ClusterIP', '## NodePort').replace('type ClusterIP', 'type NodePort');
    await post({ name: 'widgets.md', content: changed }).expect(201);
    expect(await topicsOf('widget-probes')).toEqual(['NodePort']);
  });

  it('keeps the stored document whole when a replacement is refused', async () => {
    const before = await topicsOf('widget-probes');
    await post({ name: 'widgets.md', content: '# Broken\u0000 notes' }).expect(400);
    await post({ name: 'widgets.md', content: '   \n  ' }).expect(400);
    expect(await topicsOf('widget-probes')).toEqual(before);
    const topic = (await request(t.server).get('/api/v1/topics/widget-probes').expect(200)).body;
    expect(topic.children).toHaveLength(1);
  });

  it.each([
    ['a missing body', undefined],
    ['an empty object', {}],
    ['a missing content', { name: 'x.md' }],
    ['a number for content', { name: 'x.md', content: 42 }],
    ['an array for name', { name: ['x.md'], content: NOTES }],
    ['an empty name', { name: '', content: NOTES }],
    ['a 201-character name', { name: 'n'.repeat(201), content: NOTES }],
    ['a name with a newline', { name: 'a\nb.md', content: NOTES }],
    ['a JSON array body', [NOTES]],
  ])('answers %s with a 400 problem', async (_case, body) => {
    const res = await post(body).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(typeof res.body.detail).toBe('string');
  });

  it.each([
    ['application/xml', '<doc/>', 415],
    ['text/plain', 'hello', 400], // Fastify reads text/plain as a string, which fails validation
    ['application/json', '{"name": ', 400],
  ])('answers a %s body %p with a %i problem', async (type, body, status) => {
    const res = await request(t.server).post('/api/v1/documents').set('x-api-key', KEY).set('content-type', type).send(body);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers a 2 MB body with a 413 problem', async () => {
    const res = await post({ name: 'big.md', content: '# Big\n' + 'x'.repeat(2 * 1024 * 1024) }).expect(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(413);
  });

  it('demands the right x-api-key: 401 without one, 403 with a wrong one', async () => {
    expect((await post({ name: 'x.md', content: NOTES }, null)).status).toBe(401);
    expect((await post({ name: 'x.md', content: NOTES }, 'wrong')).status).toBe(403);
    await request(t.server).get('/api/v1/topics/x').expect(404);
  });
});

describe('POST /api/v1/documents without ADMIN_API_KEY', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { ready: false });
  }, 180_000);
  afterAll(() => t.close());

  it('answers 403 whatever key is sent: writes are switched off', async () => {
    const res = await request(t.server).post('/api/v1/documents').set('x-api-key', 'anything').send({ name: 'x.md', content: NOTES }).expect(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
