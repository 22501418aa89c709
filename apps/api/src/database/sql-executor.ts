import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { PoolClient } from 'pg';

/** Raw SQL on either database, for the migration runner and health checks (Prisma runs everything else). */
export interface SqlExecutor {
  /** Runs one or more statements separated by semicolons. */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

export function pgExecutor(client: PoolClient): SqlExecutor {
  const self: SqlExecutor = {
    async exec(sql) {
      await client.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async transaction(work) {
      await client.query('BEGIN');
      try {
        const result = await work(self);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
  };
  return self;
}

export function pgliteExecutor(db: PGlite | Transaction): SqlExecutor {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async transaction(work) {
      if (!('transaction' in db)) return work(pgliteExecutor(db));
      return db.transaction((tx) => work(pgliteExecutor(tx)));
    },
  };
}
