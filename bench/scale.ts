/**
 * `npm run bench:scale`: how cost grows with the notes. For each size (× the
 * seed's characters), generated notes are ingested by a fresh process on an
 * empty embedded PGlite (and, with DATABASE_URL set, on a fresh PostgreSQL
 * database beside it), then indexed and searched in-process.
 *
 * Environment: BENCH_SCALE_FACTORS (1,10,100,1000), BENCH_SCALE_PGLITE_FACTORS (all of
 * them), BENCH_SCALE_PG_FACTORS (1,10), BENCH_SCALE_TIMEOUT_MIN (30, per size),
 * DATABASE_URL (adds the PostgreSQL rows).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNotes, SEED_NOTES } from './generate-notes.js';
import { describeMachine, machine } from './machine.js';
import { withPostgresDatabase } from './postgres-database.js';
import { firstJsonLine, ROOT, startChild } from './processes.js';
import type { ScaleFigures } from './scale-worker.js';

const list = (value: string | undefined, fallback: string) => (value ?? fallback).split(',').map(Number).filter((n) => n > 0);
const factors = list(process.env.BENCH_SCALE_FACTORS, '1,10,100,1000');
const pgliteFactors = list(process.env.BENCH_SCALE_PGLITE_FACTORS, factors.join(','));
const pgFactors = process.env.DATABASE_URL ? list(process.env.BENCH_SCALE_PG_FACTORS, '1,10') : [];
const timeoutMs = Number(process.env.BENCH_SCALE_TIMEOUT_MIN ?? 30) * 60_000;
const log = (message: string) => process.stderr.write(`${message}\n`);

interface Row extends Partial<ScaleFigures> {
  factor: number;
  database: 'pglite' | 'postgres';
  chars: number;
  error?: string;
}

async function runWorker(dir: string, databaseUrl?: string): Promise<ScaleFigures> {
  const child = startChild(['dist/bench/scale-worker.js', dir, ...(databaseUrl ? [databaseUrl] : [])], { PATH: process.env.PATH ?? '' });
  const timer = setTimeout(() => void child.stop(), timeoutMs);
  try {
    return await firstJsonLine<ScaleFigures>(child);
  } finally {
    clearTimeout(timer);
    await child.stop();
  }
}

function table(rows: Row[]): string {
  const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '–' : n.toFixed(digits));
  const head = [
    '| size | database | documents | topics | ingest s | ingest CPU s | index build s | indexed docs | search p50 ms | search p99 ms | peak RSS MiB |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  return [
    ...head,
    ...rows.map((r) =>
      r.error
        ? `| ${r.factor}× | ${r.database} | – | – | – | – | – | – | – | – | failed: ${r.error} |`
        : `| ${r.factor}× | ${r.database} | ${r.documents} | ${r.topics} | ${fmt(r.ingestMs! / 1000, 1)} | ${fmt(r.ingestCpuMs! / 1000, 1)} | ${fmt(r.indexMs! / 1000, 2)} | ${r.indexedDocuments} | ${fmt(r.searchP50Ms, 1)} | ${fmt(r.searchP99Ms, 1)} | ${r.maxRssMiB} |`,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const at = new Date().toISOString();
  const loadBefore = loadavg();
  const rows: Row[] = [];
  for (const factor of factors) {
    const dir = mkdtempSync(join(tmpdir(), `kubenotes-scale-${factor}x-`));
    try {
      // 1× is the seed itself; larger sizes are generated in its style.
      let chars: number;
      if (factor === 1) {
        copyFileSync(SEED_NOTES, join(dir, 'k8s-notes.txt'));
        chars = readFileSync(SEED_NOTES, 'utf8').length;
      } else {
        chars = generateNotes(factor, dir).chars;
      }
      const targets = [
        ...(pgliteFactors.includes(factor) ? (['pglite'] as const) : []),
        ...(pgFactors.includes(factor) ? (['postgres'] as const) : []),
      ];
      for (const database of targets) {
        log(`${factor}×, ${database}: ingesting ${chars} characters…`);
        try {
          const figures = database === 'postgres' ? await withPostgresDatabase((url) => runWorker(dir, url)) : await runWorker(dir);
          rows.push({ factor, chars, ...figures });
        } catch (error) {
          // The first line says what failed, the last what the child printed last (often the cause).
          const lines = (error as Error).message.split('\n').filter((line) => line.trim());
          const summary = lines.length > 1 ? `${lines[0]} … ${lines.at(-1)}` : (lines[0] ?? 'unknown error');
          rows.push({ factor, chars, database, error: summary.slice(0, 200) });
        }
        log(table(rows.slice(-1)).split('\n').at(-1)!);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const report = { at, machine: { ...machine(), loadAverageBefore: loadBefore, loadAverageAfter: loadavg() }, rows };
  const resultsDir = join(ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `scale-${at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`Machine: ${describeMachine(report.machine)}\n\n${table(rows)}\n\nJSON: ${file}\n`);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
