/**
 * TRUST_PROXY: whose X-Forwarded-For decides the client address the rate limit counts and the logs
 * show. Never anyone's by default: the header is whatever the client writes.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../apps/api/src/app.factory.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';

interface App {
  app: NestFastifyApplication;
  /** remoteAddress of every "incoming request" log line. */
  loggedClients: string[];
}

let current: App | undefined;

/** The application with a limit of 2 requests, not started (no database work: the limit comes first). */
async function appWith(env: Record<string, string>): Promise<App> {
  const loggedClients: string[] = [];
  const logger = pino({ level: 'info' }, {
    write: (line: string) => {
      const entry = JSON.parse(line) as { msg: string; req?: { remoteAddress: string } };
      if (entry.msg === 'incoming request' && entry.req) loggedClients.push(entry.req.remoteAddress);
    },
  });
  const app = await createApp(loadConfig({ DATA_DIR: 'memory://', RATE_LIMIT_MAX: '2', ...env }), logger);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  current = { app, loggedClients };
  return current;
}

/** Statuses of GET /openapi.json sent with each of these X-Forwarded-For values. */
async function statuses(app: App, forwardedFor: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const value of forwardedFor) out.push((await request(app.app.getHttpServer()).get('/openapi.json').set('x-forwarded-for', value)).status);
  return out;
}

describe('TRUST_PROXY', () => {
  afterEach(async () => {
    await current?.app.close();
    current = undefined;
  });

  it('unset: X-Forwarded-For is ignored, every request counts against the socket\'s address', async () => {
    const app = await appWith({});
    expect(await statuses(app, ['203.0.113.1', '203.0.113.2', '203.0.113.3'])).toEqual([200, 200, 429]);
    expect(app.loggedClients).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
  });

  it('naming the proxy (here the test client, on loopback): the client it forwards for has a budget of its own', async () => {
    const app = await appWith({ TRUST_PROXY: '127.0.0.1' });
    expect(await statuses(app, ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2'])).toEqual([200, 200, 429, 200]);
    expect(app.loggedClients).toEqual(['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2']);
  });

  it('trusts only the proxies named: a client that is not one cannot pick its address by writing the header', async () => {
    const app = await appWith({ TRUST_PROXY: '10.0.0.0/8' });
    expect(await statuses(app, ['203.0.113.1', '203.0.113.2', '203.0.113.3'])).toEqual([200, 200, 429]);
    expect(app.loggedClients).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
  });
});
