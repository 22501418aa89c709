import { Inject, Injectable } from '@nestjs/common';
import { VersionedCache } from '../common/versioned-cache.js';
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

/**
 * Whole answers of read-only requests, kept as the bytes sent, so a repeated
 * request skips routing into Nest, the handler and serialisation. An answer is
 * valid for one content version (ContentChanges: a write by any process) and
 * one answers version of the search service (a rebuild that catches up with a
 * write, a change of answering engine), so it is never served after a write
 * this process has seen, nor from an index older than the one now answering.
 * The REST and GraphQL hooks decide what may be kept.
 */
@Injectable()
export class ResponseCache {
  readonly enabled: boolean;
  private readonly cache: VersionedCache<CachedResponse>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    contentChanges: ContentChanges,
    search: SearchService,
    private readonly metrics: MetricsService,
  ) {
    this.enabled = config.responseCacheEntries > 0;
    // Both counters only grow, so their sum changes whenever either does.
    this.cache = new VersionedCache(() => contentChanges.version + search.answersVersion, {
      maxEntries: config.responseCacheEntries,
      maxWeight: MAX_CACHE_BYTES,
      weigh: (response) => response.bytes,
    });
  }

  /** The version to pass to store() for an answer computed from now on. */
  version(): number {
    return this.cache.currentVersion();
  }

  lookup(key: string): CachedResponse | undefined {
    const hit = this.cache.peek(key);
    this.metrics.responseCacheLookup(hit !== undefined);
    return hit;
  }

  /** Keeps an answer computed from the data at `version`, unless it is too large or the data changed meanwhile. */
  store(key: string, version: number, headers: Record<string, string>, body: string | Buffer): void {
    const bytes = Buffer.byteLength(body) + key.length;
    if (bytes > MAX_CACHED_RESPONSE_BYTES) return;
    this.cache.put(key, version, { headers, body, bytes });
  }
}
