/**
 * How the graph explorer (/explore) behaves as things grow, in Debian's Chromium.
 *
 * 1. Corpora: the seed, and 10× and 100× generated notes (bench/generate-notes.ts),
 *    each served by a fresh `node dist/apps/api/src/main.js` on in-memory PGlite:
 *    the size of GET /api/v1/graph, time until the graph is drawn, searching
 *    无头服务 until the Headless panel is filled, and opening the entity most
 *    topics mention (`pod`) until its panel is filled; with the longest
 *    main-thread task (the page's worst freeze). Ratios are against the seed.
 * 2. Graph sizes: the page drawing synthetic entity graphs of 300…2400 nodes
 *    (GET /graph and /neighbors answered by a stand-in built from the same
 *    synthetic graph, as no ontology that big exists), forced to draw all of
 *    it (?maxNodes=100000), against the seed's real graph drawn in the same run;
 *    then at the page's default limit, where it draws one neighbourhood.
 *
 *   npm run build && tsc -p bench/tsconfig.json && node dist/bench/explore-scale.js
 * Environment: BENCH_EXPLORE_FACTORS (1,10,100), BENCH_EXPLORE_SIZES (300,600,1200,2400).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { generateNotes, prng, SEED_NOTES } from './generate-notes.js';
import { describeMachine, machine } from './machine.js';
import { ROOT } from './processes.js';
import { startService } from './service.js';

const list = (value: string | undefined, fallback: string) => (value ?? fallback).split(',').map(Number).filter((n) => n > 0);
const factors = list(process.env.BENCH_EXPLORE_FACTORS, '1,10,100');
const sizes = list(process.env.BENCH_EXPLORE_SIZES, '300,600,1200,2400');
const log = (message: string) => process.stderr.write(`${message}\n`);

/** The longest main-thread tasks, recorded from before the page's first script. */
const RECORD_LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });`;

interface PageFigures {
  readyMs: number;
  layoutMs: number;
  drawnNodes: number;
  longestTaskMs: number;
}

async function openExplorer(browser: Browser, url: string, stand?: (page: Page) => Promise<void>): Promise<{ page: Page; figures: PageFigures }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(RECORD_LONG_TASKS);
  if (stand) await stand(page);
  const started = Date.now();
  await page.goto(url);
  await page.locator('#graph[data-state=ready]').waitFor({ timeout: 300_000 });
  const readyMs = Date.now() - started;
  const inPage = await page.evaluate(() => {
    const w = globalThis as unknown as { explore: { view: { layoutMs: number }; cy: { nodes(): { length: number } } }; __longTasks: number[] };
    return { layoutMs: w.explore.view.layoutMs, drawnNodes: w.explore.cy.nodes().length, longestTaskMs: Math.round(Math.max(0, ...w.__longTasks)) };
  });
  return { page, figures: { readyMs, ...inPage } };
}

/** Time from an action until a selector is visible, and the longest task meanwhile. */
async function timed(page: Page, action: () => Promise<unknown>, selector: string): Promise<{ ms: number; longestTaskMs: number }> {
  await page.evaluate(() => ((globalThis as unknown as { __longTasks: number[] }).__longTasks.length = 0));
  const started = Date.now();
  await action();
  await page.locator(selector).first().waitFor({ timeout: 120_000 });
  const ms = Date.now() - started;
  const longestTaskMs = await page.evaluate(() => Math.round(Math.max(0, ...(globalThis as unknown as { __longTasks: number[] }).__longTasks)));
  return { ms, longestTaskMs };
}

interface CorpusRow extends PageFigures {
  factor: number;
  topics: number;
  graphKiB: number;
  searchMs: number;
  searchLongestTaskMs: number;
  podTopics: number;
  podPanelMs: number;
  podLongestTaskMs: number;
}

async function measureCorpus(browser: Browser, factor: number): Promise<CorpusRow> {
  const dir = mkdtempSync(join(tmpdir(), `kubenotes-explore-${factor}x-`));
  try {
    if (factor === 1) copyFileSync(SEED_NOTES, join(dir, 'k8s-notes.txt'));
    else generateNotes(factor, dir);
    log(`${factor}×: ingesting…`);
    const service = await startService({ SEED_DIR: dir }, [], 30 * 60_000);
    try {
      const graph = await fetch(`${service.url}/api/v1/graph?format=json`).then((r) => r.text());
      const topics = await countTopics(service.url);
      const { page, figures } = await openExplorer(browser, `${service.url}/explore`);
      const search = await timed(page, async () => {
        await page.fill('#search-input', '无头服务');
        await page.press('#search-input', 'Enter');
      }, '#panel .entity[data-slug=headless] .topic-row');
      const pod = await timed(page, () => page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = 'entity=pod')), '#panel .entity[data-slug=pod] .topic-row');
      const podTopics = Number((await page.locator('#panel .entity[data-slug=pod] h3', { hasText: 'Topics that mention it' }).textContent())?.match(/\((\d+)\)/)?.[1]);
      await page.context().close();
      return {
        factor, topics, graphKiB: Math.round(Buffer.byteLength(graph) / 1024), ...figures,
        searchMs: search.ms, searchLongestTaskMs: search.longestTaskMs, podTopics, podPanelMs: pod.ms, podLongestTaskMs: pod.longestTaskMs,
      };
    } finally {
      await service.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function countTopics(url: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = (await fetch(`${url}/api/v1/topics?limit=100${cursor ? `&cursor=${cursor}` : ''}`).then((r) => r.json())) as { items: unknown[]; nextCursor: string | null };
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

interface SyntheticGraph {
  nodes: { id: string; kind: 'entity'; slug: string; label: string; type: string }[];
  edges: { from: string; to: string; type: string; evidence: string[]; weight: number }[];
}

/**
 * n entities with about the seed's edges per node (1.4), hubs included:
 * each new node links to one or two earlier ones picked by degree
 * (preferential attachment), with the seed's entity and relation types.
 */
function syntheticGraph(n: number, types: string[], relations: string[]): SyntheticGraph {
  const rand = prng(n);
  const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)]!;
  const ends: number[] = [0];
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `entity:e${i}`, kind: 'entity' as const, slug: `e${i}`, label: `Entity ${i}`, type: types[i % types.length]! }));
  const edges: SyntheticGraph['edges'] = [];
  for (let i = 1; i < n; i++) {
    const links = rand() < 0.4 ? 2 : 1;
    for (let k = 0; k < links; k++) {
      const j = pick(ends);
      if (j === i) continue;
      edges.push({ from: `entity:e${i}`, to: `entity:e${j}`, type: pick(relations), evidence: [], weight: 1 });
      ends.push(i, j);
    }
  }
  return { nodes, edges };
}

/** GET /neighbors over the synthetic graph, breadth-first both ways, as the API answers it. */
function neighbors(graph: SyntheticGraph, root: string, depth: number) {
  const adjacent = new Map<string, string[]>();
  for (const e of graph.edges) {
    const [a, b] = [e.from.slice(7), e.to.slice(7)];
    adjacent.set(a, [...(adjacent.get(a) ?? []), b]);
    adjacent.set(b, [...(adjacent.get(b) ?? []), a]);
  }
  const seen = new Map([[root, 0]]);
  let frontier = [root];
  for (let d = 1; d <= depth; d++) {
    frontier = frontier.flatMap((slug) => adjacent.get(slug) ?? []).filter((slug) => !seen.has(slug) && seen.set(slug, d));
  }
  const bySlug = new Map(graph.nodes.map((node) => [node.slug, node]));
  return {
    root, depth,
    nodes: [...seen].map(([slug, d]) => ({ slug, name: bySlug.get(slug)!.label, type: bySlug.get(slug)!.type, depth: d })),
    edges: graph.edges.filter((e) => seen.has(e.from.slice(7)) && seen.has(e.to.slice(7))).map((e) => ({ from: e.from.slice(7), to: e.to.slice(7), type: e.type, evidence: [] })),
  };
}

interface SizeRow extends PageFigures {
  nodes: number;
  edges: number;
  mode: string;
}

async function measureSizes(browser: Browser): Promise<SizeRow[]> {
  const service = await startService();
  try {
    const seed = (await fetch(`${service.url}/api/v1/graph?format=json`).then((r) => r.json())) as SyntheticGraph;
    const types = [...new Set(seed.nodes.map((n) => n.type))];
    const relations = [...new Set(seed.edges.map((e) => e.type))];
    const rows: SizeRow[] = [];
    const run = async (graph: SyntheticGraph | null, query: string, mode: string) => {
      const { page, figures } = await openExplorer(browser, `${service.url}/explore${query}`, graph ? (p) => standIn(p, graph) : undefined);
      await page.context().close();
      const nodes = graph?.nodes.length ?? seed.nodes.length;
      rows.push({ nodes, edges: graph?.edges.length ?? seed.edges.length, mode, ...figures });
      log(`${nodes} nodes, ${mode}: layout ${figures.layoutMs} ms`);
    };
    await run(null, '?maxNodes=100000', 'whole (the seed, real)');
    for (const n of sizes) await run(syntheticGraph(n, types, relations), '?maxNodes=100000', 'whole (forced)');
    for (const n of sizes) await run(syntheticGraph(n, types, relations), '', 'default');
    return rows;
  } finally {
    await service.stop();
  }
}

async function standIn(page: Page, graph: SyntheticGraph): Promise<void> {
  await page.route('**/api/v1/graph?format=json', (route) => route.fulfill({ json: graph }));
  await page.route(/\/api\/v1\/entities\/[^/]+\/neighbors/, (route) => {
    const url = new URL(route.request().url());
    const slug = decodeURIComponent(url.pathname.split('/')[4]!);
    return route.fulfill({ json: neighbors(graph, slug, Number(url.searchParams.get('depth') ?? 1)) });
  });
}

function tables(corpora: CorpusRow[], graphSizes: SizeRow[]): string {
  const base = corpora.find((r) => r.factor === 1);
  const ratio = (value: number, baseline: number | undefined) => (baseline ? `${(value / baseline).toFixed(1)}×` : '–');
  const seedRow = graphSizes[0];
  return [
    '| corpus | topics | GET /graph KiB | page drawn ms | layout ms | longest task ms | 无头服务 → panel ms | `pod` topics | `pod` panel ms | `pod` longest task ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...corpora.map((r) => `| ${r.factor}× | ${r.topics} | ${r.graphKiB} (${ratio(r.graphKiB, base?.graphKiB)}) | ${r.readyMs} (${ratio(r.readyMs, base?.readyMs)}) | ${r.layoutMs} | ${r.longestTaskMs} | ${r.searchMs} (${ratio(r.searchMs, base?.searchMs)}) | ${r.podTopics} | ${r.podPanelMs} (${ratio(r.podPanelMs, base?.podPanelMs)}) | ${r.podLongestTaskMs} |`),
    '',
    '| entities | relations | drawn | nodes drawn | layout ms | × the seed | longest task ms | page drawn ms |',
    '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    ...graphSizes.map((r) => `| ${r.nodes} | ${r.edges} | ${r.mode} | ${r.drawnNodes} | ${r.layoutMs} | ${ratio(r.layoutMs, seedRow?.layoutMs)} | ${r.longestTaskMs} | ${r.readyMs} |`),
  ].join('\n');
}

async function main(): Promise<void> {
  const at = new Date().toISOString();
  const loadBefore = loadavg();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const graphSizes = sizes.length ? await measureSizes(browser) : [];
    const corpora: CorpusRow[] = [];
    for (const factor of factors) corpora.push(await measureCorpus(browser, factor));
    const report = { at, machine: { ...machine(), loadAverageBefore: loadBefore, loadAverageAfter: loadavg() }, corpora, graphSizes };
    const resultsDir = join(ROOT, 'bench/results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `explore-${at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`Machine: ${describeMachine(report.machine)}, load ${loadBefore.map((l) => l.toFixed(1)).join(' ')}\n\n${tables(corpora, graphSizes)}\n\nJSON: ${file}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
