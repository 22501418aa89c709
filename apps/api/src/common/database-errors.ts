/**
 * Recognises "the database is not there right now" in whatever shape the
 * driver stack reports it — pg socket errors, pg-pool timeouts, Prisma's
 * driver-adapter errors, a closed PGlite — so the problem-details filter can
 * answer 503 (retry later) instead of 500 (our bug). Pure: no I/O, no imports
 * of the drivers, so it also classifies errors it has never seen wrapped.
 */

/** Node socket errors meaning the server cannot be reached or went away. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** Prisma: can't reach server, timed out, server closed the connection, pool timeout. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);

/** Prisma driver-adapter error kinds for a lost or unreachable server. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01-57P03 (server
 * shutting down or not yet accepting), 53300 (too many connections).
 */
const SQLSTATE = /^(08\d{3}|57P0[1-3]|53300)$/;

/** Messages of errors that carry no code: pg-pool's connect timeout, pg's lost socket, PGlite after close. */
const MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Client has encountered a connection error and is not queryable/i,
  /PGlite is closed/i,
  /Can't reach database server/i,
  /Server has closed the connection/i,
];

interface ErrorLike {
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: unknown };
}

/** True when `error`, or anything in its cause chain, says the database is unreachable or lost. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const e = current as ErrorLike;
    if (typeof e.code === 'string' && (SOCKET_CODES.has(e.code) || PRISMA_CODES.has(e.code) || SQLSTATE.test(e.code))) return true;
    if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === 'string' && MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
    pending.push(e.cause, e.meta?.driverAdapterError);
    if (Array.isArray(e.errors)) pending.push(...e.errors); // AggregateError from dual-stack connects
  }
  return false;
}
