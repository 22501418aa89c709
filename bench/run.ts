/**
 * `npm run bench`: the compiled service on embedded PGlite against a bare
 * node:http server sending the same bytes as its topic answer.
 *
 * Environment: BENCH_CONNECTIONS (50), BENCH_DURATION (10 s), BENCH_WARMUP (2 s),
 * BENCH_ROUTES (comma-separated names to run, e.g. "search"), BENCH_NODE_ARGS
 * (extra node flags for the service, e.g. "--cpu-prof --cpu-prof-dir=bench/results/prof").
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchOnce, measure, type LoadResult } from './load.js';
import { machine } from './machine.js';
import { firstJsonLine, ROOT, startChild } from './processes.js';
import { figures, graphqlVsRest, markdown, type BenchReport } from './report.js';
import { SERVICE_ROUTES, TOPIC } from './routes.js';
import { startService } from './service.js';

const settings = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  durationSeconds: Number(process.env.BENCH_DURATION ?? 10),
  warmupSeconds: Number(process.env.BENCH_WARMUP ?? 2),
};
const only = process.env.BENCH_ROUTES?.split(',').map((s) => s.trim()).filter(Boolean);
const log = (message: string) => process.stderr.write(`${message}\n`);

async function main(): Promise<void> {
  const loadAverageBefore = loadavg().map((l) => Math.round(l * 100) / 100);
  log('starting the service (embedded PGlite in memory, seeded)…');
  const service = await startService({}, process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []);
  const scratch = mkdtempSync(join(tmpdir(), 'kubenotes-bench-'));
  const stops = [service.stop];
  try {
    const topic = await fetchOnce(service.url, TOPIC);
    const bodyFile = join(scratch, 'topic.json');
    writeFileSync(bodyFile, topic.body);
    const baselineChild = startChild(['dist/bench/baseline-server.js', bodyFile, topic.contentType], { PATH: process.env.PATH ?? '' });
    stops.push(baselineChild.stop);
    const { port } = await firstJsonLine<{ port: number }>(baselineChild);

    log(`baseline: node:http sending the ${topic.body.length} bytes of ${TOPIC.path}`);
    const baseline = await measure(`http://127.0.0.1:${port}`, { ...TOPIC, name: 'baseline (node:http)' }, settings, baselineChild.process.pid);

    const results: LoadResult[] = [];
    const skipped: BenchReport['skipped'] = [];
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

    const routes = figures(results, baseline);
    const report: BenchReport = {
      at: new Date().toISOString(),
      commit: execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim(),
      machine: { ...machine(), loadAverageBefore, loadAverageAfter: loadavg().map((l) => Math.round(l * 100) / 100) },
      settings,
      baseline,
      routes,
      skipped,
      graphqlVsRest: graphqlVsRest(routes),
    };
    const dir = join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `http-${report.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${markdown(report)}\n\nJSON: ${file}\n`);
  } finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
