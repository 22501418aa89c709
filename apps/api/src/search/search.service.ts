import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import type { ContentChange } from '../content-changes/content-change.types.js';
import { ContentChanges } from '../content-changes/content-changes.service.js';
import { ReadinessService, type CheckStatus } from '../health/readiness.service.js';
import { IngestEvents } from '../ingest/ingest-events.js';
import { MetricsService } from '../observability/metrics.service.js';
import { EmbeddedSearchEngine } from './embedded-search.engine.js';
import { MEILI_ENGINE } from './search.tokens.js';
import { SearchDocumentsRepository } from './search-documents.repository.js';
import type { SearchDocument, SearchEngine, SearchQuery, SearchResult } from './search.types.js';

/** After Meilisearch failed, how long the embedded engine answers alone before Meilisearch is tried again. */
export const MEILI_RETRY_MS = 30_000;

export interface ReindexReport {
  /** The engine that now answers searches. */
  backend: SearchResult['backend'];
  documents: number;
  ms: number;
}

/**
 * Search over the knowledge base. The embedded engine is always built; with
 * MEILI_URL set Meilisearch answers instead, and whenever it cannot (down,
 * erroring, not yet rebuilt) the embedded engine does, `backend` says which,
 * and readiness reports `search` as degraded. The index follows this process's
 * writes (IngestEvents, before the write answers) and other processes' writes
 * (ContentChanges, moments after they commit).
 */
@Injectable()
export class SearchService implements OnModuleInit {
  private documents: SearchDocument[] = [];
  private built = false;
  private meiliHealth: CheckStatus = { state: 'ok' };
  private meiliRetryAt = 0;
  private meiliRetry?: Promise<void>;
  private queue: Promise<unknown> = Promise.resolve();
  private answersChanged = 0;
  /** The content version the embedded index was last read at: it holds every change up to here. */
  private indexedVersion = 0;

