import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import request from 'supertest';
import { DatabaseService } from '../apps/api/src/database/database.service.js';
import { DocumentsService } from '../apps/api/src/documents/documents.service.js';
import { splitLines } from '../seed/parser/parse-document.js';
import { buildIfStale } from './support/service-process.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const root = new URL('..', import.meta.url).pathname;
const STDIO_JS = join(root, 'dist/apps/api/src/mcp/stdio.js');
const TOOLS = ['check_manifest', 'compare', 'fetch', 'get_entity', 'get_topic', 'neighbors', 'retrieve', 'search'];
const STDIO_PUBLIC_URL = 'https://notes.example.com/kb';
/** A document of many topics in the HTTP server's database, so resources/list needs several pages. */
const MANY = { name: 'extra/many-topics.md', topics: 150 };
const squash = (s: string) => s.replace(/\s+/g, '');
/** The seed notes, and the HTTP server's extra document, by name. */
const extraLines = splitLines(`# Many topics\n\n${Array.from({ length: MANY.topics }, (_, i) => `## Topic ${i}\n\nText of topic ${i}.\n`).join('\n')}`);
const documentLines = (name: string) => (name === MANY.name ? extraLines : splitLines(readFileSync(join(root, 'seed/notes', name), 'utf8')));
const cited = (c: { document: string; lineStart: number; lineEnd: number }) =>
  documentLines(c.document).slice(c.lineStart - 1, c.lineEnd).join('\n');

const text = (r: CallToolResult) => (r.content[0] as { type: 'text'; text: string }).text;
const call = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;
const validator = new AjvJsonSchemaValidator();

interface MarkdownContent {
  uri: string;
  mimeType: string;
  text: string;
  _meta: { citation: { document: string; lineStart: number; lineEnd: number }; url: string };
}
const markdown = async (client: Client, uri: string) => (await client.readResource({ uri })).contents as unknown as MarkdownContent[];

/** A call that must fail with this JSON-RPC error code. */
async function rejectsWith(promise: Promise<unknown>, code: number): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(McpError);
  expect((error as McpError).code).toBe(code);
  return (error as McpError).message;
}

/** Every resource, following nextCursor; the number of pages too. */
async function listAll(client: Client) {
  const resources = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await client.listResources(cursor === undefined ? {} : { cursor });
    resources.push(...page.resources);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== undefined && pages < 50);
  return { resources, pages };
}

