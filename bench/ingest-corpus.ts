/**
 * `npm run bench:ingest -- [DIR]`: what ingest costs on a folder of Markdown notes,
 * on embedded PGlite as a new user runs it (or PostgreSQL, see below).
 *
 * 1. baseline: parsing and linking every file in this process, no database — the
 *    work no ingest can skip; every figure below is also given as a ratio to it;
 * 2. `npm run ingest -- DIR` as a user types it (a fresh process on an empty on-disk PGlite);
 * 3. every file POSTed, one after another, to the compiled service (in-memory PGlite,
 *    started empty), with the first and last 20 requests compared (cost must not grow);
 * 4. one more document into that corpus, a changed one, and a delete: p50 and p99 of 20 each.
 *
 * With DATABASE_URL set, steps 2 to 4 run on PostgreSQL instead, each on a fresh database
 * created beside that one and dropped after.
 *
 * DIR defaults to a corpus made by bench/generate-markdown-corpus.ts. Writes bench/results/ingest-<time>.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { listNotesFolder } from '../apps/api/src/ingest/notes-folder.js';
import { createMentionFinder } from '../seed/parser/linker.js';
import { loadOntology } from '../seed/ontology/load.js';
import { parseDocument } from '../seed/parser/parse-document.js';
import { buildTopicGraph } from '../seed/parser/topic-graph.js';
import { generateMarkdownCorpus } from './generate-markdown-corpus.js';
import { describeMachine, machine } from './machine.js';
import { withPostgresDatabase } from './postgres-database.js';
import { ROOT, startChild } from './processes.js';
import { startService } from './service.js';
import { percentile } from './stats.js';

const KEY = 'bench-admin-key';
const SAMPLES = 20;
const log = (message: string) => process.stderr.write(`${message}\n`);
const round = (ms: number) => Math.round(ms);
const postgres = Boolean(process.env.DATABASE_URL);

/** Runs `work` on an empty database: a fresh PostgreSQL one with DATABASE_URL, else none (the child's own PGlite). */
function onEmptyDatabase<T>(work: (env: Record<string, string>) => Promise<T>): Promise<T> {
  return postgres ? withPostgresDatabase((url) => work({ DATABASE_URL: url })) : work({});
}

interface NoteFile {
  name: string;
  content: string;
}

async function corpus(dir: string): Promise<NoteFile[]> {
  const { files } = await listNotesFolder(dir);
  return files.map((file) => ({ name: file.name, content: readFileSync(file.path, 'utf8') })).filter((file) => file.content.trim());
}

/** Parse + link in-process: the floor under any ingest of these files. */
function parseBaseline(files: NoteFile[]): number {
  const finder = createMentionFinder(loadOntology());
  const started = performance.now();
  for (const file of files) {
    buildTopicGraph(parseDocument(file.name, file.content), { findMentions: finder, slugTakenElsewhere: () => false, documentSlug: 'x' });
  }
  return performance.now() - started;
}

async function cliIngest(dir: string, env: Record<string, string>): Promise<{ ms: number; report: { added: string[]; skipped: unknown[]; failed: unknown[] } }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubenotes-bench-ingest-'));
  try {
    const started = performance.now();
    const child = startChild(['dist/apps/api/src/cli/ingest.js', dir], { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'error', ...env });
    const code = await new Promise<number | null>((resolve) => child.process.once('exit', resolve));
    const ms = performance.now() - started;
    if (code !== 0) throw new Error(`npm run ingest exited ${code}:\n${child.output()}`);
    return { ms, report: JSON.parse(child.stdout()) as { added: string[]; skipped: unknown[]; failed: unknown[] } };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function timed(run: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await run();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
  return ms;
}

async function serviceIngest(files: NoteFile[], env: Record<string, string>) {
  const empty = mkdtempSync(join(tmpdir(), 'kubenotes-bench-empty-'));
  const service = await startService({ ADMIN_API_KEY: KEY, SEED_DIR: empty, ...env });
  const post = (name: string, content: string) =>
    timed(() => fetch(`${service.url}/api/v1/documents`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body: JSON.stringify({ name, content }) }));
  try {
    const latencies: number[] = [];
    const started = performance.now();
    for (const [i, file] of files.entries()) {
      latencies.push(await post(file.name, file.content));
      if ((i + 1) % 50 === 0) log(`  POST ${i + 1}/${files.length}`);
    }
    const totalMs = performance.now() - started;
    // One more document: another copy of a corpus file under a new path (its titles clash, as real ones do).
    const extras = files.slice(0, SAMPLES).map((file, i) => ({ name: `extra/${i}/${file.name}`, content: `${file.content}\n\nExtra note ${i}.\n` }));
    const added: number[] = [];
    for (const file of extras) added.push(await post(file.name, file.content));
    const replaced: number[] = [];
    for (const file of extras) replaced.push(await post(file.name, `${file.content}\nChanged.\n`));
    const slugs = await Promise.all(
      extras.map(async (file) => {
        const page = (await (await fetch(`${service.url}/api/v1/documents?limit=100&cursor=${cursorBefore(file.name)}`)).json()) as { items: Array<{ name: string; slug: string }> };
        return page.items.find((d) => d.name === file.name)!.slug;
      }),
    );
    const deleted: number[] = [];
    for (const slug of slugs) deleted.push(await timed(() => fetch(`${service.url}/api/v1/documents/${slug}`, { method: 'DELETE', headers: { 'x-api-key': KEY } })));
    const stats = (samples: number[]) => ({ p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)), mean: round(samples.reduce((a, b) => a + b, 0) / samples.length) });
    return {
      totalMs: round(totalMs),
      // Mean POST time in each tenth of the sequence: where the cost stops growing with the corpus.
      byTenth: Array.from({ length: 10 }, (_, k) => latencies.slice(Math.floor((k * latencies.length) / 10), Math.floor(((k + 1) * latencies.length) / 10))).map(
        (part) => round(part.reduce((a, b) => a + b, 0) / Math.max(1, part.length)),
      ),
      first20: stats(latencies.slice(0, SAMPLES)),
      last20: stats(latencies.slice(-SAMPLES)),
      oneMore: stats(added),
      replace: stats(replaced),
      delete: stats(deleted),
    };
  } finally {
    await service.stop();
    rmSync(empty, { recursive: true, force: true });
  }
}

