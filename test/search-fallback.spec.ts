import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';

/** A port nothing listens on: bound once to learn a free number, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('search with MEILI_URL pointing at a closed port', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ MEILI_URL: `http://127.0.0.1:${await closedPort()}` });
  }, 180_000);
  afterAll(() => t.close());

  it('is ready, with the search check degraded and saying why', async () => {
    const res = await request(t.server).get('/health/ready').expect(200);
    expect(res.body.checks.search.state).toBe('degraded');
    expect(res.body.checks.search.detail).toMatch(/Meilisearch failed during rebuild.*embedded engine answers/);
  });

  it('still answers searches, from the embedded engine', async () => {
    const res = await request(t.server).get('/api/v1/search').query({ q: '无头服务' }).expect(200);
    expect(res.body.backend).toBe('embedded');
    expect(res.body.hits.find((h: { kind: string }) => h.kind === 'topic').slug).toBe('headless-service');
  });
});
