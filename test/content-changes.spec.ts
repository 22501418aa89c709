/**
 * ContentChanges against a real database: two "processes" (each its own DatabaseService and
 * ContentChanges, as two replicas have) on one PostgreSQL database, and the single-process PGlite case.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import type { ContentChange, ContentChangeInput } from '../apps/api/src/content-changes/content-change.types.js';
import { ContentChangesRepository, RETAINED_CHANGES } from '../apps/api/src/content-changes/content-changes.repository.js';
import { ContentChanges } from '../apps/api/src/content-changes/content-changes.service.js';
import { DatabaseService } from '../apps/api/src/database/database.service.js';
import { within } from './support/replica.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const POLL_MS = 200;

interface Process {
  database: DatabaseService;
  changes: ContentChanges;
  /** Every batch handed to this process's listener. */
  batches: ContentChange[][];
  logs: string[];
  /** One write transaction that records `change`, as IngestRepository's do. */
  write(change: ContentChangeInput, beforeCommit?: () => Promise<void>): Promise<number>;
  close(): Promise<void>;
}

async function openProcess(options: { databaseUrl?: string; pollMs?: number }): Promise<Process> {
  const database = await DatabaseService.open({ databaseUrl: options.databaseUrl, dataDir: 'memory://', dbConnectTimeoutMs: 3000 });
  await database.migrate();
  const config = loadConfig({ ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}), CONTENT_POLL_MS: String(options.pollMs ?? POLL_MS) });
  const logs: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push((JSON.parse(line) as { msg: string }).msg) });
  const changes = new ContentChanges(new ContentChangesRepository(database), database, config, logger);
  const batches: ContentChange[][] = [];
  changes.onChanges(async (batch) => void batches.push([...batch]));
  return {
    database,
    changes,
    batches,
    logs,
    async write(change, beforeCommit) {
      const version = await database.prisma.$transaction(async (tx) => {
        const recorded = await changes.record(tx, change);
        await beforeCommit?.();
        return recorded;
      });
      changes.committed(version);
      return version;
    },
    async close() {
      await changes.beforeApplicationShutdown();
      await database.close();
    },
  };
}

const delivered = (process: Process) => process.batches.flat().map((change) => change.version);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const withPostgres = process.env.DATABASE_URL ? describe : describe.skip;
if (!process.env.DATABASE_URL) console.warn('content-changes.spec.ts (PostgreSQL part) skipped: set DATABASE_URL');

