/**
 * Dify's requests to an External Knowledge API, replayed byte for byte as Dify 1.13 sends them, and
 * its answers checked the way Dify reads them. Transcribed from langgenius/dify:
 *
 * - api/services/external_knowledge_service.py (commit 68d5f22):
 *   - registration, check_endpoint_and_api_key: `httpx.post(f"{endpoint}/retrieval",
 *     headers={"Authorization": f"Bearer {api_key}"})`, no body. 502, 404 and 403 fail the
 *     registration; any other status passes.
 *   - retrieval, fetch_external_knowledge_retrieval: headers Content-Type: application/json and
 *     Authorization: Bearer <key>; body `json.dumps({"retrieval_setting": {"top_k", "score_threshold"
 *     (0.0 unless the threshold is switched on)}, "query", "knowledge_id", "metadata_condition":
 *     MetadataCondition.model_dump() or None})` through httpx (Python's json.dumps: ", " and ": "
 *     separators, non-ASCII escaped as \uXXXX); only a 200 counts, then `.json().get("records", [])`.
 * - api/core/rag/entities/metadata_entities.py: MetadataCondition { logical_operator: "and" | "or" |
 *   None = "and", conditions: list[Condition] | None }, Condition { name: str, comparison_operator, value }.
 * - api/core/workflow/nodes/knowledge_retrieval/retrieval.py: SourceMetadata, the pydantic model each
 *   record becomes in the workflow Knowledge Retrieval node. Dify 1.13.0 fills document_id from
 *   `metadata.document_id` and fails the run when it is not a string (langgenius/dify#32585, #32611;
 *   RAGFlow hit the same, infiniflow/ragflow#13335); later versions fall back to the title.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv, type ValidateFunction } from 'ajv';
import { DatabaseService } from '../apps/api/src/database/database.service.js';
import { DocumentsService } from '../apps/api/src/documents/documents.service.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const KEY = 'dify-replay-key-0123456789';
/** A second document beside the seed, so scoping to one document has something to leave out. */
const EXTRA = { name: 'extra/headless-dns.md', content: '# Headless service DNS\n\nA headless service (clusterIP: None) has DNS records for each ready pod instead of one virtual IP.\n' };

/**
 * SourceMetadata's fields and types as pydantic reads them (str: a string, never a number; float: any
 * number; int: an integer; `X | None`: also null). The five without a default are required.
 */
const SOURCE_METADATA = {
  type: 'object',
  required: ['dataset_id', 'dataset_name', 'document_id', 'document_name', 'data_source_type'],
  properties: {
    source: { type: 'string' },
    dataset_id: { type: 'string' },
    dataset_name: { type: 'string' },
    document_id: { type: 'string' },
    document_name: { type: 'string' },
    data_source_type: { type: 'string' },
    segment_id: { type: ['string', 'null'] },
    retriever_from: { type: 'string' },
    score: { type: 'number' },
    child_chunks: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' }, content: { type: 'string' }, position: { type: 'integer' }, score: { type: 'number' } } },
    },
    segment_hit_count: { type: ['integer', 'null'] },
    segment_word_count: { type: ['integer', 'null'] },
    segment_position: { type: ['integer', 'null'] },
    segment_index_node_hash: { type: ['string', 'null'] },
    doc_metadata: { type: ['object', 'null'] },
    position: { type: ['integer', 'null'] },
  },
} as const;

/** A record as Dify's service and its Document model read it: content (page_content), metadata (a dict), score, title. */
const RECORD = {
  type: 'object',
  required: ['content', 'score', 'title', 'metadata'],
  properties: {
    content: { type: 'string' },
    score: { type: 'number', minimum: 0, maximum: 1 },
    title: { type: 'string' },
    metadata: { type: 'object' },
  },
} as const;

