/**
 * `npm run bench:graphql`: the same topic through REST (GET /api/v1/topics/service)
 * and GraphQL (topic(slug) asking for the same fields), on the compiled service.
 * The two alternate in rounds, so a neighbour's load on this shared machine hits
 * both alike; the medians are compared. Exits 1 if GraphQL serves less than half
 * of REST's requests per second.
 *
 * Environment: BENCH_ROUNDS (3), BENCH_CONNECTIONS (10), BENCH_DURATION_S (5), BENCH_WARMUP_S (2).
 */
import { fetchOnce, measure, type LoadResult } from './load.js';
import { GRAPHQL_TOPIC, TOPIC } from './routes.js';
import { startService } from './service.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const opts = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  durationSeconds: Number(process.env.BENCH_DURATION_S ?? 5),
  warmupSeconds: Number(process.env.BENCH_WARMUP_S ?? 2),
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const service = await startService();
try {
  // Both doors must answer the same topic, or this compares an error path.
  const rest = JSON.parse((await fetchOnce(service.url, TOPIC)).body.toString());
  const graphql = JSON.parse((await fetchOnce(service.url, GRAPHQL_TOPIC)).body.toString());
  if (graphql.data.topic.body !== rest.body) throw new Error('REST and GraphQL answered different topics');

  const runs = new Map<string, LoadResult[]>([[TOPIC.name, []], [GRAPHQL_TOPIC.name, []]]);
  for (let round = 0; round < rounds; round++) {
    for (const route of [TOPIC, GRAPHQL_TOPIC]) runs.get(route.name)!.push(await measure(service.url, route, opts, service.process.pid));
  }

  process.stdout.write(`${rounds} alternating rounds, ${opts.connections} connections, ${opts.durationSeconds} s each after ${opts.warmupSeconds} s warm-up\n`);
  process.stdout.write('route               req/s (median, all rounds)        p50 ms   p99 ms   cpu ms/req\n');
  const summary = [...runs].map(([name, results]) => {
    const rps = median(results.map((r) => r.requestsPerSecond));
    const row = `${name.padEnd(18)}${String(rps).padStart(7)}  [${results.map((r) => r.requestsPerSecond).join(', ')}]`.padEnd(52)
      + `${String(median(results.map((r) => r.p50Ms))).padStart(6)}${String(median(results.map((r) => r.p99Ms))).padStart(9)}`
      + `${String(median(results.map((r) => r.cpuMsPerRequest ?? 0))).padStart(13)}\n`;
    process.stdout.write(row);
    if (results.some((r) => r.non2xx + r.errors > 0)) throw new Error(`${name}: some requests failed`);
    return rps;
  });
  const ratio = summary[1]! / summary[0]!;
  process.stdout.write(`GraphQL / REST throughput: ${ratio.toFixed(2)} (must be >= 0.50)\n`);
  if (ratio < 0.5) process.exitCode = 1;
} finally {
  await service.stop();
}
