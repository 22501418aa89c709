import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('health and errors over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers /health/live', async () => {
    const res = await request(t.server).get('/health/live').expect(200);
    expect(res.body).toEqual({ status: 'live' });
  });

  it('answers /health/ready with every check once start-up ran', async () => {
    const res = await request(t.server).get('/health/ready').expect(200);
    expect(res.body.status).toBe('ready');
    expect(res.body.checks.migrations.state).toBe('ok');
    expect(res.body.checks.database.state).toBe('ok');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await request(t.server).get('/no/such/route').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
    expect(typeof res.body.type).toBe('string');
    expect(typeof res.body.detail).toBe('string');
  });
});

describe('readiness before start-up', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { ready: false });
  });
  afterAll(() => t.close());

  it('is 503 problem JSON naming what is pending', async () => {
    const res = await request(t.server).get('/health/ready').expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toContain('migrations pending');
    expect(res.body.checks.migrations.state).toBe('pending');
  });
});
