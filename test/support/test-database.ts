import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A database of its own for one test file: with DATABASE_URL set (CI's
 * PostgreSQL run), a fresh PostgreSQL database created beside the configured
 * one and dropped afterwards; otherwise an in-memory PGlite (the embedded default).
 */
export interface TestDatabase {
  kind: 'postgres' | 'pglite';
  /** Config values to hand to DatabaseService.open / loadConfig. */
  databaseUrl?: string;
  dataDir: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) return { kind: 'pglite', dataDir: 'memory://', drop: async () => undefined };
  const name = `kubenotes_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = adminUrl(base);
  await withClient(admin, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    databaseUrl: url.toString(),
    dataDir: 'memory://',
    drop: () => withClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

function adminUrl(base: string): string {
  const url = new URL(base);
  url.pathname = '/postgres';
  return url.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
