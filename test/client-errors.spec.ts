import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Sends raw bytes, as a client that does not percent-encode would, and returns the raw answer. */
function rawRequest(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('requests the HTTP parser refuses', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(() => t.close());

  it('answers a raw UTF-8 URL (curl without encoding) with a 400 problem that says how to fix it', async () => {
    const answer = await rawRequest(port, Buffer.from('GET /api/v1/search?q=无头服务 HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8'));
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(body!)).toMatchObject({ status: 400, title: 'Bad Request', detail: expect.stringContaining('percent-encode') });
  });

  it('answers a malformed header with a 400 problem', async () => {
    const answer = await rawRequest(port, Buffer.from('GET /health/live HTTP/1.1\r\nBad Header\r\n\r\n'));
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!).status).toBe(400);
  });
});
