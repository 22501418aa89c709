import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ContentChanges } from '../content-changes/content-changes.service.js';
import { MetricsService } from '../observability/metrics.service.js';
import { SearchService } from '../search/search.service.js';

/** Answers larger than this are sent but not kept (the whole graph with topics, for example). */
export const MAX_CACHED_RESPONSE_BYTES = 512 * 1024;
/** All kept answers together, keys included. */
export const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** A finished answer, kept as the bytes that were sent. */
export interface CachedResponse {
  /** Headers the handler set (content type, ETag); per-request ones (rate limit, CORS) are set anew. */
  headers: Readonly<Record<string, string>>;
  body: string | Buffer;
  bytes: number;
}

/** The longest an answer is kept: a backstop for changes no version tells of (a Meilisearch swap by another replica). */
const MAX_AGE_MS = 5000;

/**
 * Whole answers of read-only requests, kept as the bytes sent, so a repeated
 * request skips routing into Nest, the handler and serialisation. An answer is
 * valid for one content version (ContentChanges: a write by any process) and
 * one answers version of the search service (a rebuild that catches up with a
 * write, a change of answering engine), so it is never served after a write
 * this process has seen, nor from an index older than the one now answering:
 * the version is part of the key, and answers of older versions age out of the LRU.
 * The REST and GraphQL hooks decide what may be kept.
 */
@Injectable()
export class ResponseCache {
  readonly enabled: boolean;
  private readonly cache?: LRUCache<string, CachedResponse>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly contentChanges: ContentChanges,
    private readonly search: SearchService,
    private readonly metrics: MetricsService,
  ) {
    this.enabled = config.responseCacheEntries > 0;
    if (this.enabled) {
      this.cache = new LRUCache({ max: config.responseCacheEntries, maxSize: MAX_CACHE_BYTES, sizeCalculation: (response) => response.bytes, ttl: MAX_AGE_MS });
    }
  }

  /** The version to pass to store() for an answer computed from now on. Both counters only grow, so their sum changes whenever either does. */
  version(): number {
    return this.contentChanges.version + this.search.answersVersion;
  }

  lookup(key: string): CachedResponse | undefined {
    const hit = this.cache?.get(`${this.version()}\n${key}`);
    this.metrics.responseCacheLookup(hit !== undefined);
    return hit;
  }

  /** Keeps an answer computed from the data at `version`, unless it is too large or the data changed meanwhile. */
  store(key: string, version: number, headers: Record<string, string>, body: string | Buffer): void {
    const bytes = Buffer.byteLength(body) + key.length;
    if (!this.cache || bytes > MAX_CACHED_RESPONSE_BYTES || version !== this.version()) return;
    this.cache.set(`${version}\n${key}`, { headers, body, bytes });
  }
}
