import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A fresh database beside DATABASE_URL's for the length of `work` (given its URL), dropped after,
 * so a benchmark starts empty and leaves nothing behind.
 */
export async function withPostgresDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const base = new URL(process.env.DATABASE_URL!);
  const name = `kubenotes_bench_${randomBytes(4).toString('hex')}`;
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await run(`CREATE DATABASE "${name}"`);
  base.pathname = `/${name}`;
  try {
    return await work(base.toString());
  } finally {
    await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}
