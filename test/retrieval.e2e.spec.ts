import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { splitLines } from '../seed/parser/parse-document.js';
import { DatabaseService } from '../apps/api/src/database/database.service.js';
import { IngestService } from '../apps/api/src/ingest/ingest.service.js';
import type { Passage } from '../apps/api/src/retrieval/retrieval.types.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
/** Document name → its lines, read back from the documents table. */
const documents = new Map<string, string[]>();
const squash = (s: string) => s.replace(/\s+/g, '');

beforeAll(async () => {
  t = await startTestApp();
  for (const doc of await t.app.get(DatabaseService).prisma.document.findMany({ select: { name: true, content: true } })) {
    documents.set(doc.name, splitLines(doc.content));
  }
}, 120_000);
afterAll(async () => t?.close());

const retrieve = (body: object) => request(t.server).post('/api/v1/retrieve').send(body);

function expectCited(passage: Passage): void {
  const lines = documents.get(passage.citation.document);
  expect(lines).toBeDefined();
  const cited = lines!.slice(passage.citation.lineStart - 1, passage.citation.lineEnd).join('\n');
  expect(squash(cited)).toContain(squash(passage.text));
}

// Chinese, English and mixed questions a reader of the notes would ask.
const QUESTIONS = [
  'headless service 有什么用？',
  '无头服务',
  'What is the difference between liveness and readiness probes?',
  '存活探针和就绪探针什么时候使用',
  'How does a rolling update work?',
  'PV 和 Volume 的区别',
  'kube-proxy 的代理模式 iptables ipvs',
  'nginx ingress controller',
  'PodDisruptionBudget minAvailable',
  'StatefulSet 部署和 scaling 的顺序',
  'preStop hook',
  'NodeAffinity 亲和性调度',
  'pod eviction 驱逐',
  '访问服务的方式 NodePort LoadBalancer',
];