withPostgres('content changes between two processes on one PostgreSQL database', () => {
  let db: TestDatabase;
  let admin: pg.Client;
  let a: Process;
  let b: Process;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = new pg.Client({ connectionString: db.databaseUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await db?.drop();
  });
  beforeEach(async () => {
    a = await openProcess({ databaseUrl: db.databaseUrl });
    b = await openProcess({ databaseUrl: db.databaseUrl });
    await Promise.all([a.changes.follow(), b.changes.follow()]);
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it("hands one process's committed changes to the other in version order, never to itself", async () => {
    const first = await a.write({ kind: 'document', documentSlug: 'first' });
    expect(a.changes.version).toBe(first); // the writer's caches move at once
    const second = await a.write({ kind: 'ontology' });
    await within(1000, 'B is told', async () => delivered(b).includes(second));
    expect(b.batches.flat()).toEqual([
      { version: first, kind: 'document', documentSlug: 'first' },
      { version: second, kind: 'ontology', documentSlug: null },
    ]);
    expect(b.changes.version).toBe(second);
    await sleep(3 * POLL_MS);
    expect(a.batches).toEqual([]);
  });

  it('never announces a transaction that rolled back', async () => {
    const before = b.changes.version;
    await expect(a.write({ kind: 'document', documentSlug: 'doomed' }, async () => Promise.reject(new Error('rolled back')))).rejects.toThrow('rolled back');
    await sleep(3 * POLL_MS);
    expect(b.batches).toEqual([]);
    expect([a.changes.version, b.changes.version]).toEqual([before, before]);
  });

  it('commits versions in order: a writer waits for an earlier one to commit, so no follower passes a version still to come', async () => {
    const c = await openProcess({ databaseUrl: db.databaseUrl });
    await c.changes.follow();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let recorded!: () => void;
    const firstRecorded = new Promise<void>((resolve) => (recorded = resolve));
    const order: string[] = [];
    const first = a.write({ kind: 'document', documentSlug: 'slow' }, async () => {
      recorded();
      await held;
    }).then((version) => (order.push('first'), version));
    await firstRecorded;
    const second = b.write({ kind: 'document', documentSlug: 'fast' }).then((version) => (order.push('second'), version));
    await sleep(3 * POLL_MS); // long enough for the second to commit, were it not waiting
    release();
    const versions = [await first, await second];
    expect(order).toEqual(['first', 'second']);
    expect(versions[1]).toBeGreaterThan(versions[0]!);
    // A third process, which wrote neither, is told of both, in order.
    try {
      await within(1000, 'C is told of both', async () => delivered(c).length === 2);
      expect(delivered(c)).toEqual(versions);
    } finally {
      await c.close();
    }
  });

  it('changes that arrive while the listener is busy come to it together, in one batch', async () => {
    let release!: () => void;
    const busy = new Promise<void>((resolve) => (release = resolve));
    const calls: number[][] = [];
    b.changes.onChanges(async (batch) => {
      calls.push(batch.map((change) => change.version));
      if (calls.length === 1) await busy;
    });
    const first = await a.write({ kind: 'document', documentSlug: 'one' });
    await within(1000, 'the first call', async () => calls.length === 1);
    const rest = [await a.write({ kind: 'document', documentSlug: 'two' }), await a.write({ kind: 'document', documentSlug: 'three' }), await a.write({ kind: 'derived' })];
    await sleep(3 * POLL_MS);
    expect(calls).toEqual([[first]]);
    release();
    await within(1000, 'the second call', async () => calls.length === 2);
    expect(calls).toEqual([[first], rest]);
  });

  it('hands a failed delivery over again at the next poll', async () => {
    let failures = 0;
    const calls: number[][] = [];
    b.changes.onChanges(async (batch) => {
      calls.push(batch.map((change) => change.version));
      if (failures++ === 0) throw new Error('listener failed');
    });
    const version = await a.write({ kind: 'document', documentSlug: 'retried' });
    await within(1000, 'the retry', async () => calls.length === 2);
    expect(calls).toEqual([[version], [version]]);
    expect(b.logs).toContain('content change listener failed; retrying at the next poll');
  });

  it('tells a process that missed changes the log no longer holds to read everything (reindex)', async () => {
    const slow = await openProcess({ databaseUrl: db.databaseUrl, pollMs: 600_000 });
    try {
      await slow.changes.follow();
      const listener = async () => (await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = $1", [`kubenotes-content:${process.pid}`])).rows.map((r) => r.pid);
      // Every process here shares this Jest worker's pid: end all their notification connections.
      for (const pid of await listener()) await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      const missed = await a.write({ kind: 'document', documentSlug: 'missed' });
      // The log is pruned past what `slow` has read (as record() does past RETAINED_CHANGES).
      await admin.query('DELETE FROM content_changes WHERE version <= $1', [missed]);
      await within(10_000, 'the notification connections are back', async () => (await listener()).length === 3);
      const next = await a.write({ kind: 'document', documentSlug: 'next' });
      await within(2000, 'slow is told', async () => slow.batches.length > 0);
      expect(slow.batches).toEqual([[{ version: next, kind: 'reindex', documentSlug: null }]]);
    } finally {
      await slow.close();
    }
  });
});

withPostgres('the content log keeps the newest changes', () => {
  let db: TestDatabase;
  let a: Process;
  beforeAll(async () => {
    db = await createTestDatabase();
    a = await openProcess({ databaseUrl: db.databaseUrl });
  });
  afterAll(async () => {
    await a?.close();
    await db?.drop();
  });

  it(`record() prunes what is older than the newest ${RETAINED_CHANGES}`, async () => {
    await a.database.sql(async (sql) => {
      await sql.query("INSERT INTO content_changes (version, kind) SELECT g, 'document' FROM generate_series(1, 150) AS g");
      // The next version is 10100: a pruning write, which keeps versions 101..10100.
      await sql.query("SELECT setval('content_changes_version_seq', $1)", [RETAINED_CHANGES + 99]);
    });
    expect(await a.write({ kind: 'document', documentSlug: 'pruning' })).toBe(RETAINED_CHANGES + 100);
    expect(await new ContentChangesRepository(a.database).bounds()).toEqual({ oldest: 101, newest: RETAINED_CHANGES + 100 });
  });
});

describe('content changes on PGlite (one process)', () => {
  let a: Process;
  beforeAll(async () => {
    a = await openProcess({});
  });
  afterAll(async () => {
    await a?.close();
  });

  it('moves the version with each committed write, follows nothing and hands nothing over', async () => {
    await a.changes.follow();
    expect(a.logs).toContain('content changes: embedded database, one process; nothing to follow');
    const first = await a.write({ kind: 'ontology' });
    const second = await a.write({ kind: 'document', documentSlug: 'only' });
    expect([first, second, a.changes.version]).toEqual([first, first + 1, first + 1]);
    await sleep(3 * POLL_MS);
    expect(a.batches).toEqual([]);
  });
});
