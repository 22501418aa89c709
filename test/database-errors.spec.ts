import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { isDatabaseUnavailable } from '../apps/api/src/common/database-errors.js';
import { toProblem } from '../apps/api/src/common/problem-details.filter.js';

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

/** Real errors from the real drivers (no PostgreSQL needed): each must be classified as "database unavailable". */
describe('database connection errors become 503', () => {
  let closedPort: number;
  const silent = createServer(() => undefined); // accepts, never answers
  const hangUp = createServer((socket) => socket.destroy()); // accepts, hangs up at once
  let silentPort: number;
  let hangUpPort: number;

  beforeAll(async () => {
    const probe = createServer();
    closedPort = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    silentPort = await listen(silent);
    hangUpPort = await listen(hangUp);
  });
  afterAll(() => {
    silent.close();
    hangUp.close();
  });

  const url = (port: number) => `postgresql://postgres@127.0.0.1:${port}/postgres`;

  it('pg: connection refused (ECONNREFUSED)', async () => {
    const error = await rejection(new pg.Client({ connectionString: url(closedPort) }).connect());
    expect((error as { code: string }).code).toBe('ECONNREFUSED');
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("pg-pool: a server that never answers ('Connection terminated due to connection timeout', then 'timeout exceeded when trying to connect' for the queued caller)", async () => {
    const pool = new pg.Pool({ connectionString: url(silentPort), connectionTimeoutMillis: 200, max: 1 });
    const [connecting, queued] = await Promise.all([rejection(pool.query('SELECT 1')), rejection(pool.query('SELECT 1'))]);
    await pool.end();
    expect((connecting as Error).message).toMatch(/Connection terminated due to connection timeout/);
    expect((queued as Error).message).toMatch(/timeout exceeded when trying to connect/);
    expect(isDatabaseUnavailable(connecting)).toBe(true);
    expect(isDatabaseUnavailable(queued)).toBe(true);
  });

  it("pg: 'Connection terminated unexpectedly'", async () => {
    const error = await rejection(new pg.Client({ connectionString: url(hangUpPort) }).connect());
    expect((error as Error).message).toMatch(/Connection terminated/);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('Prisma over the pg driver adapter: unreachable server (P1001, DatabaseNotReachable)', async () => {
    const pool = new pg.Pool({ connectionString: url(closedPort) });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const error = await rejection(prisma.$queryRaw`SELECT 1`);
    await prisma.$disconnect();
    await pool.end().catch(() => undefined);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toProblem(error, '/x')).toMatchObject({ status: 503, title: 'Service Unavailable', instance: '/x' });
  });

  it('PGlite after close', async () => {
    const db = await PGlite.create('memory://');
    await db.close();
    const error = await rejection(db.query('SELECT 1'));
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('a PostgreSQL shutdown (SQLSTATE 57P01) found in a cause chain', () => {
    const error = new Error('query failed', { cause: { code: '57P01', message: 'terminating connection due to administrator command' } });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('but not bugs or bad input: those stay 500 / 4xx', () => {
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable({ code: 'P2002', message: 'Unique constraint failed' })).toBe(false);
    expect(isDatabaseUnavailable({ code: '42601', message: 'syntax error at or near "SELEC"' })).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(toProblem(new Error('boom')).status).toBe(500);
  });
});