const ajv = new Ajv({ allErrors: true });
const validRecord: ValidateFunction = ajv.compile(RECORD);
const validSourceMetadata: ValidateFunction = ajv.compile(SOURCE_METADATA);
const problemsOf = (validate: ValidateFunction, value: unknown) => (validate(value) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`));

/** Python's json.dumps with its defaults: ", " and ": " between items, every non-ASCII character as \uXXXX. */
function pythonJsonDumps(value: unknown): string {
  if (value instanceof PyFloat) return value.toString();
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  return `{${Object.entries(value as object).map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}

/** A Python float, which json.dumps writes with a decimal point (0.0, not 0). */
class PyFloat {
  constructor(readonly value: number) {}
  toString(): string {
    return Number.isInteger(this.value) ? this.value.toFixed(1) : String(this.value);
  }
}

/** The headers httpx sends of its own accord (httpx 0.27/0.28), before the ones Dify adds. */
const httpxHeaders = (host: string): Array<[string, string]> => [
  ['Host', host],
  ['Accept', '*/*'],
  ['Accept-Encoding', 'gzip, deflate'],
  ['Connection', 'keep-alive'],
  ['User-Agent', 'python-httpx/0.27.2'],
];

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** One raw HTTP/1.1 request with exactly these headers, in this order, and this body. */
function send(port: number, headers: Array<[string, string]>, body: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/dify/retrieval', setHost: false, headers: headers.flat() }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const text = (encoding === 'gzip' ? gunzipSync(raw) : encoding === 'deflate' ? inflateSync(raw) : raw).toString('utf8');
        resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

let t: TestApp;
let port: number;
let host: string;

/** check_endpoint_and_api_key's probe: the key, no body (httpx adds Content-Length: 0 to a bodiless POST). */
const probe = (key: string) => send(port, [...httpxHeaders(host), ['Content-Length', '0'], ['Authorization', `Bearer ${key}`]], Buffer.alloc(0));

/** fetch_external_knowledge_retrieval's request. */
function retrieval(params: { query: string; knowledgeId: string; topK: number; scoreThreshold: number; metadataCondition: object | null }) {
  const body = Buffer.from(pythonJsonDumps({
    retrieval_setting: { top_k: params.topK, score_threshold: new PyFloat(params.scoreThreshold) },
    query: params.query,
    knowledge_id: params.knowledgeId,
    metadata_condition: params.metadataCondition,
  }), 'utf8');
  return send(port, [...httpxHeaders(host), ['Content-Length', String(body.length)], ['Content-Type', 'application/json'], ['Authorization', `Bearer ${KEY}`]], body);
}

/** What Dify does with a 200: `.json().get("records", [])`, each record into its Document, its metadata into SourceMetadata. */
function recordsAsDifyReadsThem(reply: Reply): Array<{ metadata: Record<string, unknown>; score: number; title: string; content: string }> {
  expect(reply.status).toBe(200);
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
  const records = (reply.body as { records?: unknown[] }).records ?? [];
  for (const record of records) {
    expect({ record, problems: problemsOf(validRecord, record) }).toEqual({ record, problems: [] });
    const { metadata } = record as { metadata: unknown };
    expect({ metadata, problems: problemsOf(validSourceMetadata, metadata) }).toEqual({ metadata, problems: [] });
  }
  return records as ReturnType<typeof recordsAsDifyReadsThem>;
}

beforeAll(async () => {
  t = await startTestApp({ RETRIEVAL_API_KEY: KEY });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = Number(new URL(await t.app.getUrl()).port);
  host = `127.0.0.1:${port}`;
  await t.app.get(DocumentsService).write(EXTRA.name, EXTRA.content);
}, 180_000);
afterAll(async () => t?.close());

describe('Dify 1.13 registering this service as an External Knowledge API', () => {
  it('its probe (the key, no body) is answered 400 in Dify\'s error shape, which Dify accepts', async () => {
    const reply = await probe(KEY);
    expect([502, 404, 403]).not.toContain(reply.status);
    expect(reply.status).toBe(400);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.body).toEqual({ error_code: 400, error_msg: expect.stringMatching(/knowledge_id|query|retrieval_setting/) });
  });

  it('its probe with a wrong key is answered 403, so Dify reports the key as wrong', async () => {
    const reply = await probe(`${KEY}-wrong`);
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ error_code: 1002, error_msg: 'Authorization failed' });
  });
});

