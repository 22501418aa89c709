import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Type } from '@nestjs/common';
import { DatabaseService } from '../../apps/api/src/database/database.service.js';
import { EntitiesService } from '../../apps/api/src/entities/entities.service.js';
import { GraphService } from '../../apps/api/src/graph/graph.service.js';
import { IngestRepository, inStatements, ROWS_PER_STATEMENT } from '../../apps/api/src/ingest/ingest.repository.js';
import { MentionStatsCache } from '../../apps/api/src/ingest/mention-stats.cache.js';
import { TableStatistics } from '../../apps/api/src/ingest/table-statistics.js';
import { IngestService } from '../../apps/api/src/ingest/ingest.service.js';
import { TopicsService } from '../../apps/api/src/topics/topics.service.js';
import { startServices, type Services } from './support/services.js';

const MARKDOWN = `# Probes

A liveness probe (存活探针) restarts the container; a readiness probe takes the Pod out of the Service.

\`\`\`yaml
# not a header
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
\`\`\`

## Service
A headless service (无头服务) has no cluster IP.
`;

/** Everything a reader can see of the graph, for before/after comparisons. */
async function snapshot(s: Services) {
  const topics = (await s.get(TopicsService).list({ limit: 100 })).items;
  const details = await Promise.all(topics.map((topic) => s.get(TopicsService).get(topic.slug)));
  const entities = await s.get(EntitiesService).list({ limit: 100 });
  return { topics, details, entities };
}

const status = (work: Promise<unknown>) => work.then(() => 200, (error: { status?: number }) => error.status ?? 500);