describe('POST /api/v1/retrieve', () => {
  it.each(QUESTIONS)('cites lines that contain every passage: %s', async (query) => {
    const res = await retrieve({ query, topK: 8 }).expect(200);
    expect(res.body.query).toBe(query);
    expect(['embedded', 'meilisearch']).toContain(res.body.backend);
    expect(res.body.passages.length).toBeGreaterThan(0);
    for (const p of res.body.passages as Passage[]) {
      expectCited(p);
      expect(p.score).toBeGreaterThan(0);
      expect(p.score).toBeLessThanOrEqual(1);
      expect(p.topicSlug).toMatch(/\S/);
      expect(Array.isArray(p.entities)).toBe(true);
    }
  });

  it('ranks the headless passage first for 无头服务 and names the entity in it', async () => {
    const res = await retrieve({ query: '无头服务' }).expect(200);
    const first = res.body.passages[0] as Passage;
    expect(first.text.toLowerCase()).toMatch(/headless|无头/);
    expect(first.entities.map((e) => e.slug)).toContain('headless');
  });

  it('orders passages by score and keeps within topK and maxChars', async () => {
    const res = await retrieve({ query: 'service', topK: 3, maxChars: 700 }).expect(200);
    const passages = res.body.passages as Passage[];
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.length).toBeLessThanOrEqual(3);
    expect(passages.reduce((n, p) => n + p.text.length, 0)).toBeLessThanOrEqual(700);
    const scores = passages.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    passages.filter((p) => p.citation.document === 'zorblax.md').forEach(expectCited);
  });

  it('drops passages below scoreThreshold', async () => {
    const all = (await retrieve({ query: 'liveness probe', topK: 20, maxChars: 20000 }).expect(200)).body.passages as Passage[];
    expect(all.length).toBeGreaterThan(2);
    const cut = all[1]!.score;
    expect(cut).toBeGreaterThan(all[all.length - 1]!.score);
    const high = (await retrieve({ query: 'liveness probe', topK: 20, maxChars: 20000, scoreThreshold: cut }).expect(200)).body.passages as Passage[];
    expect(high.length).toBeLessThan(all.length);
    expect(high.every((p) => p.score >= cut)).toBe(true);
  });

  it('filters by entity type', async () => {
    const res = await retrieve({ query: 'service 探针', topK: 10, types: ['PROBE'] }).expect(200);
    expect(res.body.passages.length).toBeGreaterThan(0);
    for (const p of res.body.passages as Passage[]) expect(p.entities.some((e) => e.type === 'PROBE')).toBe(true);
  });

  it('warns about a manifest that uses a removed API, with the replacement', async () => {
    const res = await retrieve({ query: 'PodDisruptionBudget policy/v1beta1 nginx-pdb', topK: 10 }).expect(200);
    const warned = (res.body.passages as Passage[]).find((p) => p.warnings?.length);
    expect(warned).toBeDefined();
    expect(warned!.text).toContain('policy/v1beta1');
    expect(warned!.warnings![0]).toMatchObject({ code: 'removed-api', severity: 'error', apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', replacement: 'policy/v1' });
    // The stored check found the same removal: one warning, on the apiVersion's line.
    expect(warned!.warnings!.filter((w) => w.code === 'removed-api')).toHaveLength(1);
    const line = warned!.warnings![0]!.line!;
    expect(documents.get(warned!.citation.document)![line - 1]).toContain('policy/v1beta1');
    expectCited(warned!);
  });

  it("carries the stored manifest check's findings as warnings with severity and line, in REST, GraphQL and Dify", async () => {
    const notes = [
      '# Blorptastic deployment', '', 'The blorptastic web Deployment, with a typo the check finds:', '',
      '```yaml', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: blorptastic', 'spec:',
      '  selector:', '    matchLabels: { app: blorptastic }', '  template:', '    metadata:', '      labels: { app: blorptastic }',
      '    spec:', '      containers:', '        - name: web', '          image: nginx', '          imagePullPolcy: Always', '```', '',
    ].join('\n');
    const typoLine = notes.split('\n').indexOf('          imagePullPolcy: Always') + 1;
    await t.app.get(IngestService).ingest('blorptastic.md', notes);
    const body = { query: 'blorptastic deployment imagePullPolcy', topK: 5 };
    const passages = (await retrieve(body).expect(200)).body.passages as Passage[];
    const warned = passages.find((p) => p.warnings?.some((w) => w.code === 'unknown-field'));
    expect(warned).toBeDefined();
    const warning = warned!.warnings!.find((w) => w.code === 'unknown-field')!;
    expect(warning).toMatchObject({ severity: 'error', line: typoLine, path: expect.stringContaining('imagePullPolcy') });
    expect(warning.message).toContain('imagePullPolcy');
    expect(warning.line).toBeGreaterThanOrEqual(warned!.citation.lineStart);
    expect(warning.line).toBeLessThanOrEqual(warned!.citation.lineEnd);

    const graphql = await request(t.server).post('/graphql').send({
      query: 'query($q: String!) { retrieval(query: $q, topK: 5) { passages { id warnings { code severity message line path } } } }', variables: { q: body.query },
    }).expect(200);
    const same = graphql.body.data.retrieval.passages.find((p: { id: string }) => p.id === warned!.id);
    expect(same.warnings).toContainEqual({ code: 'unknown-field', severity: 'error', message: warning.message, line: typoLine, path: warning.path });

    const dify = await request(t.server).post('/api/v1/dify/retrieval')
      .send({ knowledge_id: 'kubenotes', query: body.query, retrieval_setting: { top_k: 5, score_threshold: 0 } }).expect(200);
    const record = dify.body.records.find((r: { metadata: { segment_id: string } }) => r.metadata.segment_id === warned!.id);
    expect(record.metadata.warnings).toContainEqual(warning);
  });

  it('gives each passage its heading path and its neighbours in reading order', async () => {
    const passages = (await retrieve({ query: 'headless service', topK: 20, maxChars: 20000 }).expect(200)).body.passages as Passage[];
    expect(passages.length).toBeGreaterThan(3);
    for (const p of passages) {
      expect(p.headingPath.at(-1)).toBe(p.title);
      const position = Number(p.id.split('#')[1]);
      if (position > 0) expect(p.previous).toBe(`${p.topicSlug}#${position - 1}`);
      expect(p.next).not.toBe(p.id);
    }
    // A subsection is read under its parents: the path is longer than the title alone somewhere.
    expect(passages.some((p) => p.headingPath.length > 1)).toBe(true);
    // Walking `next` from a passage and `previous` back returns to it.
    const linked = passages.find((p) => p.next && passages.some((q) => q.id === p.next));
    if (linked) expect(passages.find((q) => q.id === linked.next)!.previous).toBe(linked.id);
    expect(passages.filter((p) => p.previous === null).length).toBeLessThanOrEqual(1);
  });

  it('never answers with a label such as the "show" of a <details> toggle, and quotes the code it hides', async () => {
    // The layout of the public CKAD-exercises notes: each question a heading, its answer folded in <details>.
    const notes = [
      '# Deployments', '',
      '### Return the zorblax deployment to the second revision and verify the image', '',
      '<details><summary>show</summary>', '<p>', '',
      '```bash', 'kubectl rollout undo deploy zorblax --to-revision=2', 'kubectl describe deploy zorblax | grep Image', '```', '',
      '</p>', '</details>', '',
    ].join('\n');
    await t.app.get(IngestService).ingest('zorblax.md', notes);
    documents.set('zorblax.md', splitLines(notes));
    const passages = (await retrieve({ query: 'return the zorblax deployment to the second revision', topK: 5 }).expect(200)).body.passages as Passage[];
    expect(passages.map((p) => p.text)).not.toContain('show');
    expect(passages[0]).toMatchObject({ kind: 'snippet', citation: { document: 'zorblax.md' } });
    expect(passages[0]!.text).toContain('kubectl rollout undo deploy zorblax');
    passages.filter((p) => p.citation.document === 'zorblax.md').forEach(expectCited);
  });

  it('answers an empty list, not an error, when nothing matches', async () => {
    const res = await retrieve({ query: 'zzqxv wplkj' }).expect(200);
    expect(res.body.passages).toEqual([]);
  });

  it.each([
    [{}, 'query'],
    [{ query: '' }, 'query'],
    [{ query: 'pod', topK: 0 }, 'topK'],
    [{ query: 'pod', topK: 21 }, 'topK'],
    [{ query: 'pod', maxChars: 199 }, 'maxChars'],
    [{ query: 'pod', maxChars: 20001 }, 'maxChars'],
    [{ query: 'pod', scoreThreshold: 1.5 }, 'scoreThreshold'],
    [{ query: 'pod', types: ['NOPE'] }, 'types'],
  ])('answers 400 problem JSON for %j', async (body, param) => {
    const res = await retrieve(body).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toContain(param);
  });
});

describe('POST /api/v1/dify/retrieval (no RETRIEVAL_API_KEY: open)', () => {
  const dify = (body: object) => request(t.server).post('/api/v1/dify/retrieval').send(body);
  const ask = (extra: object = {}, setting: object = { top_k: 5, score_threshold: 0 }) =>
    dify({ knowledge_id: 'kubenotes', query: '无头服务 headless service', retrieval_setting: setting, ...extra });
  type DifyRecord = { content: string; score: number; title: string; metadata: Record<string, unknown> };

  it('answers records in Dify\'s shape, metadata an object with the citation', async () => {
    const res = await ask().expect(200);
    expect(Object.keys(res.body)).toEqual(['records']);
    const records = res.body.records as DifyRecord[];
    expect(records.length).toBeGreaterThan(0);
    expect(records.length).toBeLessThanOrEqual(5);
    for (const r of records) {
      expect(typeof r.content).toBe('string');
      expect(typeof r.title).toBe('string');
      expect(r.score).toBeGreaterThan(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.metadata).not.toBeNull();
      expect(r.metadata).toMatchObject({ topicSlug: expect.any(String), document: expect.any(String), lineStart: expect.any(Number), lineEnd: expect.any(Number), entities: expect.any(Array) });
      expectCited({ text: r.content, citation: r.metadata as unknown as Passage['citation'] } as Passage);
    }
  });

  it('honours top_k and score_threshold', async () => {
    const one = (await ask({}, { top_k: 1, score_threshold: 0 }).expect(200)).body.records as DifyRecord[];
    expect(one).toHaveLength(1);
    const all = (await ask({}, { top_k: 10, score_threshold: 0 }).expect(200)).body.records as DifyRecord[];
    const cut = all[1]!.score;
    const high = (await ask({}, { top_k: 10, score_threshold: cut }).expect(200)).body.records as DifyRecord[];
    expect(high.length).toBeLessThan(all.length);
    expect(high.every((r) => r.score >= cut)).toBe(true);
    expect((await ask({}, { top_k: 10, score_threshold: 1 }).expect(200)).body).toEqual({ records: [] });
  });

  it('scopes to one document when knowledge_id is a document slug, and answers 404 / 2001 otherwise', async () => {
    const slug = (await t.app.get(DatabaseService).prisma.document.findFirstOrThrow()).slug;
    const scoped = (await ask({ knowledge_id: slug }).expect(200)).body.records as DifyRecord[];
    expect(scoped.length).toBeGreaterThan(0);
    const missing = await ask({ knowledge_id: 'no-such-knowledge' }).expect(404);
    expect(missing.body).toEqual({ error_code: 2001, error_msg: expect.stringContaining('The knowledge does not exist') });
  });

  it('filters by metadata_condition on entityType, document and topicSlug', async () => {
    const byType = (await ask({ metadata_condition: { conditions: [{ name: 'entityType', comparison_operator: 'contains', value: 'SERVICE_TYPE' }] } }).expect(200)).body.records as DifyRecord[];
    expect(byType.length).toBeGreaterThan(0);
    for (const r of byType) expect(r.metadata.entityType).toContain('SERVICE_TYPE');
    const none = (await ask({ metadata_condition: { logical_operator: 'and', conditions: [
      { name: 'topicSlug', comparison_operator: 'is', value: 'headless-service' },
      { name: 'topicSlug', comparison_operator: 'is not', value: 'headless-service' },
    ] } }).expect(200)).body.records;
    expect(none).toEqual([]);
    const either = (await ask({ metadata_condition: { logical_operator: 'or', conditions: [
      { name: 'topicSlug', comparison_operator: 'is', value: 'headless-service' },
      { name: 'lineStart', comparison_operator: '<', value: 0 },
    ] } }).expect(200)).body.records as DifyRecord[];
    expect(either.length).toBeGreaterThan(0);
    for (const r of either) expect(r.metadata.topicSlug).toBe('headless-service');
    const unknownField = (await ask({ metadata_condition: { conditions: [{ name: 'colour', comparison_operator: 'is', value: 'red' }] } }).expect(200)).body.records;
    expect(unknownField).toEqual([]);
  });

  it.each([
    [{ knowledge_id: 'kubenotes', query: 'pod' }, 'retrieval_setting'],
    [{ knowledge_id: 'kubenotes', query: 'pod', retrieval_setting: { top_k: 0, score_threshold: 0 } }, 'top_k'],
    [{ knowledge_id: 'kubenotes', query: 'pod', retrieval_setting: { top_k: 2, score_threshold: 2 } }, 'score_threshold'],
    [{ query: 'pod', retrieval_setting: { top_k: 2, score_threshold: 0 } }, 'knowledge_id'],
    [{ knowledge_id: 'kubenotes', query: 'pod', retrieval_setting: { top_k: 2, score_threshold: 0 }, metadata_condition: { conditions: [{ name: 'document', comparison_operator: 'resembles', value: 'x' }] } }, 'comparison_operator'],
    [{ knowledge_id: 'kubenotes', query: 'pod', retrieval_setting: { top_k: 2, score_threshold: 0 }, metadata_condition: { logical_operator: 'xor', conditions: [] } }, 'logical_operator'],
  ])('answers 400 in Dify\'s error shape for %j', async (body, field) => {
    const res = await dify(body).expect(400);
    expect(res.body).toEqual({ error_code: 400, error_msg: expect.stringContaining(field) });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });
});