/** The same checks over either transport. `base` is where result URLs must point. */
function describeServer(label: string, connect: () => Client, base: () => string) {
  describe(`MCP tools over ${label}`, () => {
    let tools: Tool[];
    beforeAll(async () => {
      tools = (await connect().listTools()).tools;
    });

    it('lists the eight tools, each with an input schema, an output schema and a description', () => {
      expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
      for (const tool of tools) {
        expect(tool.inputSchema.type).toBe('object');
        expect(Object.keys(tool.inputSchema.properties ?? {}).length).toBeGreaterThan(0);
        expect(tool.outputSchema?.type).toBe('object');
        expect(Object.keys(tool.outputSchema?.properties ?? {}).length).toBeGreaterThan(0);
        expect(tool.description!.length).toBeGreaterThan(40);
      }
    });

    it('every tool answers structuredContent that its output schema accepts (the SDK\'s own validator), and the schemas do reject', async () => {
      const calls: Array<[string, Record<string, unknown>]> = [
        ['search', { query: 'headless service' }], ['fetch', { id: 'topic:headless-service' }], ['fetch', { id: 'entity:headless' }],
        ['get_topic', { slug: 'headless-service' }], ['get_entity', { slug: 'headless' }], ['neighbors', { slug: 'headless', depth: 2 }],
        ['compare', { entities: ['clusterip', 'nodeport', 'loadbalancer'] }], ['retrieve', { query: 'Ingress extensions/v1beta1', topK: 8 }],
        ['check_manifest', { yaml: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n' }],
      ];
      for (const [name, args] of calls) {
        const result = await call(connect(), name, args);
        expect({ name, isError: result.isError ?? false }).toEqual({ name, isError: false });
        const validate = validator.getValidator(tools.find((t) => t.name === name)!.outputSchema!);
        expect({ name, ...validate(result.structuredContent) }).toMatchObject({ name, valid: true });
        expect(text(result).length).toBeGreaterThan(0);
        // Negative control: the same content with a field of the wrong type is refused.
        const broken = { ...result.structuredContent, [Object.keys(result.structuredContent!)[0]!]: 12345 };
        expect({ name, valid: validate(broken).valid }).toEqual({ name, valid: false });
      }
    });

    it('search returns ChatGPT-style results whose URLs use the public base, and fetch returns the cited text', async () => {
      const found = (await call(connect(), 'search', { query: 'headless service' })).structuredContent as { results: Array<{ id: string; title: string; url: string }> };
      expect(found.results.length).toBeGreaterThan(0);
      for (const r of found.results) {
        expect(Object.keys(r).sort()).toEqual(['id', 'title', 'url']);
        expect(r.url.startsWith(`${base()}/api/v1/`)).toBe(true);
        expect(r.url).not.toContain('0.0.0.0');
      }
      const topicId = found.results.find((r) => r.id.startsWith('topic:'))!.id;
      const doc = JSON.parse(text(await call(connect(), 'fetch', { id: topicId })));
      expect(Object.keys(doc).sort()).toEqual(['id', 'metadata', 'text', 'title', 'url']);
      expect(doc.id).toBe(topicId);
      expect(doc.url).toBe(`${base()}/api/v1/topics/${topicId.slice('topic:'.length)}`);
      expect(squash(cited(doc.metadata))).toContain(squash(doc.title));
      const entity = JSON.parse(text(await call(connect(), 'fetch', { id: 'entity:headless' })));
      expect(entity).toMatchObject({ id: 'entity:headless', title: 'Headless', url: `${base()}/api/v1/entities/headless` });
    });

    it('a snippet hit is titled as its topic, not with the search index\'s "(yaml) …" label', async () => {
      // On the seed notes the best hit of these words is a YAML snippet.
      const { results } = (await call(connect(), 'search', { query: 'serviceName servicePort' })).structuredContent as { results: Array<{ id: string; title: string }> };
      const topics = results.filter((r) => r.id.startsWith('topic:'));
      expect(topics.length).toBeGreaterThan(0);
      for (const r of topics) {
        const topic = (await call(connect(), 'get_topic', { slug: r.id.slice('topic:'.length) })).structuredContent as { title: string };
        expect(r.title).toBe(topic.title);
      }
    });

    it('get_topic quotes the topic with its source lines', async () => {
      const result = await call(connect(), 'get_topic', { slug: 'headless-service' });
      const topic = result.structuredContent as { body: string; source: { document: string; lineStart: number; lineEnd: number } };
      expect(text(result)).toContain(`lines ${topic.source.lineStart}-${topic.source.lineEnd}`);
      expect(squash(cited(topic.source))).toContain(squash(topic.body));
    });

    it('get_entity, neighbors and compare (a list of slugs, not a comma string) describe entities', async () => {
      const entity = await call(connect(), 'get_entity', { slug: 'headless' });
      expect(text(entity)).toMatch(/^# Headless \(SERVICE_TYPE, headless\)/);
      expect(text(entity)).toContain('无头服务');
      const near = await call(connect(), 'neighbors', { slug: 'headless', depth: 1 });
      const nodes = (near.structuredContent as { nodes: Array<{ slug: string }> }).nodes.map((n) => n.slug);
      expect(nodes).toContain('headless');
      expect(nodes.length).toBeGreaterThan(1);
      const table = text(await call(connect(), 'compare', { entities: ['clusterip', 'nodeport'] }));
      expect(table.split('\n')[0]).toBe('| attribute | ClusterIP | NodePort |');
      const comma = await call(connect(), 'compare', { entities: ['clusterip,nodeport', 'headless'] });
      expect(comma.isError).toBe(true);
    });

    it('check_manifest checks pasted YAML: the typo at its line, the removed API with its converted form; YAML that does not parse is a tool error naming the line', async () => {
      const yaml = 'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          imagePullPolcy: Always\n';
      const checked = await call(connect(), 'check_manifest', { yaml });
      const [doc] = (checked.structuredContent as { documents: Array<{ status: string; findings: Array<{ rule: string; line: number }>; converted: string | null }> }).documents;
      expect(doc!.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'unknown-field', line: 13 })]));
      expect(text(checked)).toContain('line 13');
      const broken = await call(connect(), 'check_manifest', { yaml: 'kind: Pod\nmetadata:\n  name: [x\n' });
      expect(broken.isError).toBe(true);
      expect(text(broken)).toMatch(/line \d/);
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

    it("retrieve takes scoreThreshold and carries a manifest's warnings with severity and line, in structuredContent and text", async () => {
      const result = await call(connect(), 'retrieve', { query: 'PodDisruptionBudget policy/v1beta1 nginx-pdb', topK: 10, scoreThreshold: 0.1 });
      expect(result.isError).toBeFalsy();
      const passages = (result.structuredContent as { passages: Array<{ score: number; warnings?: Array<{ code: string; severity: string; line: number | null }> }> }).passages;
      expect(passages.every((p) => p.score >= 0.1)).toBe(true);
      const warning = passages.flatMap((p) => p.warnings ?? []).find((w) => w.code === 'removed-api');
      expect(warning).toMatchObject({ severity: 'error', line: expect.any(Number) });
      expect(text(result)).toContain(`Error (line ${warning!.line}): `);
    });

    it('answers an unknown slug, a bad argument or a NUL in a slug as a tool error a model can read', async () => {
      const missing = await call(connect(), 'get_topic', { slug: 'no-such-topic' });
      expect(missing.isError).toBe(true);
      expect(text(missing)).toContain("No topic with slug 'no-such-topic'");
      expect((await call(connect(), 'neighbors', { slug: 'headless', depth: 9 })).isError).toBe(true);
      const nul = await call(connect(), 'get_entity', { slug: 'head\u0000less' });
      expect(nul.isError).toBe(true);
      expect(text(nul)).toContain('control characters');
      expect((await call(connect(), 'fetch', { id: 'topic:a\u0000b' })).isError).toBe(true);
    });
  });

  describe(`MCP resources over ${label}`, () => {
    it('offers the topic and document URI templates', async () => {
      const { resourceTemplates } = await connect().listResourceTemplates();
      expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual(['kubenotes://documents/{slug}', 'kubenotes://topics/{slug}']);
      for (const t of resourceTemplates) expect(t.mimeType).toBe('text/markdown');
    });

    it('lists documents, then topics, each once, as Markdown resources', async () => {
      const { resources } = await listAll(connect());
      const uris = resources.map((r) => r.uri);
      expect(new Set(uris).size).toBe(uris.length);
      const firstTopic = uris.findIndex((u) => u.startsWith('kubenotes://topics/'));
      expect(firstTopic).toBeGreaterThan(0);
      expect(uris.slice(0, firstTopic).every((u) => u.startsWith('kubenotes://documents/'))).toBe(true);
      expect(uris.slice(firstTopic).every((u) => u.startsWith('kubenotes://topics/'))).toBe(true);
      expect(uris).toContain('kubenotes://topics/headless-service');
      for (const r of resources) expect(r).toMatchObject({ mimeType: 'text/markdown', name: expect.any(String), title: expect.any(String) });
    });

    it('reads a topic as Markdown with its citation, and the cited lines contain it', async () => {
      const contents = await markdown(connect(), 'kubenotes://topics/headless-service');
      expect(contents).toHaveLength(1);
      const [content] = contents;
      expect(content).toMatchObject({ uri: 'kubenotes://topics/headless-service', mimeType: 'text/markdown' });
      const topic = (await call(connect(), 'get_topic', { slug: 'headless-service' })).structuredContent as { title: string; body: string; source: object };
      expect(content!._meta.citation).toEqual(topic.source);
      expect(content!._meta.url).toBe(`${base()}/api/v1/topics/headless-service`);
      const { document, lineStart, lineEnd } = content!._meta.citation;
      expect(content!.text.split('\n').slice(0, 3)).toEqual([`# ${topic.title}`, '', `> Source: ${document}, lines ${lineStart}-${lineEnd} (topic \`headless-service\`)`]);
      expect(content!.text).toContain(topic.body);
      expect(squash(cited(content!._meta.citation))).toContain(squash(topic.body));
    });

    it('reads a document as its outline of topic resources', async () => {
      const { resources } = await listAll(connect());
      const documentUri = resources.find((r) => r.uri.startsWith('kubenotes://documents/'))!.uri;
      const [content] = await markdown(connect(), documentUri);
      expect(content!._meta.citation.lineStart).toBe(1);
      expect(content!._meta.citation.lineEnd).toBe(documentLines(content!._meta.citation.document).length);
      const links = [...content!.text.matchAll(/\]\((kubenotes:\/\/topics\/[^)]+)\)/g)].map((m) => m[1]!);
      expect(links.length).toBeGreaterThan(1);
      for (const uri of links.slice(0, 3)) expect((await connect().readResource({ uri })).contents[0]!.uri).toBe(uri);
    });

    it('answers an unknown slug with -32002 (resource not found) and a forged cursor with -32602', async () => {
      expect(await rejectsWith(connect().readResource({ uri: 'kubenotes://topics/no-such-topic' }), -32002)).toContain("No topic with slug 'no-such-topic'");
      await rejectsWith(connect().readResource({ uri: 'kubenotes://documents/no-such-document' }), -32002);
      await rejectsWith(connect().readResource({ uri: 'kubenotes://topics/a%00b' }), ErrorCode.InvalidParams);
      await rejectsWith(connect().readResource({ uri: 'kubenotes://topics/a%E0%A4%A' }), ErrorCode.InvalidParams);
      await rejectsWith(connect().listResources({ cursor: 'not-a-cursor' }), ErrorCode.InvalidParams);
      await rejectsWith(connect().listResources({ cursor: Buffer.from('{"k":"topics","c":"forged"}').toString('base64url') }), ErrorCode.InvalidParams);
    });
  });

  describe(`MCP prompts over ${label}`, () => {
    it('offers answer_with_citations and explain_manifest with their arguments', async () => {
      const { prompts } = await connect().listPrompts();
      expect(Object.fromEntries(prompts.map((p) => [p.name, p.arguments?.map((a) => [a.name, a.required ?? false])]))).toEqual({
        answer_with_citations: [['question', true]],
        explain_manifest: [['manifest', true], ['kubernetesVersion', false]],
      });
    });

    it('answer_with_citations hands the model the passages that retrieve finds, each with its citation', async () => {
      const question = '无头服务有什么用';
      const prompt = await connect().getPrompt({ name: 'answer_with_citations', arguments: { question } });
      const message = (prompt.messages[0]!.content as { text: string }).text;
      expect(prompt.messages[0]!.role).toBe('user');
      expect(message).toContain(`Question: ${question}`);
      expect(message).toMatch(/Cite every claim/);
      const { passages } = (await call(connect(), 'retrieve', { query: question, topK: 6 })).structuredContent as { passages: Array<{ text: string; citation: { document: string; lineStart: number; lineEnd: number } }> };
      expect(passages.length).toBeGreaterThan(0);
      passages.forEach((p, i) => {
        const range = p.citation.lineStart === p.citation.lineEnd ? `line ${p.citation.lineStart}` : `lines ${p.citation.lineStart}-${p.citation.lineEnd}`;
        expect(message).toContain(`[${i + 1}] `);
        expect(message).toContain(`${p.citation.document}, ${range}`);
        expect(message).toContain(p.text);
      });
    });

    it('explain_manifest runs the manifest check on pasted YAML: a removed API with its converted manifest', async () => {
      const manifest = ['apiVersion: extensions/v1beta1', 'kind: Ingress', 'metadata:', '  name: web', 'spec:', '  backend:', '    serviceName: web', '    servicePort: 80', ''].join('\n');
      const prompt = await connect().getPrompt({ name: 'explain_manifest', arguments: { manifest } });
      const message = (prompt.messages[0]!.content as { text: string }).text;
      expect(message).toMatch(/1\. Ingress "web" \(extensions\/v1beta1\), from line 1: removed/);
      expect(message).toMatch(/error at line 1 \(\/apiVersion\): .*removed in Kubernetes 1\.22.*\[removed-api\]/);
      expect(message).toContain('apiVersion: networking.k8s.io/v1');
      const older = (await connect().getPrompt({ name: 'explain_manifest', arguments: { manifest, kubernetesVersion: '1.15' } })).messages[0]!.content as { text: string };
      expect(older.text).toMatch(/Kubernetes 1\.15/);
      expect(older.text).toMatch(/from line 1: deprecated/);
    });

    it('explain_manifest explains YAML that does not parse, and refuses a malformed Kubernetes version', async () => {
      const broken = await connect().getPrompt({ name: 'explain_manifest', arguments: { manifest: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [web\n' } });
      expect((broken.messages[0]!.content as { text: string }).text).toMatch(/not valid YAML: .* line \d+, column \d+/);
      expect(await rejectsWith(connect().getPrompt({ name: 'explain_manifest', arguments: { manifest: 'kind: Pod', kubernetesVersion: 'latest' } }), ErrorCode.InvalidParams))
        .toContain('kubernetesVersion');
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
    // Bound to every interface, as in a pod: links must still name an address a client can open.
    t = await startTestApp({ HOST: '0.0.0.0' });
    await t.app.get(DocumentsService).write(MANY.name, extraLines.join('\n'));
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
        PUBLIC_URL: `${STDIO_PUBLIC_URL}/`,
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

  describeServer('streamable HTTP at /mcp (links from the request\'s Host)', () => http, () => url);
  describeServer('stdio (the compiled `npm run mcp` entry point, PUBLIC_URL set)', () => stdio, () => STDIO_PUBLIC_URL);

  it('pages resources/list: every document and topic of the database once, in pages of at most 100', async () => {
    const { resources, pages } = await listAll(http);
    const prisma = t.app.get(DatabaseService).prisma;
    const [documents, topics] = await Promise.all([prisma.document.findMany({ select: { slug: true } }), prisma.topic.findMany({ select: { slug: true } })]);
    expect(topics.length).toBeGreaterThan(MANY.topics);
    expect(resources.map((r) => r.uri).sort()).toEqual([
      ...documents.map((d) => `kubenotes://documents/${d.slug}`), ...topics.map((x) => `kubenotes://topics/${x.slug}`),
    ].sort());
    expect(pages).toBeGreaterThanOrEqual(1 + Math.ceil(topics.length / 100));
    expect((await http.listResources()).resources.length).toBeLessThanOrEqual(100);
  });

  it('over HTTP, links follow the Host the client used', async () => {
    const res = await request(t.server).post('/mcp')
      .set('host', 'notes.example.org:8443')
      .set('accept', 'application/json, text/event-stream')
      .send({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'fetch', arguments: { id: 'entity:headless' } } })
      .expect(200);
    expect(res.body.result.structuredContent.url).toBe('http://notes.example.org:8443/api/v1/entities/headless');
  });

  it('keeps stdout for the protocol: logs went to stderr, and no stdout line failed to parse', () => {
    expect(stdioErrors).toEqual([]);
    expect(stderr).toContain('"msg":"MCP server ready on stdio"');
  });

  it('answers GET and DELETE on /mcp with 405 (the endpoint is stateless), and leaves /mcp out of the REST OpenAPI document', async () => {
    await request(t.server).get('/mcp').expect(405).expect('allow', 'POST');
    await request(t.server).delete('/mcp').expect(405);
    const { paths } = (await request(t.server).get('/openapi.json').expect(200)).body as { paths: Record<string, unknown> };
    expect(Object.keys(paths).filter((p) => p.includes('mcp'))).toEqual([]);
    expect(Object.keys(paths)).toContain('/api/v1/dify/retrieval');
  });
});
