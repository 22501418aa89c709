import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DatabaseService } from '../apps/api/src/database/database.service.js';
import { IngestService, MAX_DOCUMENT_CHARS } from '../apps/api/src/ingest/ingest.service.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const KEY = 'test-admin-key-documents';
const TABLES = ['documents', 'topics', 'snippets', 'mentions', 'relation_evidence', 'topic_links', 'entities', 'relations'] as const;

/** A notes folder shaped like a real one: nested READMEs, same-named files, and files that must be skipped. */
function writeFolder(root: string): void {
  const file = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  file('README.md', '# Handbook\n\nNotes on Services and Pods, kept by topic.\n');
  file('concepts/README.md', '# Concepts\n\nThe objects Kubernetes stores.\n');
  file('concepts/objects/pod.md', '# Pod\n\nA Pod runs containers; a liveness probe restarts one that hangs. zebrafinch\n\n## Pod lifecycle\n\nPending, Running, Succeeded.\n');
  file('troubleshooting/README.md', '# Troubleshooting\n\nWhere to look first.\n');
  file('troubleshooting/pod.md', '# Pod\n\nA Pod in CrashLoopBackOff restarts again and again; read its logs. kingfisher\n');
  file('setup/kubeadm.txt', '##### kubeadm #####\nkubeadm init sets up the control plane.\n');
  file('notes.pdf', 'not notes');
  file('.git/HEAD.md', '# hidden');
  file('node_modules/pkg/README.md', '# a dependency');
  file('empty.md', '  \n\n');
  file('latin1.md', Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a])); // "# Café" in Latin-1
  file('huge.md', 'x'.repeat(MAX_DOCUMENT_CHARS + 1));
  symlinkSync('/etc/hostname', join(root, 'outside.md'));
}

