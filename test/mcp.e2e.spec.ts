import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import request from 'supertest';
import { splitLines } from '../seed/parser/parse-document.js';
import { buildIfStale } from './support/service-process.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const root = new URL('..', import.meta.url).pathname;
const STDIO_JS = join(root, 'dist/apps/api/src/mcp/stdio.js');
const TOOLS = ['compare', 'fetch', 'get_entity', 'get_topic', 'neighbors', 'retrieve', 'search'];
const squash = (s: string) => s.replace(/\s+/g, '');
/** Both servers seed from seed/notes, so a cited document is a file there. */
const documentLines = (name: string) => splitLines(readFileSync(join(root, 'seed/notes', name), 'utf8'));
const cited = (c: { document: string; lineStart: number; lineEnd: number }) =>
  documentLines(c.document).slice(c.lineStart - 1, c.lineEnd).join('\n');

const text = (r: CallToolResult) => (r.content[0] as { type: 'text'; text: string }).text;
const call = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;

/** The same checks over either transport: every tool answers, and answers cite real lines. */
function describeTools(label: string, connect: () => Client) {
  describe(`MCP tools over ${label}`, () => {
    it('lists the seven tools, each with an input schema and a description', async () => {
      const { tools } = await connect().listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
      for (const tool of tools) {
        expect(tool.inputSchema.type).toBe('object');
        expect(Object.keys(tool.inputSchema.properties ?? {}).length).toBeGreaterThan(0);
        expect(tool.description!.length).toBeGreaterThan(40);
      }
    });

    it('search returns ChatGPT-style results and fetch returns the cited text', async () => {
      const found = JSON.parse(text(await call(connect(), 'search', { query: 'headless service' })));
      expect(found.results.length).toBeGreaterThan(0);
      for (const r of found.results) expect(Object.keys(r).sort()).toEqual(['id', 'title', 'url']);
      const topicId = found.results.find((r: { id: string }) => r.id.startsWith('topic:')).id;
      const doc = JSON.parse(text(await call(connect(), 'fetch', { id: topicId })));
      expect(Object.keys(doc).sort()).toEqual(['id', 'metadata', 'text', 'title', 'url']);
      expect(doc.id).toBe(topicId);
      expect(doc.url).toMatch(/^http:\/\/.+\/api\/v1\/topics\//);
      const lines = squash(cited(doc.metadata));
      expect(lines).toContain(squash(doc.title));
      const entity = JSON.parse(text(await call(connect(), 'fetch', { id: 'entity:headless' })));
      expect(entity).toMatchObject({ id: 'entity:headless', title: 'Headless' });
    });

    it('get_topic quotes the topic with its source lines', async () => {
      const result = await call(connect(), 'get_topic', { slug: 'headless-service' });
      const topic = result.structuredContent as { body: string; source: { document: string; lineStart: number; lineEnd: number } };
      expect(text(result)).toContain(`lines ${topic.source.lineStart}-${topic.source.lineEnd}`);
      expect(squash(cited(topic.source))).toContain(squash(topic.body));
    });

    it('get_entity, neighbors and compare describe entities', async () => {
      const entity = await call(connect(), 'get_entity', { slug: 'headless' });
      expect(text(entity)).toMatch(/^# Headless \(SERVICE_TYPE, headless\)/);
      expect(text(entity)).toContain('无头服务');
      const near = await call(connect(), 'neighbors', { slug: 'headless', depth: 1 });
      const nodes = (near.structuredContent as { nodes: Array<{ slug: string }> }).nodes.map((n) => n.slug);
      expect(nodes).toContain('headless');
      expect(nodes.length).toBeGreaterThan(1);
      expect(text(near)).toContain('Relations:');
      const table = text(await call(connect(), 'compare', { entities: ['clusterip', 'nodeport'] }));
      expect(table.split('\n')[0]).toBe('| attribute | ClusterIP | NodePort |');
    });

    it('retrieve answers passages whose citations contain them', async () => {
      const result = await call(connect(), 'retrieve', { query: '无头服务有什么用', topK: 4 });
      const passages = (result.structuredContent as { passages: Array<{ text: string; citation: { document: string; lineStart: number; lineEnd: number } }> }).passages;
      expect(passages.length).toBeGreaterThan(0);
      for (const p of passages) {
        expect(squash(cited(p.citation))).toContain(squash(p.text));
        expect(text(result)).toContain(`${p.citation.document}, line`);
      }
    });

    it('answers an unknown slug or a bad argument as a tool error a model can read', async () => {
      const missing = await call(connect(), 'get_topic', { slug: 'no-such-topic' });
      expect(missing.isError).toBe(true);
      expect(text(missing)).toContain("No topic with slug 'no-such-topic'");
      const bad = await call(connect(), 'neighbors', { slug: 'headless', depth: 9 });
      expect(bad.isError).toBe(true);
    });
  });
}

describe('MCP', () => {
  let t: TestApp;
  let url: string;
  let http: Client;
  let stdio: Client;
  let stdioDatabase: TestDatabase;
  const stdioErrors: Error[] = [];
  let stderr = '';

  beforeAll(async () => {
    buildIfStale();
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    http = new Client({ name: 'kubenotes-test', version: '1.0.0' });
    await http.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)), { timeout: 120_000 });

    stdioDatabase = await createTestDatabase();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [STDIO_JS],
      cwd: '/', // MCP clients launch servers from anywhere
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'info',
        DATA_DIR: stdioDatabase.dataDir,
        ...(stdioDatabase.databaseUrl ? { DATABASE_URL: stdioDatabase.databaseUrl } : {}),
      },
      stderr: 'pipe',
    });
    (transport.stderr as PassThrough).on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    transport.onerror = (error) => stdioErrors.push(error);
    stdio = new Client({ name: 'kubenotes-test', version: '1.0.0' });
    // Generous: on a busy machine the process needs a while to start before it can answer.
    await stdio.connect(transport, { timeout: 240_000 });
    // The server answers the handshake before its data is loaded; the first call waits for it (slow on a busy machine).
    await stdio.callTool({ name: 'get_entity', arguments: { slug: 'headless' } }, undefined, { timeout: 240_000 });
  }, 600_000);

  afterAll(async () => {
    await stdio?.close();
    await http?.close();
    await t?.close();
    await stdioDatabase?.drop();
  });

  describeTools('streamable HTTP at /mcp', () => http);
  describeTools('stdio (the compiled `npm run mcp` entry point)', () => stdio);

  it('keeps stdout for the protocol: logs went to stderr, and no stdout line failed to parse', () => {
    expect(stdioErrors).toEqual([]);
    expect(stderr).toContain('"msg":"MCP server ready on stdio"');
  });

  it('answers GET and DELETE on /mcp with 405: the endpoint is stateless', async () => {
    await request(t.server).get('/mcp').expect(405).expect('allow', 'POST');
    await request(t.server).delete('/mcp').expect(405);
  });
});
