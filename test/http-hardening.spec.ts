import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { BODY_LIMIT_BYTES } from '../apps/api/src/app.factory.js';
import { ConfigError, loadConfig } from '../apps/api/src/config/app-config.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Each app seeds the notes at start-up, slow on embedded PGlite under a loaded machine. */
const START_TIMEOUT_MS = 180000;

const PROBLEM = /^application\/problem\+json/;

describe('security headers and body errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, START_TIMEOUT_MS);
  afterAll(() => t.close());

  it('sends helmet headers with a CSP that allows same-origin scripts and inline styles only', async () => {
    const res = await request(t.server).get('/health/live').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    const csp = Object.fromEntries(
      String(res.headers['content-security-policy']).split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
  });

  it('answers an oversized body with 413 problem JSON', async () => {
    const res = await request(t.server)
      .post('/api/v1/documents')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'big', content: 'x'.repeat(BODY_LIMIT_BYTES + 10) }))
      .expect(413);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 413, title: 'Payload Too Large' });
    expect(res.text).not.toMatch(/\bat .+\.js:\d+/); // no stack trace
  });

  it('answers a malformed JSON body with 400 problem JSON', async () => {
    const res = await request(t.server)
      .post('/api/v1/documents')
      .set('content-type', 'application/json')
      .send('{"name": "broken",')
      .expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 400, title: 'Bad Request' });
    expect(res.body.detail).toMatch(/JSON/);
  });

  it('sends no CORS headers when CORS_ORIGINS is unset', async () => {
    const res = await request(t.server).get('/health/live').set('origin', 'https://elsewhere.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limiting per client IP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
  }, START_TIMEOUT_MS);
  afterAll(() => t.close());

  it('counts down in x-ratelimit headers, then answers 429 problem JSON with retry-after', async () => {
    for (const remaining of ['2', '1', '0']) {
      const res = await request(t.server).get('/no/such/route').expect(404);
      expect(res.headers['x-ratelimit-limit']).toBe('3');
      expect(res.headers['x-ratelimit-remaining']).toBe(remaining);
      expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
    }
    const limited = await request(t.server).get('/no/such/route').expect(429);
    expect(limited.headers['content-type']).toMatch(PROBLEM);
    expect(limited.body).toMatchObject({ status: 429, title: 'Too Many Requests', limit: 3 });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('never limits the health and metrics endpoints', async () => {
    for (let i = 0; i < 5; i++) {
      const live = await request(t.server).get('/health/live').expect(200);
      expect(live.headers['x-ratelimit-limit']).toBeUndefined();
      await request(t.server).get('/health/ready').expect(200);
      await request(t.server).get('/metrics').expect(200);
    }
    await request(t.server).get('/no/such/route').expect(429);
    // A matched route is limited too, and its 429 is problem JSON as well.
    const limited = await request(t.server).get('/api/v1/topics').expect(429);
    expect(limited.headers['content-type']).toMatch(PROBLEM);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('CORS', () => {
  let listed: TestApp;
  let any: TestApp;
  beforeAll(async () => {
    listed = await startTestApp({ CORS_ORIGINS: 'https://notes.example, https://admin.example' });
    any = await startTestApp({ CORS_ORIGINS: '*' });
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await listed.close();
    await any.close();
  });

  it('allows the listed origins and no others', async () => {
    const ok = await request(listed.server).get('/health/live').set('origin', 'https://admin.example').expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe('https://admin.example');
    const other = await request(listed.server).get('/health/live').set('origin', 'https://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight from a listed origin', async () => {
    const res = await request(listed.server)
      .options('/api/v1/search')
      .set('origin', 'https://notes.example')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'content-type');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://notes.example');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
  });

  it('allows any origin with *', async () => {
    const res = await request(any.server).get('/health/live').set('origin', 'https://whoever.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('hardening configuration', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({ rateLimitMax: 600, rateLimitWindowMs: 60000, corsOrigins: [] });
  });

  it.each([
    ['RATE_LIMIT_MAX', '0'],
    ['RATE_LIMIT_MAX', 'lots'],
    ['RATE_LIMIT_WINDOW_MS', '10'],
    ['CORS_ORIGINS', 'notes.example'],
    ['CORS_ORIGINS', 'https://notes.example/path'],
  ])('rejects %s=%s naming the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}: `));
  });
});
