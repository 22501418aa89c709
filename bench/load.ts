import autocannon from 'autocannon';
import { cpuSeconds } from './cpu.js';

export interface RouteRequest {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

export interface LoadResult {
  name: string;
  method: string;
  path: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Server CPU milliseconds per request (user + system), when the server's pid is known. */
  cpuMsPerRequest: number | null;
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

function options(baseUrl: string, route: RouteRequest, connections: number, duration: number) {
  return {
    url: baseUrl + route.path,
    method: route.method,
    connections,
    duration,
    ...(route.body === undefined ? {} : { body: JSON.stringify(route.body), headers: { 'content-type': 'application/json' } }),
  };
}

/** A warm-up (JIT, caches, connection set-up) that is thrown away, then the measured run. */
export async function measure(baseUrl: string, route: RouteRequest, opts: LoadOptions, serverPid?: number): Promise<LoadResult> {
  if (opts.warmupSeconds > 0) await autocannon(options(baseUrl, route, opts.connections, opts.warmupSeconds));
  const cpuBefore = cpuSeconds(serverPid);
  const result = await autocannon(options(baseUrl, route, opts.connections, opts.durationSeconds));
  const cpuAfter = cpuSeconds(serverPid);
  const cpuMsPerRequest =
    cpuBefore === null || cpuAfter === null || result.requests.total === 0
      ? null
      : Math.round(((cpuAfter - cpuBefore) * 1000 * 1000) / result.requests.total) / 1000;
  return {
    name: route.name,
    method: route.method,
    path: route.path,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuMsPerRequest,
  };
}

/** One request, checked: a route that answers errors would benchmark the error path. */
export async function fetchOnce(baseUrl: string, route: RouteRequest): Promise<{ body: Buffer; contentType: string; headers: Headers }> {
  const response = await fetch(baseUrl + route.path, {
    method: route.method,
    ...(route.body === undefined ? {} : { body: JSON.stringify(route.body), headers: { 'content-type': 'application/json' } }),
  });
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`${route.name}: ${route.method} ${route.path} answered ${response.status}: ${body.toString().slice(0, 500)}`);
  const json = JSON.parse(body.toString()) as { errors?: unknown };
  if (json.errors) throw new Error(`${route.name}: GraphQL errors: ${JSON.stringify(json.errors).slice(0, 500)}`);
  return { body, contentType: response.headers.get('content-type') ?? 'application/json', headers: response.headers };
}
