/**
 * `npm run bench:graphql`: the same topic through REST (GET /api/v1/topics/service)
 * and GraphQL (topic(slug) asking for the same fields), on the compiled service,
 * one after the other. Prints requests/s, latency and server CPU per request, and
 * exits 1 if GraphQL serves less than half of REST's requests per second.
 *
 * Environment: BENCH_CONNECTIONS (10), BENCH_DURATION_S (10), BENCH_WARMUP_S (3).
 */
import { fetchOnce, measure, type LoadResult } from './load.js';
import { GRAPHQL_TOPIC, TOPIC } from './routes.js';
import { startService } from './service.js';

const opts = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  durationSeconds: Number(process.env.BENCH_DURATION_S ?? 10),
  warmupSeconds: Number(process.env.BENCH_WARMUP_S ?? 3),
};

const service = await startService();
try {
  // Both doors must answer the same topic, or this compares an error path.
  const rest = JSON.parse((await fetchOnce(service.url, TOPIC)).body.toString());
  const graphql = JSON.parse((await fetchOnce(service.url, GRAPHQL_TOPIC)).body.toString());
  if (graphql.data.topic.body !== rest.body) throw new Error('REST and GraphQL answered different topics');

  const results: LoadResult[] = [];
  for (const route of [TOPIC, GRAPHQL_TOPIC]) results.push(await measure(service.url, route, opts, service.process.pid));
  const [restResult, graphqlResult] = results as [LoadResult, LoadResult];
  const ratio = graphqlResult.requestsPerSecond / restResult.requestsPerSecond;

  process.stdout.write(`connections ${opts.connections}, ${opts.durationSeconds} s each after ${opts.warmupSeconds} s warm-up\n`);
  process.stdout.write('route               req/s    p50 ms   p99 ms   cpu ms/req   non2xx\n');
  for (const r of results) {
    process.stdout.write(
      `${r.name.padEnd(18)}${String(r.requestsPerSecond).padStart(7)}${String(r.p50Ms).padStart(10)}${String(r.p99Ms).padStart(9)}${String(r.cpuMsPerRequest ?? '-').padStart(13)}${String(r.non2xx + r.errors).padStart(9)}\n`,
    );
  }
  process.stdout.write(`GraphQL / REST throughput: ${ratio.toFixed(2)} (must be >= 0.50)\n`);
  if (results.some((r) => r.non2xx + r.errors > 0)) throw new Error('some requests failed');
  if (ratio < 0.5) process.exitCode = 1;
} finally {
  await service.stop();
}