/** IngestService over a real database (seeded with seed/notes), without HTTP; "restart" is a new module over the same data. */
describe('ingest', () => {
  let s: Services;
  beforeAll(async () => {
    s = await startServices({ seed: true });
  });
  afterAll(() => s?.close());

  it('ingesting twice and restarting change nothing', async () => {
    const before = await snapshot(s);
    const again = await s.get(IngestService).ingestFolder('seed/notes');
    expect(again).toMatchObject({ added: [], replaced: [], unchanged: ['k8s-notes.txt'], failed: [] });
    expect(await snapshot(s)).toEqual(before);
    await s.restart();
    expect(await s.get(IngestService).seedIfEmpty('seed/notes')).toBeNull();
    expect(await snapshot(s)).toEqual(before);
  });

  it('ingests Markdown, flags removed APIs, keeps slugs unique across documents, and replaces by name', async () => {
    const ingest = s.get(IngestService);
    const topics = s.get(TopicsService);
    const report = await ingest.ingest('extra.md', MARKDOWN);
    expect(report).toMatchObject({ unchanged: false, topics: 2, snippets: 1 });
    // "Service" exists in the seed notes as `service`; this document's topic must not steal it.
    expect((await topics.get('service')).source.document).toBe('k8s-notes.txt');
    const probes = await topics.get('probes');
    expect(probes.source.document).toBe('extra.md');
    expect(probes.snippets[0]!.manifest).toMatchObject({
      apiVersion: 'policy/v1beta1',
      kind: 'PodDisruptionBudget',
      name: 'web-pdb',
      deprecated: { replacement: 'policy/v1', removedIn: '1.25' },
    });
    expect(probes.entities.map((e) => e.slug)).toEqual(expect.arrayContaining(['liveness-probe', 'readiness-probe']));
    expect((await topics.list({ parent: 'probes' })).items[0]!.slug).toBe('service--extra');

    const replaced = await ingest.ingest('extra.md', MARKDOWN.replace('## Service', '## Headless'));
    expect(replaced.unchanged).toBe(false);
    expect(await status(topics.get('service--extra'))).toBe(404);
    expect(await status(topics.get('headless'))).toBe(200);
    expect(await status(topics.get('probes'))).toBe(200);
    await ingest.deleteDocument('extra');
    expect(await status(topics.get('probes'))).toBe(404);
  });

  it('a failure mid-ingest leaves the previous state untouched', async () => {
    const before = await snapshot(s);
    // A real database error half way through the write: a trigger refuses one topic title.
    await s.database.sql((sql) =>
      sql.exec(`
        CREATE FUNCTION refuse_topic() RETURNS trigger AS $$
        BEGIN IF NEW.title = 'Refused' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
        CREATE TRIGGER refuse_topic BEFORE INSERT ON topics FOR EACH ROW EXECUTE FUNCTION refuse_topic();`),
    );
    const broken = MARKDOWN.replace('## Service', '## Refused');
    await expect(s.get(IngestService).ingest('extra.md', broken)).rejects.toThrow();
    expect(await snapshot(s)).toEqual(before);
    await s.database.sql((sql) => sql.exec('DROP TRIGGER refuse_topic ON topics; DROP FUNCTION refuse_topic();'));
  });

  it('a topic evidences each relation whose both ends it mentions, through replace, reindex and delete', async () => {
    const evidence = async () => {
      const { edges } = await s.get(GraphService).neighbors('headless');
      return Object.fromEntries(edges.map((edge) => [`${edge.from} ${edge.type} ${edge.to}`, edge.evidence.filter((slug) => slug.startsWith('evidence-'))]));
    };
    const ingest = s.get(IngestService);
    const { document } = await ingest.ingest('evidence.md', '# Evidence one\n\nThis Service is headless (无头服务): it routes to each Pod.\n\n# Evidence two\n\nA Service can be headless (无头服务).\n');
    expect(await evidence()).toMatchObject({
      'headless EXTENDS service': ['evidence-one', 'evidence-two'],
      'headless ROUTES_TO pod': ['evidence-one'],
      'headless USES kube-dns': [],
    });
    await ingest.ingest('evidence.md', '# Evidence one\n\nA Service can be headless (无头服务).\n\n# Evidence two\n\nThis Service is headless (无头服务): it routes to each Pod.\n');
    const replaced = await evidence();
    expect(replaced).toMatchObject({ 'headless EXTENDS service': ['evidence-one', 'evidence-two'], 'headless ROUTES_TO pod': ['evidence-two'] });
    await ingest.recomputeDerived();
    expect(await evidence()).toEqual(replaced);
    await ingest.deleteDocument(document.slug);
    expect(Object.values(await evidence()).flat()).toEqual([]);
  });

  it('links stored notes again when the ontology changes (ONTOLOGY_DIR adds an entity the notes already name)', async () => {
    const mentioning = async () => (await s.get(TopicsService).list({ entity: 'zebra-sidecar', limit: 100 })).items.map((t) => t.slug);
    await s.get(IngestService).ingest('zebra.md', '# Meshes\n\nThe Zebra sidecar (斑马边车) proxies every call.\n');
    expect(await status(s.get(EntitiesService).get('zebra-sidecar'))).toBe(404);

    const extra = mkdtempSync(join(tmpdir(), 'kubenotes-ontology-'));
    try {
      writeFileSync(join(extra, 'mesh.yaml'), 'type: ECOSYSTEM\nentities:\n  - slug: zebra-sidecar\n    name: Zebra sidecar\n    aliases: [斑马边车]\n    description: A made-up proxy.\n    attributes: {}\n');
      await s.restart({ ONTOLOGY_DIR: extra });
      expect(await mentioning()).toEqual(['meshes']);
      // And back: without the folder the entity and its mentions are gone, the topic stays.
      await s.restart();
      expect(await status(s.get(EntitiesService).get('zebra-sidecar'))).toBe(404);
      expect(await status(s.get(TopicsService).get('meshes'))).toBe(200);
      await s.get(IngestService).deleteDocument('zebra');
    } finally {
      rmSync(extra, { recursive: true, force: true });
    }
  });
});

