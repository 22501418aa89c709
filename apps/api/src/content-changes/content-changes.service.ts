import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Prisma } from '../../../../generated/prisma/client.js';
import { LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DatabaseService } from '../database/database.service.js';
import type { ContentChange, ContentChangeInput, ContentChangesListener } from './content-change.types.js';
import { CONTENT_CHANNEL, ContentChangesRepository } from './content-changes.repository.js';
import { PostgresNotifications } from './postgres-notifications.js';

interface Unread {
  /** The newest version in the log when it was read. */
  newest: number;
  changes: ContentChange[];
}

/**
 * The content version: which committed writes to the knowledge base this process has seen, its own and
 * every other process's on the same database. Writers record each change inside their transaction
 * (record(), then committed() once it commits); read caches key on `version`; listeners (the search
 * index) are handed the changes other processes made (onChanges()).
 *
 * On PostgreSQL, follow() LISTENs on a connection of its own, so a change reaches every process
 * moments after it commits, and polls the log every CONTENT_POLL_MS as the fallback: a process whose
 * notifications were lost (connection dropped, process paused) catches up from the log. On PGlite
 * there is one process, so nothing is followed: its own writes are all there is.
 */
@Injectable()
export class ContentChanges implements BeforeApplicationShutdown {
  private seen = 0;
  /** Every change up to here has been handed to the listeners (or was this process's own). */
  private applied = 0;
  /** Versions this process recorded and the follower has not passed yet: they are not handed over. */
  private readonly own = new Set<number>();
  private readonly listeners = new Set<ContentChangesListener>();
  private following = false;
  private notifications?: PostgresNotifications;
  private poll?: NodeJS.Timeout;
  private catchingUp?: Promise<void>;
  private again = false;
  private logFailing = false;

  constructor(
    private readonly repository: ContentChangesRepository,
    private readonly database: DatabaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The newest committed version this process knows of; it only grows. Read caches key on it. */
  get version(): number {
    return this.seen;
  }

  /**
   * Records a change as the LAST statement of the writer's transaction, and returns its version: the
   * log is locked from here to the commit (so versions commit in order), and a statement after this
   * that waited on another writer's rows could deadlock with it. Once the transaction commits, call
   * committed(version).
   */
  async record(tx: Prisma.TransactionClient, change: ContentChangeInput): Promise<number> {
    const version = await this.repository.append(tx, change);
    if (this.following) this.own.add(version);
    return version;
  }

  /**
   * The transaction that recorded `version` committed: this process's caches move past it at once,
   * so a read right after a write sees it (without this they would when its notification returns).
   */
  committed(version: number): void {
    this.seen = Math.max(this.seen, version);
  }

  /**
   * Hands `listener` the changes other processes commit, in version order, batched: changes that
   * arrive while a listener is still busy come together in the next call. This process's own changes
   * are not handed over: its writers bring their dependants up to date themselves (IngestEvents), before
   * they answer. A listener that throws gets the same changes again on the next poll.
   */
  onChanges(listener: ContentChangesListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts following other processes' changes (after migrations, before the first write). */
  async follow(): Promise<void> {
    if (this.following || this.notifications) return;
    if (this.database.kind !== 'postgres' || !this.config.databaseUrl) {
      this.seen = Math.max(this.seen, (await this.repository.bounds()).newest);
      this.logger.info('content changes: embedded database, one process; nothing to follow');
      return;
    }
    // Listen before reading where the log ends, so nothing committed in between goes unannounced.
    this.notifications = new PostgresNotifications({
      connectionString: this.config.databaseUrl,
      channel: CONTENT_CHANNEL,
      applicationName: `kubenotes-content:${process.pid}`,
      connectTimeoutMs: this.config.dbConnectTimeoutMs,
      onNotification: (payload) => this.announced(Number(payload)),
      logger: this.logger,
    });
    await this.notifications.start();
    const { newest } = await this.repository.bounds();
    this.seen = Math.max(this.seen, newest);
    this.applied = newest;
    this.following = true;
    this.poll = setInterval(() => void this.catchUp(), this.config.contentPollMs).unref();
    // An announcement that arrived before `following` was set was only counted: catch up on it now.
    void this.catchUp();
    this.logger.info({ version: newest, pollMs: this.config.contentPollMs }, 'content changes: following other processes');
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.following = false;
    clearInterval(this.poll);
    await this.notifications?.stop();
  }

  private announced(version: number): void {
    if (!Number.isSafeInteger(version)) return;
    this.seen = Math.max(this.seen, version);
    if (this.following) void this.catchUp();
  }

  /** One catch-up at a time; calls during one make it run once more when it ends. */
  private catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.again = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      do {
        this.again = false;
        await this.deliverNew();
      } while (this.again && this.following);
    })().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  /** Reads the log past `applied` and hands what other processes wrote to the listeners. */
  private async deliverNew(): Promise<void> {
    let unread: Unread | null;
    try {
      unread = await this.readUnapplied();
    } catch (error) {
      if (!this.logFailing && this.following) this.logger.warn({ err: error }, 'content changes: cannot read the log; retrying at each poll');
      this.logFailing = true;
      return;
    }
    if (this.logFailing) this.logger.info('content changes: the log is readable again');
    this.logFailing = false;
    if (!unread) return;
    if (unread.changes.length > 0 && !(await this.handOver(unread.changes))) return;
    this.applied = unread.newest;
    for (const version of this.own) if (version <= unread.newest) this.own.delete(version);
  }

  /** The changes past `applied`, this process's own left out; null when there are none. */
  private async readUnapplied(): Promise<Unread | null> {
    const { oldest, newest } = await this.repository.bounds();
    if (newest <= this.applied) return null;
    this.seen = Math.max(this.seen, newest);
    // Rows are never missing in the middle: only pruning removes them, oldest first (a gap left by a
    // rolled-back writer merely looks like pruning, and costs one needless rebuild).
    if (oldest !== null && oldest > this.applied + 1) return { newest, changes: [{ version: newest, kind: 'reindex', documentSlug: null }] };
    const changes = (await this.repository.between(this.applied, newest)).filter((change) => !this.own.has(change.version));
    return { newest, changes };
  }

  /** False when a listener failed: `applied` stays, so the next poll hands the same changes over again. */
  private async handOver(changes: readonly ContentChange[]): Promise<boolean> {
    for (const listener of this.listeners) {
      try {
        await listener(changes);
      } catch (error) {
        if (this.following) this.logger.error({ err: error, from: changes[0]!.version, to: changes.at(-1)!.version }, 'content change listener failed; retrying at the next poll');
        return false;
      }
    }
    return true;
  }
}
