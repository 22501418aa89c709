import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';

// Dify's External Knowledge API with RETRIEVAL_API_KEY set; test/retrieval.e2e.spec.ts covers it open.
const KEY = 'dify-test-key-0123456789';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ RETRIEVAL_API_KEY: KEY });
}, 120_000);
afterAll(async () => t?.close());

const body = { knowledge_id: 'kubenotes', query: 'headless service', retrieval_setting: { top_k: 3, score_threshold: 0 } };
const post = (auth?: string) => {
  const req = request(t.server).post('/api/v1/dify/retrieval');
  return auth === undefined ? req.send(body) : req.set('authorization', auth).send(body);
};

describe('POST /api/v1/dify/retrieval with RETRIEVAL_API_KEY set', () => {
  it('answers records with the right bearer key', async () => {
    const res = await post(`Bearer ${KEY}`).expect(200);
    expect(res.body.records.length).toBeGreaterThan(0);
    expect(res.body.records.length).toBeLessThanOrEqual(3);
  });

  it.each([
    ['no header', undefined],
    ['another scheme', `Basic ${KEY}`],
    ['a bare key', KEY],
    ['Bearer and nothing', 'Bearer '],
  ])('answers 403 error_code 1001 for %s', async (_label, auth) => {
    const res = await post(auth).expect(403);
    expect(res.body).toEqual({ error_code: 1001, error_msg: expect.stringContaining('Invalid Authorization header format') });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it.each([`Bearer ${KEY}x`, `Bearer ${KEY.slice(0, -1)}`, 'Bearer wrong'])('answers 403 error_code 1002 for %s', async (auth) => {
    const res = await post(auth).expect(403);
    expect(res.body).toEqual({ error_code: 1002, error_msg: 'Authorization failed' });
  });

  it('checks the key before the body: a bad body with no key is still 1001', async () => {
    const res = await request(t.server).post('/api/v1/dify/retrieval').send({}).expect(403);
    expect(res.body.error_code).toBe(1001);
  });

  it('leaves the other read endpoints open', async () => {
    await request(t.server).post('/api/v1/retrieve').send({ query: 'pod' }).expect(200);
  });
});
