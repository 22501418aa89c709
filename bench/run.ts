/**
 * `npm run bench`: the compiled service on embedded PGlite against a bare
 * node:http server sending the same bytes as its topic answer (status line,
 * headers and body; and, for reference, one sending the body alone), once with the
 * response cache on (the default configuration) and once with it off, so the
 * figures show both what a repeated request costs and what computing an
 * answer costs. The baseline is measured again before each.
 *
 * Environment: BENCH_CONNECTIONS (50), BENCH_DURATION (10 s), BENCH_WARMUP (2 s),
 * BENCH_ROUTES (comma-separated names to run, e.g. "search"), BENCH_CACHE
 * (both, on or off), BENCH_NODE_ARGS (extra node flags for the service, e.g.
 * "--cpu-prof --cpu-prof-dir=bench/results/prof").
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchOnce, measure, type LoadResult } from './load.js';
import { machine } from './machine.js';
import { firstJsonLine, ROOT, startChild, type Child } from './processes.js';
import { figures, graphqlVsRest, markdown, type BenchReport, type BenchRun } from './report.js';
import { SERVICE_ROUTES, TOPIC } from './routes.js';
import { startService } from './service.js';

const settings = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  durationSeconds: Number(process.env.BENCH_DURATION ?? 10),
  warmupSeconds: Number(process.env.BENCH_WARMUP ?? 2),
};
const only = process.env.BENCH_ROUTES?.split(',').map((s) => s.trim()).filter(Boolean);
const MODES: Array<{ responseCache: boolean; env: Record<string, string> }> = [
  { responseCache: true, env: {} },
  { responseCache: false, env: { RESPONSE_CACHE_ENTRIES: '0' } },
];
const cacheChoice = process.env.BENCH_CACHE ?? 'both';
const modes = MODES.filter((m) => cacheChoice === 'both' || (cacheChoice === 'on') === m.responseCache);
const log = (message: string) => process.stderr.write(`${message}\n`);
const loadAverage = () => loadavg().map((l) => Math.round(l * 100) / 100);

/** Headers node:http writes itself, or that differ per connection. */
const OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'content-type', 'transfer-encoding']);

interface Baselines {
  /** The topic answer's body, content type and every other header the service sent. */
  sameBytes: Child & { url: string };
  /** The body and content type alone. */
  bodyOnly: Child & { url: string };
}

/** The bare node:http servers, started on the bytes of the service's topic answer. */
async function startBaselines(serviceUrl: string, scratch: string): Promise<Baselines> {
  const topic = await fetchOnce(serviceUrl, TOPIC);
  const bodyFile = join(scratch, 'topic.json');
  writeFileSync(bodyFile, topic.body);
  const headersFile = join(scratch, 'headers.json');
  writeFileSync(headersFile, JSON.stringify(Object.fromEntries([...topic.headers].filter(([name]) => !OWN_HEADERS.has(name)))));
  const start = async (extra: string[]) => {
    const child = startChild(['dist/bench/baseline-server.js', bodyFile, topic.contentType, ...extra], { PATH: process.env.PATH ?? '' });
    const { port } = await firstJsonLine<{ port: number }>(child);
    return { ...child, url: `http://127.0.0.1:${port}` };
  };
  log(`baselines: node:http sending the ${topic.body.length}-byte body of ${TOPIC.path}, with and without its other headers`);
  return { sameBytes: await start([headersFile]), bodyOnly: await start([]) };
}

async function benchMode(mode: (typeof MODES)[number], scratch: string, holder: { baselines?: Baselines }): Promise<BenchRun> {
  log(`starting the service (embedded PGlite in memory, seeded, response cache ${mode.responseCache ? 'on' : 'off'})…`);
  const service = await startService(mode.env, process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []);
  try {
    const baselines = (holder.baselines ??= await startBaselines(service.url, scratch));
    const baseline = await measure(baselines.sameBytes.url, { ...TOPIC, name: 'baseline (node:http, same bytes)' }, settings, baselines.sameBytes.process.pid);
    const bodyOnly = await measure(baselines.bodyOnly.url, { ...TOPIC, name: 'baseline (node:http, body only)' }, settings, baselines.bodyOnly.process.pid);
    const results: LoadResult[] = [];
    const skipped: BenchRun['skipped'] = [];
    for (const route of SERVICE_ROUTES) {
      if (only && !only.some((name) => route.name.startsWith(name))) continue;
      try {
        await fetchOnce(service.url, route);
      } catch (error) {
        skipped.push({ name: route.name, reason: (error as Error).message.split('\n')[0]!.slice(0, 200) });
        log(`skipping ${route.name}: ${(error as Error).message.slice(0, 200)}`);
        continue;
      }
      log(`measuring ${route.name}…`);
      results.push(await measure(service.url, route, settings, service.process.pid));
    }
    const routes = figures(results, baseline, bodyOnly);
    return { responseCache: mode.responseCache, baseline, bodyOnlyBaseline: bodyOnly, routes, skipped, graphqlVsRest: graphqlVsRest(routes) };
  } finally {
    await service.stop();
  }
}

async function main(): Promise<void> {
  const loadAverageBefore = loadAverage();
  const scratch = mkdtempSync(join(tmpdir(), 'kubenotes-bench-'));
  const holder: { baselines?: Baselines } = {};
  try {
    const runs: BenchRun[] = [];
    for (const mode of modes) runs.push(await benchMode(mode, scratch, holder));
    const report: BenchReport = {
      at: new Date().toISOString(),
      commit: execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim(),
      machine: { ...machine(), loadAverageBefore, loadAverageAfter: loadAverage() },
      settings,
      runs,
    };
    const dir = join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `http-${report.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${markdown(report)}\n\nJSON: ${file}\n`);
  } finally {
    await holder.baselines?.sameBytes.stop();
    await holder.baselines?.bodyOnly.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
