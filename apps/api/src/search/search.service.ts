import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import type { ContentChange } from '../content-changes/content-change.types.js';
import { ContentChanges } from '../content-changes/content-changes.service.js';
import { ReadinessService, type CheckStatus } from '../health/readiness.service.js';
import { IngestEvents } from '../ingest/ingest-events.js';
import type { DocumentChange } from '../ingest/ingest.types.js';
import { MetricsService } from '../observability/metrics.service.js';
import { EmbeddedSearchEngine } from './embedded-search.engine.js';
import { MEILI_ENGINE } from './search.tokens.js';
import { SearchDocumentsRepository } from './search-documents.repository.js';
import type { IndexChange, ReindexReport, SearchDocument, SearchEngine, SearchQuery, SearchResult } from './search.types.js';

/** After Meilisearch failed, how long the embedded engine answers alone before Meilisearch is tried again. */
export const MEILI_RETRY_MS = 30_000;

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
    // Before the first build (start-up) there is nothing to update: that build reads everything.
    this.ingestEvents.onDocumentChanged(async (change) => {
      if (this.built) await this.applyChange(change);
    });
    this.contentChanges.onChanges((changes) => this.applyRemoteChanges(changes));
  }

  /**
   * Writes committed by other processes (never this one's: ingest updates the
   * index itself before it answers). A document's change re-reads that
   * document's entries; an ontology change or a reindex rebuilds the embedded
   * index; links and evidence are not indexed. Meilisearch is shared, and the
   * writer updated it. Changes an earlier rebuild already read are skipped.
   */
  applyRemoteChanges(changes: readonly ContentChange[]): Promise<void> {
    return this.enqueue(async () => {
      // Before the first build nothing is indexed yet: that build reads everything.
      const pending = changes.filter((change) => change.version > this.indexedVersion);
      if (!this.built || pending.length === 0) return;
      const newest = pending.at(-1)!.version;
      const started = Date.now();
      if (pending.some((change) => change.kind === 'ontology' || change.kind === 'reindex')) {
        const documents = await this.rebuildEmbedded('changes by another process');
        this.logger.info({ reason: 'changes by another process', backend: 'embedded', documents: documents.length, ms: Date.now() - started, version: newest }, 'search reindex finished');
        return;
      }
      const slugs = [...new Set(pending.flatMap((change) => (change.kind === 'document' && change.documentSlug ? [change.documentSlug] : [])))];
      for (const slug of slugs) await this.updateEmbedded(slug);
      this.indexedVersion = newest;
      this.logger.info({ documents: slugs, ms: Date.now() - started, version: newest }, 'search index followed another process');
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

  /** The `search` readiness check: degraded while Meilisearch is configured but not answering. */
  health(): CheckStatus {
    return this.meili ? this.meiliHealth : { state: 'ok' };
  }

  /** Reads every document from the database and rebuilds the index(es); one rebuild or update at a time. */
  rebuild(reason: string): Promise<ReindexReport> {
    return this.enqueue(() => this.runRebuild(reason));
  }

  /**
   * One notes document changed: its entries (and those of the entities it
   * mentions, or mentioned) are read again and replaced in each index.
   */
  applyChange(change: DocumentChange): Promise<void> {
    return this.enqueue(async () => {
      const started = Date.now();
      const indexChange = await this.updateEmbedded(change.document.slug, change.entities);
      if (this.meili && this.meiliHealth.state === 'ok') {
        try {
          await this.meili.update(indexChange);
        } catch (error) {
          // Degraded: the next retry rebuilds Meilisearch whole, this change included.
          this.meiliFailed(error, 'update');
        }
      }
      this.logger.info({ document: change.document.name, kind: change.kind, entries: indexChange.documents.length, entities: indexChange.entities.length, ms: Date.now() - started }, 'search index updated');
    });
  }

  /**
   * Re-reads one notes document's entries into the embedded index, with the
   * entities whose entries may have moved: those named (the writer knows which
   * its old and new topics mention), else those its topics mention now and those
   * whose indexed entry still points into it.
   */
  private async updateEmbedded(documentSlug: string, entitySlugs?: readonly string[]): Promise<IndexChange> {
    const [documents, mentioned] = await Promise.all([
      this.repository.findForDocument(documentSlug),
      entitySlugs ? Promise.resolve(entitySlugs) : this.repository.entitiesMentionedIn(documentSlug),
    ]);
    const slugs = entitySlugs ?? [...new Set([...mentioned, ...this.embedded.entitiesPointingInto(documentSlug)])];
    const change = { document: documentSlug, documents, entities: await this.repository.findEntities(slugs) };
    await this.embedded.update(change);
    this.answersChanged++;
    return change;
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
    if (this.meili && (await this.rebuildMeili(documents, reason))) backend = 'meilisearch';
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
    this.indexedVersion = version;
    this.built = true;
    this.answersChanged++;
    return documents;
  }

  /** True when Meilisearch holds the current documents. */
  private async rebuildMeili(documents: SearchDocument[], reason: string): Promise<boolean> {
    try {
      await this.meili!.rebuild(documents, this.progress('meilisearch', reason));
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
