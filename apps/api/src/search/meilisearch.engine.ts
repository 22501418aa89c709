import { Meilisearch, MeilisearchApiError, type EnqueuedTaskPromise, type Settings, type Task } from 'meilisearch';
import { highlight } from './highlight.js';
import { meiliFilter } from './meilisearch-settings.js';
import type { IndexChange, SearchDocument, SearchEngine, SearchHit, SearchKind, SearchQuery } from './search.types.js';
import type { TextAnalyzer } from './text-analyzer.js';

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string;
  /** The live index searchers use; rebuilds fill `<indexName>_<timestamp>` and swap it in. */
  indexName?: string;
  /** Per HTTP request. */
  timeoutMs?: number;
  /** Per awaited task (document batches of a large rebuild take longest). */
  taskTimeoutMs?: number;
  /** Polling interval while waiting for a task. */
  taskIntervalMs?: number;
  settings: Settings;
}

type MeiliDocument = SearchDocument & { segmented: string };
const BATCH = 500;
/**
 * A rebuild's index older than this was left by a process that died mid-rebuild
 * (a finished or failed rebuild deletes its own). Younger ones may belong to a
 * rebuild still running in another replica, so they are left alone.
 */
export const LEFTOVER_INDEX_AGE_MS = 60 * 60_000;
const KIND_ORDER: Record<SearchKind, number> = { topic: 0, entity: 1, snippet: 2 };

/** Meilisearch behind the search port. Every write waits for its task; a failed task is an error. */
export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  readonly indexName: string;
  private readonly client: Meilisearch;

  constructor(
    private readonly options: MeilisearchEngineOptions,
    private readonly analyzer: TextAnalyzer,
  ) {
    this.indexName = options.indexName ?? 'topics';
    this.client = new Meilisearch({
      host: options.host,
      apiKey: options.apiKey,
      timeout: options.timeoutMs ?? 5000,
      defaultWaitOptions: { timeout: options.taskTimeoutMs ?? 60_000, interval: options.taskIntervalMs ?? 50 },
    });
  }

  /** Fills a new index, then swaps it with the live one and drops the old: searchers never see a half-built index. */
  async rebuild(documents: SearchDocument[], onProgress?: (done: number, total: number) => void): Promise<void> {
    await this.deleteLeftovers();
    const next = `${this.indexName}_${Date.now()}`;
    await this.waitFor(this.client.createIndex(next, { primaryKey: 'id' }), `create index ${next}`);
    try {
      await this.waitFor(this.client.index(next).updateSettings(this.options.settings), `settings of ${next}`);
      for (let i = 0; i < documents.length; i += BATCH) {
        const batch = documents.slice(i, i + BATCH).map((d) => this.toMeili(d));
        await this.waitFor(this.client.index(next).addDocuments(batch), `documents ${i}..${i + batch.length} of ${next}`);
        onProgress?.(i + batch.length, documents.length);
      }
      if (!(await this.exists(this.indexName))) {
        await this.waitFor(this.client.createIndex(this.indexName, { primaryKey: 'id' }), `create index ${this.indexName}`);
      }
      await this.waitFor(this.client.swapIndexes([{ indexes: [this.indexName, next], rename: false }]), `swap ${next} in`);
    } catch (error) {
      await this.client.deleteIndex(next).waitTask().catch(() => undefined); // best effort: do not leave it behind
      throw error;
    }
    // After the swap `next` holds the previous contents.
    await this.waitFor(this.client.deleteIndex(next), `delete old index ${next}`);
  }

  /** Deletes the notes document's entries by filter, then adds its new ones and the changed entities'. */
  async update(change: IndexChange): Promise<void> {
    const index = this.client.index(this.indexName);
    await this.waitFor(index.deleteDocuments({ filter: meiliFilter({ document: [change.document] })! }), `delete entries of ${change.document}`);
    const entries = [...change.documents, ...change.entities].map((d) => this.toMeili(d));
    for (let i = 0; i < entries.length; i += BATCH) {
      await this.waitFor(index.addDocuments(entries.slice(i, i + BATCH)), `entries of ${change.document}`);
    }
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    const filter = meiliFilter({ kind: query.kinds, entityType: query.types });
    const response = await this.client.index<MeiliDocument>(this.indexName).search(this.segmentQuery(query.q), {
      limit: query.limit,
      ...(filter ? { filter } : {}),
      showRankingScore: true,
      matchingStrategy: 'frequency',
      locales: ['cmn', 'eng'],
      attributesToRetrieve: ['id', 'kind', 'slug', 'title', 'text', 'topicSlug', 'aliases'],
    });
    const terms = this.analyzer.queryTerms(query.q);
    return response.hits
      .map((hit, rank) => ({ hit, rank, score: hit._rankingScore ?? 0 }))
      .sort((a, b) => b.score - a.score || KIND_ORDER[a.hit.kind] - KIND_ORDER[b.hit.kind] || a.rank - b.rank)
      .map(({ hit, score }) => ({
        kind: hit.kind,
        slug: hit.slug,
        title: hit.title,
        score: Math.round(score * 1000) / 1000,
        highlight: query.highlight === false ? '' : highlight(hit.text || hit.title, terms),
        topicSlug: hit.topicSlug ?? null,
      }));
  }

  /** Chinese runs pre-cut by jieba, so Meilisearch matches the same words the `segmented` attribute holds. */
  segmentQuery(q: string): string {
    return this.analyzer.words(q).join(' ');
  }

  /** The document as sent: plus `segmented`, the analyzer's terms (jieba words and Han bigrams) of every field. */
  toMeili(doc: SearchDocument): MeiliDocument {
    const terms = this.analyzer.terms([doc.title, ...(doc.headings ?? []), ...doc.aliases, doc.text].join('\n'));
    return { ...doc, segmented: [...new Set(terms)].join(' ') };
  }

  /** Deletes `<indexName>_<timestamp>` indexes older than LEFTOVER_INDEX_AGE_MS. */
  private async deleteLeftovers(): Promise<void> {
    const pattern = new RegExp(`^${this.indexName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_(\\d+)$`);
    const { results } = await this.client.getRawIndexes({ limit: 1000 });
    for (const { uid } of results) {
      const startedAt = Number(pattern.exec(uid)?.[1]);
      if (Date.now() - startedAt > LEFTOVER_INDEX_AGE_MS) {
        await this.waitFor(this.client.deleteIndex(uid), `delete leftover index ${uid}`);
      }
    }
  }

  private async exists(uid: string): Promise<boolean> {
    try {
      await this.client.getRawIndex(uid);
      return true;
    } catch (error) {
      if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return false;
      throw error;
    }
  }

  private async waitFor(enqueued: EnqueuedTaskPromise, what: string): Promise<Task> {
    const task = await enqueued.waitTask();
    if (task.status !== 'succeeded') {
      const reason = task.error ? `${task.error.code}: ${task.error.message}` : 'no error given';
      throw new Error(`Meilisearch task ${task.uid} (${what}) ${task.status}: ${reason}`);
    }
    return task;
  }
}
