import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../apps/api/src/app.factory.js';
import { StartupService } from '../apps/api/src/bootstrap/startup.service.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { DatabaseService } from '../apps/api/src/database/database.service.js';
import { inStatements, ROWS_PER_STATEMENT } from '../apps/api/src/ingest/ingest.repository.js';
import { IngestService } from '../apps/api/src/ingest/ingest.service.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

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
async function snapshot(server: unknown) {
  const topics = (await request(server as never).get('/api/v1/topics?limit=100').expect(200)).body.items;
  const details = [];
  for (const topic of topics) details.push((await request(server as never).get(`/api/v1/topics/${topic.slug}`).expect(200)).body);
  const entities = (await request(server as never).get('/api/v1/entities?limit=100').expect(200)).body;
  return { topics, details, entities };
}

describe('ingest', () => {
  let db: TestDatabase;
  const open = async (env: Record<string, string> = {}) => {
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: db.dataDir, ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}), ...env });
    const app = await createApp(config, pino({ level: 'silent' }));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    await app.get(StartupService).start();
    return app;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    // PGlite in memory dies with its app; a temp folder lets this test restart on the same data.
    if (db.kind === 'pglite') db.dataDir = mkdtempSync(join(tmpdir(), 'kubenotes-ingest-'));
  });
  afterAll(async () => {
    await db.drop();
    if (db.kind === 'pglite') rmSync(db.dataDir, { recursive: true, force: true });
  });

  it('ingesting twice and restarting change nothing', async () => {
    let app = await open();
    const before = await snapshot(app.getHttpServer());
    const again = await app.get(IngestService).ingestFolder('seed/notes');
    expect(again).toMatchObject({ added: [], replaced: [], unchanged: ['k8s-notes.txt'], failed: [] });
    expect(await snapshot(app.getHttpServer())).toEqual(before);
    await app.close();
    app = await open();
    expect(await snapshot(app.getHttpServer())).toEqual(before);
    await app.close();
  });

  it('ingests Markdown, flags removed APIs, keeps slugs unique across documents, and replaces by name', async () => {
    const app = await open();
    try {
      const ingest = app.get(IngestService);
      const report = await ingest.ingest('extra.md', MARKDOWN);
      expect(report).toMatchObject({ unchanged: false, topics: 2, snippets: 1 });
      const server = app.getHttpServer();
      // "Service" exists in the seed notes as `service`; this document's topic must not steal it.
      const seedService = (await request(server).get('/api/v1/topics/service').expect(200)).body;
      expect(seedService.source.document).toBe('k8s-notes.txt');
      const probes = (await request(server).get('/api/v1/topics/probes').expect(200)).body;
      expect(probes.source.document).toBe('extra.md');
      expect(probes.snippets[0].manifest).toMatchObject({
        apiVersion: 'policy/v1beta1',
        kind: 'PodDisruptionBudget',
        name: 'web-pdb',
        deprecated: { replacement: 'policy/v1', removedIn: '1.25' },
      });
      expect(probes.entities.map((e: { slug: string }) => e.slug)).toEqual(expect.arrayContaining(['liveness-probe', 'readiness-probe']));
      const extraService = (await request(server).get('/api/v1/topics').query({ parent: 'probes' }).expect(200)).body.items[0];
      expect(extraService.slug).toBe('service--extra');

      const replaced = await ingest.ingest('extra.md', MARKDOWN.replace('## Service', '## Headless'));
      expect(replaced.unchanged).toBe(false);
      await request(server).get('/api/v1/topics/service--extra').expect(404);
      await request(server).get('/api/v1/topics/headless').expect(200);
      await request(server).get('/api/v1/topics/probes').expect(200);
    } finally {
      await app.close();
    }
  });

  it('a failure mid-ingest leaves the previous state untouched', async () => {
    const app = await open();
    try {
      const server = app.getHttpServer();
      const before = await snapshot(server);
      // A real database error half way through the write: a trigger refuses one topic title.
      await app.get(DatabaseService).sql((sql) =>
        sql.exec(`
          CREATE FUNCTION refuse_topic() RETURNS trigger AS $$
          BEGIN IF NEW.title = 'Refused' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
          CREATE TRIGGER refuse_topic BEFORE INSERT ON topics FOR EACH ROW EXECUTE FUNCTION refuse_topic();`),
      );
      const broken = MARKDOWN.replace('## Service', '## Refused');
      await expect(app.get(IngestService).ingest('extra.md', broken)).rejects.toThrow();
      expect(await snapshot(server)).toEqual(before);
      await app.get(DatabaseService).sql((sql) => sql.exec('DROP TRIGGER refuse_topic ON topics; DROP FUNCTION refuse_topic();'));
    } finally {
      await app.close();
    }
  });

  it('a topic evidences each relation whose both ends it mentions, through replace, reindex and delete', async () => {
    const app = await open();
    try {
      const server = app.getHttpServer();
      const evidence = async () => {
        const edges = (await request(server).get('/api/v1/entities/headless/neighbors').expect(200)).body.edges as Array<{ from: string; type: string; to: string; evidence: string[] }>;
        return Object.fromEntries(edges.map((edge) => [`${edge.from} ${edge.type} ${edge.to}`, edge.evidence.filter((slug) => slug.startsWith('evidence-'))]));
      };
      const ingest = app.get(IngestService);
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
    } finally {
      await app.close();
    }
  });

  it('links stored notes again when the ontology changes (ONTOLOGY_DIR adds an entity the notes already name)', async () => {
    const mentioning = async (app: Awaited<ReturnType<typeof open>>) =>
      (await request(app.getHttpServer()).get('/api/v1/topics').query({ entity: 'zebra-sidecar', limit: 100 })).body;
    let app = await open();
    await app.get(IngestService).ingest('zebra.md', '# Meshes\n\nThe Zebra sidecar (斑马边车) proxies every call.\n');
    expect((await request(app.getHttpServer()).get('/api/v1/entities/zebra-sidecar')).status).toBe(404);
    await app.close();

    const extra = mkdtempSync(join(tmpdir(), 'kubenotes-ontology-'));
    try {
      writeFileSync(join(extra, 'mesh.yaml'), 'type: ECOSYSTEM\nentities:\n  - slug: zebra-sidecar\n    name: Zebra sidecar\n    aliases: [斑马边车]\n    description: A made-up proxy.\n    attributes: {}\n');
      app = await open({ ONTOLOGY_DIR: extra });
      expect((await mentioning(app)).items.map((t: { slug: string }) => t.slug)).toEqual(['meshes']);
      await app.close();
      // And back: without the folder the entity and its mentions are gone, the topic stays.
      app = await open();
      expect((await request(app.getHttpServer()).get('/api/v1/entities/zebra-sidecar')).status).toBe(404);
      await request(app.getHttpServer()).get('/api/v1/topics/meshes').expect(200);
      await app.get(IngestService).deleteDocument('zebra');
      await app.close();
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