  constructor(
    private readonly repository: SearchDocumentsRepository,
    private readonly embedded: EmbeddedSearchEngine,
    @Inject(MEILI_ENGINE) private readonly meili: SearchEngine | null,
    private readonly readiness: ReadinessService,
    private readonly ingestEvents: IngestEvents,
    private readonly contentChanges: ContentChanges,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  onModuleInit(): void {
    // Before the first build (start-up) there is nothing to refresh: that build reads everything.
    this.ingestEvents.onDocumentChanged(async () => {
      if (this.built) await this.rebuild('ingest');
    });
    this.contentChanges.onChanges((changes) => this.applyRemoteChanges(changes));
  }

  /**
   * Writes committed by other processes. Until the index can add, replace and
   * discard one document's entries, any change means rebuilding the embedded
   * index from the database; Meilisearch is shared, and the writer rebuilt it.
   * Changes that arrive while a rebuild runs wait for it and are applied
   * together by one more; changes a rebuild already read are skipped.
   */
  applyRemoteChanges(changes: readonly ContentChange[]): Promise<void> {
    const newest = changes.at(-1)?.version ?? 0;
    return this.enqueue(async () => {
      // Before the first build nothing is indexed yet: that build reads everything.
      if (!this.built || newest <= this.indexedVersion) return;
      const reason = 'changes by another process';
      const started = Date.now();
      const documents = await this.rebuildEmbedded(reason);
      this.logger.info({ reason, backend: 'embedded', documents: documents.length, ms: Date.now() - started, version: newest }, 'search reindex finished');
    });
  }

  /**
   * Counts the moments search answers may change without a database write: a
   * rebuild finishing (the index catches up with a write) and the answering
   * engine changing. Caches of search answers key on it (ResponseCache).
   */
  get answersVersion(): number {
    return this.answersChanged;
  }

  /** What was indexed last, for retrieval (passages) on top of search. */
  get indexedDocuments(): readonly SearchDocument[] {
    return this.documents;
  }

  /** The `search` readiness check: degraded while Meilisearch is configured but not answering. */
  health(): CheckStatus {
    return this.meili ? this.meiliHealth : { state: 'ok' };
  }

  /** Reads every document from the database and rebuilds the index(es); one rebuild at a time. */
  rebuild(reason: string): Promise<ReindexReport> {
    return this.enqueue(() => this.runRebuild(reason));
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    let result: SearchResult | undefined;
    if (this.meili && this.meiliUsable()) {
      try {
        result = { query: query.q, backend: 'meilisearch', hits: await this.meili.search(query) };
      } catch (error) {
        this.meiliFailed(error, 'search');
      }
    }
    result ??= { query: query.q, backend: 'embedded', hits: await this.embedded.search(query) };
    this.metrics?.searchServed(result.backend);
    return result;
  }

  private async runRebuild(reason: string): Promise<ReindexReport> {
    const started = Date.now();
    const documents = await this.rebuildEmbedded(reason);
    let backend: SearchResult['backend'] = 'embedded';
    // No count here: rebuildMeili reports Meilisearch's state through publish(), which counts.
    if (this.meili && (await this.rebuildMeili(reason))) backend = 'meilisearch';
    const report = { backend, documents: documents.length, ms: Date.now() - started };
    this.logger.info({ reason, ...report }, 'search reindex finished');
    return report;
  }

  /** Reads every document (at the current content version) into a new embedded index. */
  private async rebuildEmbedded(reason: string): Promise<SearchDocument[]> {
    // Read before the documents: every change up to this version is committed, so they hold it.
    const version = this.contentChanges.version;
    const documents = await this.repository.findAll();
    this.logger.info({ reason, documents: documents.length }, 'search reindex started');
    await this.embedded.rebuild(documents, this.progress('embedded', reason));
    this.documents = documents;
    this.indexedVersion = version;
    this.built = true;
    this.answersChanged++;
    return documents;
  }

  /** True when Meilisearch holds the current documents. */
  private async rebuildMeili(reason: string): Promise<boolean> {
    try {
      await this.meili!.rebuild(this.documents, this.progress('meilisearch', reason));
      this.meiliRecovered();
      return true;
    } catch (error) {
      this.meiliFailed(error, 'rebuild');
      return false;
    }
  }

  /** While degraded, the first search after the retry delay rebuilds Meilisearch in the background. */
  private meiliUsable(): boolean {
    if (this.meiliHealth.state === 'ok') return true;
    if (Date.now() >= this.meiliRetryAt && !this.meiliRetry) {
      this.meiliRetryAt = Date.now() + MEILI_RETRY_MS;
      this.meiliRetry = this.rebuild('meilisearch retry')
        .then(() => undefined, () => undefined)
        .finally(() => (this.meiliRetry = undefined));
    }
    return false;
  }

  private meiliFailed(error: unknown, during: string): void {
    const detail = `Meilisearch failed during ${during} (${(error as Error).message}); the embedded engine answers`;
    if (this.meiliHealth.state !== 'degraded') this.logger.warn({ err: error, during }, 'search degraded: Meilisearch unavailable');
    this.meiliHealth = { state: 'degraded', detail };
    this.meiliRetryAt = Date.now() + MEILI_RETRY_MS;
    this.publish();
  }

  private meiliRecovered(): void {
    if (this.meiliHealth.state !== 'ok') this.logger.info('search recovered: Meilisearch answers again');
    this.meiliHealth = { state: 'ok' };
    this.publish();
  }

  /** Start-up sets the check first (StartupService, after the first build); later changes follow here. */
  private publish(): void {
    this.answersChanged++;
    if (this.readiness.snapshot()['search']?.state === 'pending') return;
    const health = this.health();
    this.readiness.set('search', health.state, health.detail);
  }

  private progress(backend: string, reason: string) {
    return (done: number, total: number) => this.logger.info({ backend, reason, done, total }, 'search reindex progress');
  }
}
