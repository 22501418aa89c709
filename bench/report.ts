import type { LoadResult } from './load.js';
import { describeMachine, type Machine } from './machine.js';

export interface RouteFigures extends LoadResult {
  /** requests/s ÷ the requests/s of the bare node:http baseline sending the same bytes. */
  vsBaseline: number | null;
  /** requests/s ÷ the requests/s of the bare node:http server sending the body alone. */
  vsBodyOnly: number | null;
}

/** One configuration of the service, with the baseline measured just before it. */
export interface BenchRun {
  responseCache: boolean;
  baseline: LoadResult;
  bodyOnlyBaseline: LoadResult;
  routes: RouteFigures[];
  skipped: Array<{ name: string; reason: string }>;
  /** GraphQL topic requests/s ÷ REST topic requests/s. */
  graphqlVsRest: number | null;
}

export interface BenchReport {
  at: string;
  commit: string;
  machine: Machine & { loadAverageBefore: number[]; loadAverageAfter: number[] };
  settings: { connections: number; durationSeconds: number; warmupSeconds: number };
  runs: BenchRun[];
}

const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

export function figures(results: LoadResult[], baseline: LoadResult, bodyOnly: LoadResult): RouteFigures[] {
  const vs = (r: LoadResult, base: LoadResult) => (base.requestsPerSecond ? ratio(r.requestsPerSecond, base.requestsPerSecond) : null);
  return results.map((r) => ({ ...r, vsBaseline: vs(r, baseline), vsBodyOnly: vs(r, bodyOnly) }));
}

export function graphqlVsRest(routes: RouteFigures[]): number | null {
  const rest = routes.find((r) => r.name === 'topic (REST)');
  const graphql = routes.find((r) => r.name === 'topic (GraphQL)');
  return rest && graphql && rest.requestsPerSecond ? ratio(graphql.requestsPerSecond, rest.requestsPerSecond) : null;
}

function runTable(run: BenchRun): string[] {
  const fixed = (n: number | null) => (n === null ? '–' : n.toFixed(2));
  const row = (r: LoadResult, vs: string, vsBody: string) =>
    `| ${r.name} | \`${r.method} ${r.path.length > 40 ? `${r.path.slice(0, 40)}…` : r.path}\` | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${vs} | ${vsBody} | ${r.cpuMsPerRequest ?? '–'} | ${r.non2xx + r.errors} |`;
  const bodyOnlyRatio = run.baseline.requestsPerSecond ? ratio(run.bodyOnlyBaseline.requestsPerSecond, run.baseline.requestsPerSecond) : null;
  const lines = [
    `Response cache ${run.responseCache ? 'on (the default)' : 'off (RESPONSE_CACHE_ENTRIES=0)'}:`,
    '',
    '| route | request | req/s | p50 ms | p99 ms | × baseline | × body-only | server CPU ms/req | non-2xx/errors |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row(run.baseline, '1.00', fixed(bodyOnlyRatio === null ? null : 1 / bodyOnlyRatio)),
    row(run.bodyOnlyBaseline, fixed(bodyOnlyRatio), '1.00'),
    ...run.routes.map((r) => row(r, fixed(r.vsBaseline), fixed(r.vsBodyOnly))),
  ];
  if (run.graphqlVsRest !== null) lines.push('', `GraphQL ÷ REST (same topic, same fields): ${run.graphqlVsRest.toFixed(2)}`);
  for (const s of run.skipped) lines.push(`Skipped ${s.name}: ${s.reason}`);
  return lines;
}

export function markdown(report: BenchReport): string {
  return [
    `Machine: ${describeMachine(report.machine)}; commit ${report.commit}; ${report.settings.connections} connections, ` +
      `${report.settings.durationSeconds} s per route after ${report.settings.warmupSeconds} s warm-up.`,
    '',
    `Load average (1/5/15 min) before: ${report.machine.loadAverageBefore.join(' ')}, after: ${report.machine.loadAverageAfter.join(' ')}.`,
    ...report.runs.flatMap((run) => ['', ...runTable(run)]),
  ].join('\n');
}
