import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { MetricsService } from '../apps/api/src/observability/metrics.service.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Each app seeds the notes at start-up, slow on embedded PGlite under a loaded machine. */
const START_TIMEOUT_MS = 180000;

/** The value of one sample line in Prometheus text, or undefined when the series does not exist. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, START_TIMEOUT_MS);
  afterAll(() => t.close());

  it('answers Prometheus text with the default process metrics', async () => {
    const res = await request(t.server).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(res.text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(res.text).toContain('# TYPE http_request_duration_seconds histogram');
  });

  it('counts requests by route pattern and status, and unknown URLs as one "unmatched" route', async () => {
    await request(t.server).get('/health/live').expect(200);
    await request(t.server).get('/health/live').expect(200);
    await request(t.server).get('/no/such/thing-1').expect(404);
    await request(t.server).get('/no/such/thing-2?q=x').expect(404);
    const text = (await request(t.server).get('/metrics').expect(200)).text;
    expect(sample(text, 'http_requests_total{method="GET",route="/health/live",status="200"}')).toBe(2);
    expect(sample(text, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/health/live"}')).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_bucket{le="+Inf",method="GET",route="unmatched"}')).toBe(2);
    // Raw URLs never become label values: that is what keeps the series count bounded.
    expect(text).not.toContain('thing-1');
    expect(text).not.toContain('/no/such');
  });

  it('uses the route pattern, not the URL, for a route with parameters', async () => {
    await request(t.server).get('/api/v1/topics/no-such-topic-xyz').expect(404);
    const text = (await request(t.server).get('/metrics').expect(200)).text;
    expect(text).toContain('route="/api/v1/topics/:slug"');
    expect(text).not.toContain('no-such-topic-xyz');
  });

  it('exposes the search and ingest counters other modules feed through MetricsService', async () => {
    const metrics = t.app.get(MetricsService);
    metrics.searchServed('embedded');
    metrics.searchServed('embedded');
    metrics.searchServed('meilisearch');
    metrics.documentIngested(12);
    metrics.documentIngested(3);
    const text = (await request(t.server).get('/metrics').expect(200)).text;
    expect(sample(text, 'search_requests_total{backend="embedded"}')).toBe(2);
    expect(sample(text, 'search_requests_total{backend="meilisearch"}')).toBe(1);
    expect(sample(text, 'ingest_documents_total')).toBe(2);
    expect(sample(text, 'ingest_topics_total')).toBe(15);
  });

  it('keeps each app\'s metrics in its own registry, so a second app in the process starts from zero', async () => {
    const other = await startTestApp();
    try {
      await request(other.server).get('/health/live').expect(200);
      const text = (await request(other.server).get('/metrics').expect(200)).text;
      expect(sample(text, 'http_requests_total{method="GET",route="/health/live",status="200"}')).toBe(1);
      expect(sample(text, 'ingest_documents_total')).toBe(0);
    } finally {
      await other.close();
    }
  }, START_TIMEOUT_MS);
});
