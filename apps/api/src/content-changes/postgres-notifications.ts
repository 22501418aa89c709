import pg from 'pg';
import type { Logger } from 'pino';

/** First wait before reconnecting; doubles on each failure up to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

export interface PostgresNotificationsOptions {
  connectionString: string;
  channel: string;
  /** Shown in pg_stat_activity, so an operator (or a test) can find this connection. */
  applicationName: string;
  connectTimeoutMs: number;
  onNotification: (payload: string) => void;
  logger: Logger;
}

/**
 * A PostgreSQL connection of its own that LISTENs on one channel. Not from the Prisma pool: a pooled
 * connection goes back to the pool after each query, and its LISTEN with it. When the connection
 * drops it reconnects with backoff; what was announced meanwhile is lost, which is why the caller
 * also polls. Logs once when notifications stop and once when they resume.
 */
export class PostgresNotifications {
  private client?: pg.Client;
  private readonly gone = new WeakSet<pg.Client>();
  private retry?: NodeJS.Timeout;
  private retryMs = FIRST_RETRY_MS;
  private down = false;
  private stopped = false;

  constructor(private readonly options: PostgresNotificationsOptions) {}

  /** Resolves once listening, or once the first attempt failed (retries continue in the background). */
  start(): Promise<void> {
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    if (client) {
      this.gone.add(client);
      await client.end().catch(() => undefined);
    }
  }

  private async connect(): Promise<void> {
    const { connectionString, channel, applicationName, connectTimeoutMs, onNotification } = this.options;
    const client = new pg.Client({ connectionString, application_name: applicationName, connectionTimeoutMillis: connectTimeoutMs, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onNotification(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    if (this.down) this.options.logger.info({ channel }, 'content notifications resumed');
    this.down = false;
  }

  /** Called for a failed attempt and for a connection that dropped; each client counts once. */
  private lost(client: pg.Client, error?: Error): void {
    if (this.stopped || this.gone.has(client)) return;
    this.gone.add(client);
    if (this.client === client) this.client = undefined;
    client.end().catch(() => undefined);
    if (!this.down) {
      this.options.logger.warn({ err: error, channel: this.options.channel }, 'content notifications lost: reconnecting; the poll catches up meanwhile');
      this.down = true;
    }
    this.retry = setTimeout(() => void this.connect(), this.retryMs).unref();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }
}
