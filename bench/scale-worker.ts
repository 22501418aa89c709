/**
 * One size of the scale benchmark, in a fresh process so its peak RSS is its own:
 * migrate an empty database, sync the ontology, ingest a folder of notes, build
 * the embedded search index, then time a fixed query set in-process.
 *
 *   node dist/bench/scale-worker.js <notesDir> [databaseUrl]
 * Prints one JSON line (ScaleFigures).
 */
import { pino } from 'pino';
import { createApp } from '../apps/api/src/app.factory.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { DatabaseService } from '../apps/api/src/database/database.service.js';
import { IngestService } from '../apps/api/src/ingest/ingest.service.js';
import { SearchService } from '../apps/api/src/search/search.service.js';
import { percentile } from './stats.js';

const BASE_QUERIES = ['无头服务', 'headless service', '存活探针', 'rolling update', 'PersistentVolumeClaim', 'kube-proxy ipvs', 'StatefulSet 扩容', 'ingress tls'];
const VARIANTS = ['', 'pod', 'service', 'yaml', '部署', '节点', 'controller', 'volume', 'kubectl', '配置'];
/** 80 distinct queries: the engine memoises answers per index, and a repeated query would time the memo. */
export const SCALE_QUERIES = VARIANTS.flatMap((v) => BASE_QUERIES.map((q) => (v ? `${q} ${v}` : q)));

export interface ScaleFigures {
  database: 'pglite' | 'postgres';
  documents: number;
  topics: number;
  ingestMs: number;
  /** This process's CPU time during ingest: steadier than wall time on a busy machine (PGlite runs in it; PostgreSQL does not). */
  ingestCpuMs: number;
  indexMs: number;
  indexedDocuments: number;
  searchP50Ms: number;
  searchP99Ms: number;
  maxRssMiB: number;
}

async function main(): Promise<void> {
  const [notesDir, databaseUrl] = process.argv.slice(2);
  const config = loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const app = await createApp(config, pino({ level: 'silent' }));
  await app.init();
  try {
    const database = app.get(DatabaseService);
    await database.migrate();
    const ingest = app.get(IngestService);
    await ingest.syncOntology();

    let started = performance.now();
    const cpu = process.cpuUsage();
    const report = await ingest.ingestFolder(notesDir!);
    const ingestMs = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);

    const search = app.get(SearchService);
    started = performance.now();
    const index = await search.rebuild('bench');
    const indexMs = performance.now() - started;

    for (const q of ['warm up', 'pod 预热', 'deployment']) await search.search({ q, limit: 10 }); // JIT, first-use tables
    const latencies: number[] = [];
    for (const q of SCALE_QUERIES) {
      const t = performance.now();
      await search.search({ q, limit: 10 });
      latencies.push(performance.now() - t);
    }
    const figures: ScaleFigures = {
      database: database.kind,
      documents: report.added.length + report.replaced.length + report.unchanged.length,
      topics: await database.prisma.topic.count(),
      ingestMs: Math.round(ingestMs),
      ingestCpuMs: Math.round((user + system) / 1000),
      indexMs: Math.round(indexMs),
      indexedDocuments: index.documents,
      searchP50Ms: Math.round(percentile(latencies, 50) * 100) / 100,
      searchP99Ms: Math.round(percentile(latencies, 99) * 100) / 100,
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