describe('inStatements', () => {
  it('sends rows as JSON in statements of ROWS_PER_STATEMENT rows, one after another, never two at once', async () => {
    const rows = Array.from({ length: ROWS_PER_STATEMENT + 10 }, (_, i) => ({ relationId: i, topicId: i }));
    const chunks: unknown[][] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    await inStatements(rows, async (json) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      chunks.push(JSON.parse(json) as unknown[]);
      inFlight--;
    });
    expect(chunks.map((chunk) => chunk.length)).toEqual([ROWS_PER_STATEMENT, 10]);
    expect(chunks.flat()).toEqual(rows);
    expect(mostInFlight).toBe(1);
    await inStatements([], async () => {
      throw new Error('no statement for no rows');
    });
  });
});

/** The entity frequencies kept in memory between documents must be what a full read of the mentions gives. */
describe('MentionStatsCache', () => {
  let s: Services;
  beforeAll(async () => {
    s = await startServices({ seed: true });
  });
  afterAll(() => s?.close());

  const fresh = () => s.get(IngestRepository).transaction((rows) => rows.mentionStats());
  const cached = () => s.get(IngestRepository).transaction((rows) => s.get(MentionStatsCache).read(rows));

  it('moved by adds, replacements and deletes, equals a full read', async () => {
    const ingest = s.get(IngestService);
    await cached(); // read whole once, then moved by each write below
    await ingest.ingest('a.md', MARKDOWN);
    await ingest.ingest('b.md', '# Ingress\n\nAn Ingress routes HTTP to a Service; a NodePort Service opens a port on every node.\n');
    await ingest.ingest('a.md', '# Only etcd\n\netcd keeps the cluster state.\n'); // replaced: its probes and services are gone
    const b = (await s.get(IngestRepository).findDocumentByName('b.md'))!;
    await ingest.deleteDocument(b.slug);
    const expected = await fresh();
    expect(expected.df.get('etcd')).toBeGreaterThan(0);
    expect(await cached()).toEqual(expected);
  });

  it('reads whole again after a write it did not see (another process, through the content log)', async () => {
    await cached();
    // A write behind the cache's back, as another process's would be: the mentions of one topic deleted.
    const prisma = s.get(DatabaseService as unknown as Type<DatabaseService>).prisma;
    const { topicId } = (await prisma.mention.findFirst({ orderBy: { topicId: 'asc' } }))!;
    await prisma.mention.deleteMany({ where: { topicId } });
    expect(await cached()).not.toEqual(await fresh());
    s.get(MentionStatsCache).invalidate(); // what a content-log notification does
    expect(await cached()).toEqual(await fresh());
  });
});

/** Planner statistics: nothing else analyzes PGlite, and a PostgreSQL may run no autovacuum. */
describe('TableStatistics', () => {
  let s: Services;
  beforeAll(async () => {
    s = await startServices();
  });
  afterAll(() => s?.close());

  const analyzedTopics = async () => {
    const [row] = await s.database.prisma.$queryRaw<[{ n: number }]>`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'topics'`;
    return row.n;
  };

  it('analyzes once the corpus has grown past the first documents, and after a folder ingest', async () => {
    const ingest = s.get(IngestService);
    const note = (i: number) => `# Note ${i}\n\nA liveness probe restarts container number ${i}.\n\n## More ${i}\n\nA Service routes to Pods.\n`;
    const before = await analyzedTopics();
    for (let i = 0; i < 19; i++) await ingest.ingest(`note-${i}.md`, note(i));
    expect(await analyzedTopics()).toBe(before); // 19 documents: not yet
    await ingest.ingest('note-19.md', note(19));
    await s.get(TableStatistics).onModuleDestroy(); // the analyze runs in the background: wait for it
    expect(await analyzedTopics()).toBe(40); // every topic counted: 20 documents of two sections

    const dir = mkdtempSync(join(tmpdir(), 'kubenotes-analyze-'));
    try {
      for (let i = 20; i < 25; i++) writeFileSync(join(dir, `note-${i}.md`), note(i));
      await ingest.ingestFolder(dir);
      expect(await analyzedTopics()).toBe(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
