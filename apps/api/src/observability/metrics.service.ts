import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Label used for requests that matched no route, so 404 scans cannot grow the series count. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The service's Prometheus metrics. Each app gets its own Registry rather than
 * prom-client's global one, so several apps in one process (tests) never clash
 * over metric names.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending the answer, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly searches = new Counter({
    name: 'search_requests_total',
    help: 'Searches served, by the engine that answered (meilisearch or embedded).',
    labelNames: ['backend'] as const,
    registers: [this.registry],
  });

  private readonly responseCache = new Counter({
    name: 'http_response_cache_total',
    help: 'Lookups in the response cache of read-only requests, by result (hit or miss).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  private readonly documents = new Counter({
    name: 'ingest_documents_total',
    help: 'Notes documents ingested.',
    registers: [this.registry],
  });

  private readonly topics = new Counter({
    name: 'ingest_topics_total',
    help: 'Topics written by ingesting notes documents.',
    registers: [this.registry],
  });

  private readonly rateLimitStoreErrors = new Counter({
    name: 'rate_limit_store_errors_total',
    help: 'Requests the shared rate-limit store (Redis) could not count; each was let through unlimited.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Called by the HTTP hook once per answered request; `route` is the pattern, never the raw URL. */
  requestServed(method: string, route: string | undefined, status: number, seconds: number): void {
    const labels = { method, route: route ?? UNMATCHED_ROUTE };
    this.httpRequests.inc({ ...labels, status: String(status) });
    this.httpDuration.observe(labels, seconds);
  }

  searchServed(backend: string): void {
    this.searches.inc({ backend });
  }

  responseCacheLookup(hit: boolean): void {
    this.responseCache.inc({ result: hit ? 'hit' : 'miss' });
  }

  documentIngested(topics: number): void {
    this.documents.inc();
    if (topics > 0) this.topics.inc(topics);
  }

  rateLimitStoreFailed(): void {
    this.rateLimitStoreErrors.inc();
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