/** A cursor that starts the document list just before `name` (the list is in name order). */
function cursorBefore(name: string): string {
  return Buffer.from(JSON.stringify({ n: name.slice(0, -1) })).toString('base64url');
}

async function main(): Promise<void> {
  let dir = process.argv[2];
  let generated: string | undefined;
  if (!dir) {
    generated = dir = mkdtempSync(join(tmpdir(), 'kubenotes-bench-corpus-'));
    generateMarkdownCorpus(dir);
  }
  try {
    const files = await corpus(dir);
    const chars = files.reduce((sum, f) => sum + f.content.length, 0);
    log(`corpus: ${files.length} files, ${(chars / 1e6).toFixed(2)} M characters (${dir})`);
    const baselineMs = parseBaseline(files);
    log(`baseline (parse + link, no database): ${round(baselineMs)} ms`);
    const cli = await onEmptyDatabase((env) => cliIngest(dir, env));
    log(`npm run ingest -- DIR: ${round(cli.ms)} ms (${cli.report.added.length} added, ${cli.report.skipped.length} skipped, ${cli.report.failed.length} failed)`);
    const service = await onEmptyDatabase((env) => serviceIngest(files, env));
    const ratio = (ms: number) => Math.round((ms / baselineMs) * 10) / 10;
    const result = {
      at: new Date().toISOString(),
      machine: machine(),
      load: loadavg().map((l) => Math.round(l * 10) / 10),
      database: postgres ? 'postgres' : 'pglite',
      corpus: { dir: generated ? 'generated' : dir, files: files.length, chars },
      baselineMs: round(baselineMs),
      cli: { ms: round(cli.ms), ratio: ratio(cli.ms), added: cli.report.added.length, failed: cli.report.failed.length },
      service: { ...service, ratio: ratio(service.totalMs) },
    };
    const lines = [
      `machine: ${describeMachine(result.machine)}; load ${result.load.join(' ')}`,
      `corpus: ${files.length} files, ${(chars / 1e6).toFixed(2)} M chars; baseline (parse + link in-process) ${result.baselineMs} ms`,
      `| step | figure | × baseline |`,
      `| --- | --- | --- |`,
      `| npm run ingest -- DIR (${postgres ? 'PostgreSQL' : 'PGlite on disk'}, fresh process) | ${result.cli.ms} ms | ${result.cli.ratio} |`,
      `| ${files.length} sequential POST /documents (${postgres ? 'PostgreSQL' : 'PGlite in memory'}) | ${service.totalMs} ms | ${result.service.ratio} |`,
      `| POST latency, first ${SAMPLES} / last ${SAMPLES} (p50) | ${service.first20.p50} / ${service.last20.p50} ms | |`,
      `| POST latency, first ${SAMPLES} / last ${SAMPLES} (mean) | ${service.first20.mean} / ${service.last20.mean} ms | |`,
      `| POST mean by tenth of the sequence | ${service.byTenth.join(' · ')} ms | |`,
      `| one more document (p50 / p99) | ${service.oneMore.p50} / ${service.oneMore.p99} ms | |`,
      // The first files again under new paths: the same content into the full corpus as into the empty one, so the ratio is the corpus's cost alone.
      `| the first ${SAMPLES} files into the full corpus ÷ into the empty one (mean) | ${service.oneMore.mean} / ${service.first20.mean} ms = ${(service.oneMore.mean / service.first20.mean).toFixed(2)} | |`,
      `| a changed document (p50 / p99) | ${service.replace.p50} / ${service.replace.p99} ms | |`,
      `| a delete (p50 / p99) | ${service.delete.p50} / ${service.delete.p99} ms | |`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', `ingest-${result.at.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    if (generated) rmSync(generated, { recursive: true, force: true });
  }
}

await main();
