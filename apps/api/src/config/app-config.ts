import { compile as compileTrust } from '@fastify/proxy-addr';
import { z } from 'zod';

/** Everything the service reads from its environment, validated once at start-up. */
export interface AppConfig {
  port: number;
  host: string;
  /** A real PostgreSQL server; undefined means embedded PGlite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  meiliUrl?: string;
  meiliApiKey?: string;
  adminApiKey?: string;
  retrievalApiKey?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Folder of notes ingested when the database is empty. */
  seedDir: string;
  /** A folder of the user's own ontology YAML (entities, relations), added to the built-in one. */
  ontologyDir?: string;
  /** Milliseconds a new database connection may take before the request fails with 503. */
  dbConnectTimeoutMs: number;
  /** Requests one client IP may make per rate-limit window. */
  rateLimitMax: number;
  rateLimitWindowMs: number;
  /** Browser origins allowed by CORS; empty sends no CORS headers, ['*'] allows any. */
  corsOrigins: string[];
  /** Answers the response cache keeps (ResponseCache); 0 turns it off. */
  responseCacheEntries: number;
  /** Redis holding the rate-limit counters, shared by every replica; undefined counts per process. */
  redisUrl?: string;
  /**
   * Whose X-Forwarded-For to believe (Fastify's trustProxy): false, the socket's peer is the client;
   * or the proxies' addresses and CIDR ranges.
   */
  trustProxy: false | string[];
  /** How often (ms) each process reads the newest content version, when a notification was missed. */
  contentPollMs: number;
  /**
   * Where clients reach this service (http(s), no trailing slash), for links in MCP answers; undefined:
   * the request's Host over HTTP, http://127.0.0.1:PORT over stdio. Never the bind address (0.0.0.0 in a pod).
   */
  publicUrl?: string;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const optional = z
  .string()
  .transform((value) => value.trim())
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const url = (protocols: string[]) =>
  optional.refine(
    (value) => value === undefined || protocols.some((p) => value.startsWith(`${p}://`)) && URL.canParse(value),
    { message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}` },
  );

/** An http(s) base URL clients can reach, without query or fragment; the trailing slash is dropped. */
const publicUrl = url(['http', 'https'])
  .refine((value) => value === undefined || (!value.includes('?') && !value.includes('#')), { message: 'must not have a query or fragment' })
  .transform((value) => value?.replace(/\/+$/, ''));

const integer = (fallback: number, min: number, max: number) =>
  optional
    .transform((value) => (value === undefined ? fallback : Number(value)))
    .refine((value) => Number.isInteger(value) && value >= min && value <= max, {
      message: `must be a whole number from ${min} to ${max}`,
    });

/** Fastify's own parser of trusted proxies: a value it accepts here is one it accepts at start-up. */
function trustsProxies(entries: string[]): boolean {
  try {
    compileTrust(entries);
    return true;
  } catch {
    return false;
  }
}

/**
 * Unset trusts no proxy: X-Forwarded-For is anyone's to write, so believing it by default would let any
 * client choose its own rate-limit key. A hop count is refused: Fastify 5 ignores it (it cannot tell a
 * proxy from a client that connects directly and writes the header itself).
 */
const trustProxy = optional
  .transform((value) => (value === undefined ? false : value.split(',').map((entry) => entry.trim()).filter(Boolean)))
  .refine((value) => value === false || (value.length > 0 && !value.some((entry) => /^\d+$/.test(entry)) && trustsProxies(value)), {
    message: 'must be a comma-separated list of the proxies\' addresses or CIDR ranges (or loopback, linklocal, uniquelocal); hop counts are not accepted',
  });

const schema = z.object({
  PORT: integer(3000, 0, 65535),
  HOST: optional.transform((value) => value ?? '127.0.0.1'),
  DATABASE_URL: url(['postgres', 'postgresql']),
  DATA_DIR: optional.transform((value) => value ?? './.data'),
  MEILI_URL: url(['http', 'https']),
  MEILI_API_KEY: optional,
  ADMIN_API_KEY: optional,
  RETRIEVAL_API_KEY: optional,
  LOG_LEVEL: optional
    .transform((value) => value ?? 'info')
    .pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  SEED_DIR: optional.transform((value) => value ?? 'seed/notes'),
  ONTOLOGY_DIR: optional,
  DB_CONNECT_TIMEOUT_MS: integer(3000, 100, 60000),
  RATE_LIMIT_MAX: integer(600, 1, 1_000_000),
  RATE_LIMIT_WINDOW_MS: integer(60000, 1000, 86_400_000),
  RESPONSE_CACHE_ENTRIES: integer(1000, 0, 100_000),
  REDIS_URL: url(['redis', 'rediss']),
  TRUST_PROXY: trustProxy,
  CONTENT_POLL_MS: integer(2000, 100, 600_000),
  PUBLIC_URL: publicUrl,
  CORS_ORIGINS: optional
    .transform((value) => (value ?? '').split(',').map((origin) => origin.trim()).filter(Boolean))
    .refine((origins) => origins.every((origin) => origin === '*' || /^https?:\/\/[^/]+$/.test(origin)), {
      message: 'must be * or a comma-separated list of origins such as https://example.com',
    }),
});

/** Reads and validates the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(variable, `${issue.message} (got ${JSON.stringify(env[variable] ?? '')})`);
  }
  const v = parsed.data;
  return {
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL,
    dataDir: v.DATA_DIR,
    meiliUrl: v.MEILI_URL,
    meiliApiKey: v.MEILI_API_KEY,
    adminApiKey: v.ADMIN_API_KEY,
    retrievalApiKey: v.RETRIEVAL_API_KEY,
    logLevel: v.LOG_LEVEL,
    seedDir: v.SEED_DIR,
    ontologyDir: v.ONTOLOGY_DIR,
    dbConnectTimeoutMs: v.DB_CONNECT_TIMEOUT_MS,
    rateLimitMax: v.RATE_LIMIT_MAX,
    rateLimitWindowMs: v.RATE_LIMIT_WINDOW_MS,
    corsOrigins: v.CORS_ORIGINS,
    responseCacheEntries: v.RESPONSE_CACHE_ENTRIES,
    redisUrl: v.REDIS_URL,
    trustProxy: v.TRUST_PROXY,
    contentPollMs: v.CONTENT_POLL_MS,
    publicUrl: v.PUBLIC_URL,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