describe('documents: a folder in, listed, read and deleted', () => {
  let t: TestApp;
  let root: string;
  const admin = (req: request.Test) => req.set('x-api-key', KEY);
  const count = async () => {
    const db = t.app.get(DatabaseService);
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      out[table] = (await db.sql((sql) => sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)))[0]!.n;
    }
    return out;
  };
  const search = async (q: string) =>
    (await request(t.server).get('/api/v1/search').query({ q, limit: 50 }).expect(200)).body.hits as Array<{ slug: string; topicSlug: string }>;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_API_KEY: KEY });
    root = mkdtempSync(join(tmpdir(), 'kubenotes-folder-'));
    writeFolder(root);
  }, 180_000);
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('ingests a folder recursively: same-named files are separate documents, the rest skipped with a reason', async () => {
    const report = await t.app.get(IngestService).ingestFolder(root);
    expect(report.added).toEqual(['README.md', 'concepts/README.md', 'concepts/objects/pod.md', 'setup/kubeadm.txt', 'troubleshooting/README.md', 'troubleshooting/pod.md']);
    expect(report.failed).toEqual([]);
    expect(Object.fromEntries(report.skipped.map((s) => [s.name, s.reason]))).toEqual({
      'empty.md': 'empty',
      'latin1.md': 'not UTF-8',
      'huge.md': expect.stringContaining('too large'),
      'outside.md': 'symbolic link to outside the folder',
    });

    const documents = (await request(t.server).get('/api/v1/documents').query({ limit: 100 }).expect(200)).body.items;
    expect(documents.map((d: { name: string; slug: string }) => [d.name, d.slug])).toEqual([
      ['README.md', 'readme'],
      ['concepts/README.md', 'concepts-readme'],
      ['concepts/objects/pod.md', 'concepts-objects-pod'],
      ['k8s-notes.txt', 'k8s-notes'],
      ['setup/kubeadm.txt', 'setup-kubeadm'],
      ['troubleshooting/README.md', 'troubleshooting-readme'],
      ['troubleshooting/pod.md', 'troubleshooting-pod'],
    ]);
    expect(documents[2]).toEqual({
      name: 'concepts/objects/pod.md', slug: 'concepts-objects-pod', format: 'markdown', title: null, lines: 7, topics: 2,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    // The seed notes own the topic slug "pod": each new "Pod" section carries its document's slug; citations carry the path.
    const pods = await Promise.all(['pod--concepts-objects-pod', 'pod--troubleshooting-pod'].map(async (slug) => (await request(t.server).get(`/api/v1/topics/${slug}`).expect(200)).body));
    expect(pods.map((p) => p.source)).toEqual([
      { document: 'concepts/objects/pod.md', lineStart: 1, lineEnd: 7 },
      { document: 'troubleshooting/pod.md', lineStart: 1, lineEnd: 3 },
    ]);
  });

  it('ingesting the folder again changes nothing', async () => {
    const before = await count();
    const report = await t.app.get(IngestService).ingestFolder(root);
    expect(report.added).toEqual([]);
    expect(report.replaced).toEqual([]);
    expect(report.unchanged).toHaveLength(6);
    expect(await count()).toEqual(before);
  });

  it('pages through the documents exactly once each, and refuses a cursor it did not make', async () => {
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await request(t.server).get('/api/v1/documents').query({ limit: 2, ...(cursor ? { cursor } : {}) }).expect(200)).body;
      names.push(...page.items.map((d: { name: string }) => d.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(names).toHaveLength(7);
    expect(new Set(names).size).toBe(7);
    const bad = await request(t.server).get('/api/v1/documents').query({ cursor: 'nope' }).expect(400);
    expect(bad.body).toMatchObject({ status: 400, param: 'cursor' });
  });

  it('reads one document with its outline; an unknown slug is a 404, a control character a 400', async () => {
    const doc = (await request(t.server).get('/api/v1/documents/concepts-objects-pod').expect(200)).body;
    expect(doc.outline).toEqual([
      { slug: 'pod--concepts-objects-pod', title: 'Pod', level: 1, parentSlug: null, order: 0 },
      { slug: 'pod-lifecycle', title: 'Pod lifecycle', level: 2, parentSlug: 'pod--concepts-objects-pod', order: 1 },
    ]);
    expect(doc.metadata).toEqual({ description: null, tags: [], aliases: [], extra: {} });
    await request(t.server).get('/api/v1/documents/nope').expect(404);
    await request(t.server).get('/api/v1/documents/a%00b').expect(400);
  });

  it('answers the same documents over GraphQL', async () => {
    const res = await request(t.server)
      .post('/graphql')
      .send({ query: '{ documents(first: 3) { edges { cursor node { name slug topics outline { slug level } } } pageInfo { hasNextPage endCursor } } document(slug: "troubleshooting-pod") { name title outline { title source { document lineStart } } } }' })
      .expect(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.documents.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['README.md', 'concepts/README.md', 'concepts/objects/pod.md']);
    expect(res.body.data.documents.edges[2].node.outline).toEqual([{ slug: 'pod--concepts-objects-pod', level: 1 }, { slug: 'pod-lifecycle', level: 2 }]);
    expect(res.body.data.documents.pageInfo.hasNextPage).toBe(true);
    // GraphQL cursors resume the REST list.
    const rest = (await request(t.server).get('/api/v1/documents').query({ cursor: res.body.data.documents.pageInfo.endCursor }).expect(200)).body;
    expect(rest.items[0].name).toBe('k8s-notes.txt');
    expect(res.body.data.document).toEqual({ name: 'troubleshooting/pod.md', title: null, outline: [{ title: 'Pod', source: { document: 'troubleshooting/pod.md', lineStart: 1 } }] });
  });

  it('deletes a document and everything derived from it, and nothing else', async () => {
    expect((await search('kingfisher')).map((h) => h.topicSlug)).toContain('pod--troubleshooting-pod');
    const db = t.app.get(DatabaseService);
    const owned = async () =>
      (await db.sql((sql) => sql.query<Record<string, number>>(`
        WITH t AS (SELECT tp.id FROM topics tp JOIN documents d ON d.id = tp.document_id WHERE d.slug = 'troubleshooting-pod')
        SELECT (SELECT count(*) FROM t)::int AS topics,
               (SELECT count(*) FROM snippets WHERE topic_id IN (SELECT id FROM t))::int AS snippets,
               (SELECT count(*) FROM mentions WHERE topic_id IN (SELECT id FROM t))::int AS mentions,
               (SELECT count(*) FROM relation_evidence WHERE topic_id IN (SELECT id FROM t))::int AS relation_evidence,
               (SELECT count(*) FROM topic_links WHERE from_id IN (SELECT id FROM t) OR to_id IN (SELECT id FROM t))::int AS topic_links`)))[0]!;
    const mine = await owned();
    expect(mine.topics).toBe(1);
    expect(mine.mentions).toBeGreaterThan(0);
    const before = await count();

    await request(t.server).delete('/api/v1/documents/troubleshooting-pod').expect(401);
    await request(t.server).delete('/api/v1/documents/troubleshooting-pod').set('x-api-key', 'wrong').expect(403);
    const res = await admin(request(t.server).delete('/api/v1/documents/troubleshooting-pod')).expect(200);
    expect(res.body).toEqual({ document: { name: 'troubleshooting/pod.md', slug: 'troubleshooting-pod' }, topics: 1 });

    const after = await count();
    expect(after).toEqual({
      ...before,
      documents: before.documents - 1,
      topics: before.topics - mine.topics,
      snippets: before.snippets - mine.snippets,
      mentions: before.mentions - mine.mentions,
      relation_evidence: before.relation_evidence - mine.relation_evidence,
      // Links into the deleted topics went with them; the topics that pointed there may have found others.
      topic_links: expect.any(Number),
    });
    expect(await owned()).toEqual({ topics: 0, snippets: 0, mentions: 0, relation_evidence: 0, topic_links: 0 });
    expect(await search('kingfisher')).toEqual([]);
    expect((await search('zebrafinch')).map((h) => h.topicSlug)).toContain('pod--concepts-objects-pod');
    await request(t.server).get('/api/v1/documents/troubleshooting-pod').expect(404);
    await request(t.server).get('/api/v1/topics/pod--troubleshooting-pod').expect(404);
    await admin(request(t.server).delete('/api/v1/documents/troubleshooting-pod')).expect(404);
  });

  it('deletes over GraphQL with the admin key, and refuses without it', async () => {
    const mutation = { query: 'mutation { deleteDocument(slug: "troubleshooting-readme") { document { name } topics } }' };
    const refused = await request(t.server).post('/graphql').send(mutation).expect(200);
    expect(refused.body.errors[0].extensions.code).toBe('MISSING_API_KEY');
    await request(t.server).get('/api/v1/documents/troubleshooting-readme').expect(200);
    const done = await admin(request(t.server).post('/graphql')).send(mutation).expect(200);
    expect(done.body).toEqual({ data: { deleteDocument: { document: { name: 'troubleshooting/README.md' }, topics: 1 } } });
    await request(t.server).get('/api/v1/documents/troubleshooting-readme').expect(404);
    // The same mutation again runs again (a mutation's answer is never replayed from the response cache).
    const again = await admin(request(t.server).post('/graphql')).send(mutation).expect(200);
    expect(again.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('prunes the documents of this folder whose file is gone, and only those', async () => {
    rmSync(join(root, 'setup'), { recursive: true });
    const report = await t.app.get(IngestService).ingestFolder(root, { prune: true });
    // The two documents deleted above come back from their files; setup/kubeadm.txt is gone; k8s-notes.txt is not this folder's.
    expect(report.added).toEqual(['troubleshooting/README.md', 'troubleshooting/pod.md']);
    expect(report.pruned).toEqual(['setup/kubeadm.txt']);
    await request(t.server).get('/api/v1/documents/setup-kubeadm').expect(404);
    await request(t.server).get('/api/v1/documents/k8s-notes').expect(200);
  });

  it('keeps a name whose slug is taken apart with a suffix, and normalises path separators', async () => {
    const body = (name: string) => ({ name, content: `# ${name}\n\nSome text about ${name}.\n` });
    const a = await admin(request(t.server).post('/api/v1/documents')).send(body('ops/runbook.md')).expect(201);
    const b = await admin(request(t.server).post('/api/v1/documents')).send(body('ops-runbook.md')).expect(201);
    expect([a.body.document.slug, b.body.document.slug]).toEqual(['ops-runbook', 'ops-runbook-2']);
    const again = await admin(request(t.server).post('/api/v1/documents')).send({ ...body('ops/runbook.md'), name: '.\\ops\\runbook.md' }).expect(200);
    expect(again.body).toMatchObject({ document: { name: 'ops/runbook.md', slug: 'ops-runbook' }, status: 'unchanged' });
  });

  it('ends concurrent writes of one name in one document holding one of the contents', async () => {
    const contents = Array.from({ length: 6 }, (_, i) => `# Race ${i}\n\nA Service of type ClusterIP, version ${i}.\n\n## Part ${i}\n\nMore.\n`);
    const answers = await Promise.all(contents.map((content) => admin(request(t.server).post('/api/v1/documents')).send({ name: 'race.md', content })));
    expect(answers.map((a) => a.status).every((s) => s === 200 || s === 201)).toBe(true);
    const db = t.app.get(DatabaseService);
    const rows = await db.sql((sql) => sql.query<{ content: string; topics: number }>(
      `SELECT d.content, (SELECT count(*) FROM topics WHERE document_id = d.id)::int AS topics FROM documents d WHERE d.name = 'race.md'`,
    ));
    expect(rows).toHaveLength(1);
    expect(contents).toContain(rows[0]!.content);
    expect(rows[0]!.topics).toBe(2);
  });
});
