/**
 * `npm run bench:replicas`: how soon a write through one replica is found by another's search.
 * Two compiled service processes (A and B) on one fresh PostgreSQL database; BENCH_WRITES times
 * (50), the same document is replaced through A with a new unique word, and B's search is polled
 * every BENCH_POLL_INTERVAL_MS (10) until it finds that word. The baseline, measured on the same
 * writes, is the writer's own: A's POST answers only once A's own index holds the write, so its
 * round trip is how long the writing replica takes to find it.
 *
 * Needs DATABASE_URL (a PostgreSQL server: a database of its own is created beside it and dropped).
 * Writes bench/results/replica-propagation-<time>.json and prints a Markdown summary.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describeMachine, machine } from './machine.js';
import { ROOT } from './processes.js';
import { startService, type RunningService } from './service.js';
import { percentile } from './stats.js';

const WRITES = Number(process.env.BENCH_WRITES ?? 50);
const POLL_INTERVAL_MS = Number(process.env.BENCH_POLL_INTERVAL_MS ?? 10);
/** A write not found by then counts as lost, and fails the run. */
const GIVE_UP_MS = 30_000;
const ADMIN_API_KEY = 'bench-replica-propagation';
const log = (message: string) => process.stderr.write(`${message}\n`);
const loadAverage = () => loadavg().map((l) => Math.round(l * 100) / 100);

interface Sample {
  /** POST sent → A answered (A's own index holds it): the baseline. */
  writerMs: number;
  /** POST sent → B's search finds it. */
  replicaMs: number;
}

/** Letters only, so the analyzer keeps it one word that no note contains. */
const uniqueWord = () => `bench${randomBytes(6).toString('hex').replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

async function finds(service: RunningService, word: string): Promise<boolean> {
  const body = (await (await fetch(`${service.url}/api/v1/search?q=${word}`)).json()) as { hits: { highlight: string }[] };
  return body.hits.some((hit) => hit.highlight.includes(word));
}

async function writeAndFollow(a: RunningService, b: RunningService): Promise<Sample> {
  const word = uniqueWord();
  const sent = performance.now();
  const posted = fetch(`${a.url}/api/v1/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_API_KEY },
    body: JSON.stringify({ name: 'bench-propagation.md', content: `# Propagation ${word}\n\nThe ${word} controller reconciles every pod.\n` }),
  }).then((response) => {
    if (response.status !== 201) throw new Error(`POST answered ${response.status}`);
    return performance.now() - sent;
  });
  let replicaMs: number | undefined;
  while (replicaMs === undefined) {
    if (await finds(b, word)) replicaMs = performance.now() - sent;
    else if (performance.now() - sent > GIVE_UP_MS) throw new Error(`B did not find a write within ${GIVE_UP_MS} ms`);
    else await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  return { writerMs: await posted, replicaMs };
}

const round = (ms: number) => Math.round(ms);
const summary = (samples: number[]) => ({ p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)), max: round(Math.max(...samples)) });

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('set DATABASE_URL to a PostgreSQL server: replicas share one database');
  const name = `kubenotes_bench_replicas_${Date.now()}`;
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const sql = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await sql(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString(), ADMIN_API_KEY, LOG_LEVEL: 'warn' };
  const services: RunningService[] = [];
  try {
    log('starting A (seeds the database), then B');
    const a = await startService(env);
    services.push(a);
    const b = await startService(env);
    services.push(b);
    const loadBefore = loadAverage();
    const samples: Sample[] = [];
    for (let i = 0; i < WRITES; i++) {
      samples.push(await writeAndFollow(a, b));
      if ((i + 1) % 10 === 0) log(`${i + 1}/${WRITES} writes`);
    }
    const writer = summary(samples.map((s) => s.writerMs));
    const replica = summary(samples.map((s) => s.replicaMs));
    const lag = summary(samples.map((s) => s.replicaMs - s.writerMs));
    const report = {
      date: new Date().toISOString(),
      machine: machine(),
      loadAverage: { before: loadBefore, after: loadAverage() },
      settings: { writes: WRITES, pollIntervalMs: POLL_INTERVAL_MS },
      writerMs: writer,
      replicaMs: replica,
      replicaAfterWriterMs: lag,
      ratio: { p50: Math.round((replica.p50 / writer.p50) * 100) / 100, p99: Math.round((replica.p99 / writer.p99) * 100) / 100 },
      samples,
    };
    const dir = join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `replica-propagation-${report.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(
      [
        `Replica propagation, ${WRITES} writes (${describeMachine(report.machine)}; load ${loadBefore.join(' ')} → ${report.loadAverage.after.join(' ')})`,
        '',
        '| from the POST being sent | p50 ms | p99 ms | max ms |',
        '| --- | ---: | ---: | ---: |',
        `| A answers (its own index holds it): baseline | ${writer.p50} | ${writer.p99} | ${writer.max} |`,
        `| B's search finds it | ${replica.p50} | ${replica.p99} | ${replica.max} |`,
        `| B after A (B's time minus A's, per write) | ${lag.p50} | ${lag.p99} | ${lag.max} |`,
        '',
        `B / A: ${report.ratio.p50}× at p50, ${report.ratio.p99}× at p99.`,
        '',
        `JSON: ${file}`,
        '',
      ].join('\n'),
    );
  } finally {
    await Promise.all(services.map((service) => service.stop()));
    await sql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  log(String((error as Error)?.stack ?? error));
  process.exit(1);
});
