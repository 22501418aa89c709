import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { ShutdownAwareFastifyAdapter } from '../apps/api/src/http/shutdown-answer.js';
import { buildIfStale, startService, type ServiceProcess } from './support/service-process.js';
import { startTestApp } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** The SIGTERM deadline we promise Kubernetes (terminationGracePeriodSeconds is larger). */
const EXIT_WITHIN_MS = 5000;

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with the connection error code once connecting fails (the server stopped listening). */
async function refusedWithin(port: number, ms: number): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      (await openSocket(port)).destroy();
    } catch (error) {
      return (error as { code: string }).code;
    }
    if (Date.now() > deadline) throw new Error(`port ${port} still accepts connections after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Reads one whole HTTP/1.1 response (headers and content-length body) from a socket. */
function readResponse(socket: Socket): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    let raw = '';
    const tryParse = () => {
      const end = raw.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const body = raw.slice(end + 4);
      if (Buffer.byteLength(body) < Number(headers['content-length'] ?? 0)) return;
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body });
    };
    socket.on('data', (chunk) => {
      raw += chunk.toString();
      tryParse();
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`connection closed before a whole response arrived: ${JSON.stringify(raw)}`)));
  });
}

async function waitReady(port: number, service: ServiceProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`service exited during start-up:\n${service.output()}`);
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
    if (res?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`service not ready within ${ms} ms:\n${service.output()}`);
}

describe('graceful shutdown of the compiled service (node dist/apps/api/src/main.js)', () => {
  let db: TestDatabase;
  let service: ServiceProcess;

  beforeAll(async () => {
    buildIfStale();
    db = await createTestDatabase();
    service = await startService(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : { DATA_DIR: 'memory://' });
    await waitReady(service.port, service, 90000);
  }, 150000);
  afterAll(async () => {
    if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGKILL');
    service.child.stdout?.destroy();
    service.child.stderr?.destroy();
    await db?.drop();
  });

  it('on SIGTERM stops accepting connections, finishes the request in flight, and exits 0', async () => {
    // A request naturally in flight: headers sent, body still arriving.
    const body = JSON.stringify({ name: 'shutdown-probe.md', content: '# Probe\n\nA request that was in flight during SIGTERM.\n' });
    const inFlight = await openSocket(service.port);
    const response = readResponse(inFlight);
    inFlight.write(
      `POST /api/v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    inFlight.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 200));

    const signalledAt = Date.now();
    service.child.kill('SIGTERM');

    // New connections are refused while the old one is still open.
    expect(await refusedWithin(service.port, 3000)).toBe('ECONNREFUSED');
    expect(inFlight.destroyed).toBe(false);

    // The request in flight still gets its whole, ordinary answer (not a shutdown 503, not a reset).
    inFlight.end(body.slice(10));
    const answer = await response;
    inFlight.destroy();
    expect(answer.status).not.toBe(503);
    expect(answer.status).toBeLessThan(500);
    expect(answer.headers['content-type']).toMatch(/^application\/(problem\+)?json/);
    expect(() => JSON.parse(answer.body)).not.toThrow();

    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      service.exited,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no exit within ${EXIT_WITHIN_MS} ms:\n${service.output()}`)), EXIT_WITHIN_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(EXIT_WITHIN_MS);
    expect(service.output()).not.toMatch(/"level":(50|60)/); // no error or fatal log on the way out
  }, 20000);
});

describe('requests that arrive during shutdown', () => {
  it('get a 503 problem with Connection: close once shutdown has begun', async () => {
    const t = await startTestApp();
    try {
      await request(t.server).get('/api/v1/topics/service').expect(200);
      // The first thing Nest's close() does, before the shutdown hooks close the database.
      (t.app.getHttpAdapter() as ShutdownAwareFastifyAdapter).beforeClose();
      const res = await request(t.server).get('/api/v1/topics/service').expect(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers.connection).toBe('close');
      expect(res.body).toMatchObject({ status: 503, instance: '/api/v1/topics/service' });
      expect(res.body.detail).toMatch(/shutting down/);
    } finally {
      await t.close();
    }
  }, 180_000);
});
