import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../../../generated/prisma/client.js';
import type { AppConfig } from '../config/app-config.js';
import { projectRoot } from '../common/project-root.js';
import { migrate, readMigrations, type MigrationReport } from './migrator.js';
import { pgExecutor, pgliteExecutor, type SqlExecutor } from './sql-executor.js';

export type DatabaseKind = 'postgres' | 'pglite';

const QUERY_TIMEOUT_MS = 20_000;

/**
 * The one way to the database: a PrismaClient over a driver adapter, PostgreSQL
 * when DATABASE_URL is set and embedded PGlite otherwise. Repositories use
 * `prisma`; the migration runner and health check use raw SQL through the same connection.
 */
export class DatabaseService {
  private constructor(
    readonly kind: DatabaseKind,
    readonly prisma: PrismaClient,
    private readonly withExecutor: <T>(work: (db: SqlExecutor) => Promise<T>) => Promise<T>,
    private readonly closeDriver: () => Promise<void>,
  ) {}

  static async open(config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'dbConnectTimeoutMs'>): Promise<DatabaseService> {
    if (config.databaseUrl) {
      const pool = new pg.Pool({
        connectionString: config.databaseUrl,
        // pg waits forever for a connection by default; fail fast so callers get a 503.
        connectionTimeoutMillis: config.dbConnectTimeoutMs,
        // A pooled connection whose server vanished without a FIN would otherwise
        // hang its next query forever: keepalive finds dead peers, and no single
        // statement (ingest batches included) should ever take this long.
        keepAlive: true,
        query_timeout: QUERY_TIMEOUT_MS,
        max: 10,
      });
      pool.on('error', () => undefined); // idle clients dying with the server must not crash the process
      const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
      return new DatabaseService(
        'postgres',
        prisma,
        async (work) => {
          const client = await pool.connect();
          try {
            return await work(pgExecutor(client));
          } finally {
            client.release();
          }
        },
        async () => {
          await prisma.$disconnect();
          await pool.end();
        },
      );
    }
    const dataDir = config.dataDir === 'memory://' ? 'memory://' : resolve(config.dataDir, 'pglite');
    if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
    return DatabaseService.overPGlite(await PGlite.create(dataDir));
  }

  /** Over an open PGlite, which it closes on close(); tests hand it one cloned from a migrated template. */
  static overPGlite(pglite: PGlite): DatabaseService {
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return new DatabaseService(
      'pglite',
      prisma,
      (work) => work(pgliteExecutor(pglite)),
      async () => {
        await prisma.$disconnect();
        await pglite.close();
      },
    );
  }

  migrate(migrationsDir = join(projectRoot(), 'prisma', 'migrations')): Promise<MigrationReport> {
    return this.withExecutor((db) => migrate(db, readMigrations(migrationsDir)));
  }

  /** Raw SQL for checks that Prisma's query builder cannot express. */
  sql<T>(work: (db: SqlExecutor) => Promise<T>): Promise<T> {
    return this.withExecutor(work);
  }

  async ping(): Promise<void> {
    await this.withExecutor((db) => db.query('SELECT 1'));
  }

  close(): Promise<void> {
    return this.closeDriver();
  }
}