describe('Dify 1.13 retrieving, and reading the records as its workflow node does', () => {
  it('metadata_condition null, threshold off (0.0), a Chinese query sent as \\u escapes: records with a string document_id', async () => {
    const records = recordsAsDifyReadsThem(await retrieval({ query: '无头服务有什么用', knowledgeId: 'kubenotes', topK: 4, scoreThreshold: 0, metadataCondition: null }));
    expect(records.length).toBeGreaterThan(0);
    expect(records.length).toBeLessThanOrEqual(4);
    const documents = await t.app.get(DatabaseService).prisma.document.findMany({ select: { slug: true, name: true } });
    const slugOf = new Map(documents.map((d) => [d.name, d.slug]));
    for (const { metadata, title } of records) {
      expect(metadata).toMatchObject({ dataset_id: 'kubenotes', dataset_name: 'kubenotes', data_source_type: 'external' });
      expect(metadata.document_name).toBe(metadata.document);
      expect(metadata.document_id).toBe(slugOf.get(metadata.document as string));
      expect(metadata.segment_id).toMatch(new RegExp(`^${metadata.topicSlug}#\\d+$`));
      expect(metadata.title).toBe(title);
    }
    expect(new Set(records.map((r) => r.metadata.segment_id)).size).toBe(records.length);
  });

  it('segment_id is stable: the same question gets the same passages under the same ids', async () => {
    const ask = () => retrieval({ query: 'headless service DNS', knowledgeId: 'kubenotes', topK: 5, scoreThreshold: 0, metadataCondition: null });
    const first = recordsAsDifyReadsThem(await ask()).map((r) => [r.metadata.segment_id, r.content]);
    const second = recordsAsDifyReadsThem(await ask()).map((r) => [r.metadata.segment_id, r.content]);
    expect(first.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
  });

  it('threshold on and a metadata_condition as Dify dumps it (name a string, value a string)', async () => {
    const records = recordsAsDifyReadsThem(await retrieval({
      query: 'headless service',
      knowledgeId: 'kubenotes',
      topK: 5,
      scoreThreshold: 0.1,
      metadataCondition: { logical_operator: 'and', conditions: [{ name: 'entityType', comparison_operator: 'contains', value: 'SERVICE_TYPE' }] },
    }));
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) {
      expect(r.score).toBeGreaterThanOrEqual(0.1);
      expect(r.metadata.entityType).toContain('SERVICE_TYPE');
    }
  });

  it('a MetadataCondition dumped with its nulls (conditions None) filters nothing', async () => {
    const params = { query: 'headless service', knowledgeId: 'kubenotes', topK: 3, scoreThreshold: 0 };
    const all = recordsAsDifyReadsThem(await retrieval({ ...params, metadataCondition: null }));
    const nulls = recordsAsDifyReadsThem(await retrieval({ ...params, metadataCondition: { logical_operator: null, conditions: null } }));
    expect(nulls.map((r) => r.metadata.segment_id)).toEqual(all.map((r) => r.metadata.segment_id));
  });

  it('a knowledge_id naming one document: dataset_id is that id, and every record comes from it', async () => {
    const params = { query: 'headless service DNS records', topK: 10, scoreThreshold: 0, metadataCondition: null };
    const everywhere = recordsAsDifyReadsThem(await retrieval({ ...params, knowledgeId: 'kubenotes' }));
    expect(new Set(everywhere.map((r) => r.metadata.document_name))).toEqual(new Set(['k8s-notes.txt', EXTRA.name]));
    const { slug, name } = await t.app.get(DatabaseService).prisma.document.findUniqueOrThrow({ where: { name: EXTRA.name }, select: { slug: true, name: true } });
    const records = recordsAsDifyReadsThem(await retrieval({ ...params, knowledgeId: slug }));
    expect(records.length).toBeGreaterThan(0);
    for (const { metadata } of records) expect(metadata).toMatchObject({ dataset_id: slug, dataset_name: name, document_id: slug, document_name: name });
  });

  it('the checks do fail: a record without document_id, with a numeric one, or with null metadata is rejected', async () => {
    const [record] = recordsAsDifyReadsThem(await retrieval({ query: 'pod', knowledgeId: 'kubenotes', topK: 1, scoreThreshold: 0, metadataCondition: null }));
    const { document_id: _dropped, ...withoutId } = record!.metadata;
    expect(problemsOf(validSourceMetadata, withoutId)).toEqual([" must have required property 'document_id'"]);
    expect(problemsOf(validSourceMetadata, { ...record!.metadata, document_id: 42 })).toEqual(['/document_id must be string']);
    expect(problemsOf(validRecord, { ...record, metadata: null })).toEqual(['/metadata must be object']);
  });
});
