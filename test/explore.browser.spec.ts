import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import request from 'supertest';
import { describeWithChromium, launchChromium } from './support/chromium.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const KEY = 'explore-admin-key-0123456789';
/** Where the screenshot goes; `EXPLORE_SCREENSHOT=docs/explore.png` refreshes the README's. */
const SCREENSHOT = process.env.EXPLORE_SCREENSHOT ?? join(tmpdir(), 'kubenotes-explore.png');

/** A note whose title and text are markup: the page must show it as text and run nothing. */
const HOSTILE = `# <img src=x onerror="window.__pwned=1">Probes<script>window.__pwned=2</script>

A liveness probe <b onmouseover="window.__pwned=3">restarts</b> the container; <svg onload="window.__pwned=4"></svg>
`;

/** The parts of the page's window the tests read. */
interface ExploreWindow {
  explore: {
    cy: {
      nodes(selector: string): { map<T>(f: (node: { id(): string }) => T): T[] };
      edges(selector: string): { length: number };
      $(selector: string): { hasClass(name: string): boolean };
    };
  };
  location: { hash: string };
  __pwned?: number;
}

interface Session {
  page: Page;
  context: BrowserContext;
  /** Requests to any other origin, blocked. */
  blocked: string[];
  /** Paths requested from the API. */
  served: string[];
  /** Page errors and console errors. */
  errors: string[];
}

/**
 * The explorer in a real browser with no internet: every request that does
 * not go to the API is blocked and recorded, and none may be needed.
 */
describeWithChromium('explore.browser.spec.ts')('graph explorer in Chromium', () => {
  let t: TestApp;
  let origin: string;
  let browser: Browser;
  const api = async (path: string) => (await request(t.server).get(path).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_API_KEY: KEY });
    await request(t.server).post('/api/v1/documents').set('x-api-key', KEY).send({ name: 'hostile.md', content: HOSTILE }).expect(201);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    origin = new URL(await t.app.getUrl()).origin;
    browser = await launchChromium('explore.browser.spec.ts');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(path: string): Promise<Session> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const session: Session = { page: undefined as unknown as Page, context, blocked: [], served: [], errors: [] };
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== origin) {
        session.blocked.push(url.href);
        return route.abort('blockedbyclient');
      }
      session.served.push(url.pathname);
      return route.continue();
    });
    session.page = await context.newPage();
    session.page.on('pageerror', (error) => session.errors.push(error.message));
    session.page.on('console', (message) => {
      if (message.type() === 'error') session.errors.push(message.text());
    });
    await session.page.goto(origin + path);
    await session.page.locator('#graph[data-state=ready]').waitFor({ timeout: 60_000 });
    return session;
  }

  /** What Cytoscape draws now (the page puts its instance on window.explore; the tests' types have no DOM). */
  const visible = (page: Page) => page.evaluate(() => {
    const { cy } = (globalThis as unknown as ExploreWindow).explore;
    return { nodes: cy.nodes(':visible').map((n) => n.id()), edges: cy.edges(':visible').length };
  });

  async function search(page: Page, q: string) {
    await page.fill('#search-input', q);
    await page.press('#search-input', 'Enter');
  }

  // The built-in ontology alone is over the page's default limit (250), so the whole-graph tests raise it.
  const WHOLE_GRAPH = '/explore?maxNodes=2000';

  it('draws the whole entity graph, finds 无头服务 with its topics and citations, and shows a topic', async () => {
    const { page, context, blocked, served, errors } = await open(WHOLE_GRAPH);
    const graph = await api('/api/v1/graph?format=json');
    const drawn = await visible(page);
    expect(drawn.nodes.length).toBeGreaterThan(50);
    expect(drawn.nodes.sort()).toEqual(graph.nodes.map((n: { slug: string }) => n.slug).sort());
    expect(drawn.edges).toBe(graph.edges.length);

    await search(page, '无头服务');
    const panel = page.locator('#panel .entity[data-slug=headless]');
    await panel.waitFor({ timeout: 30_000 });
    const entity = await api('/api/v1/entities/headless');
    await expect(panel.locator('h2').textContent()).resolves.toBe(entity.name);
    await expect(panel.locator('.chips li').allTextContents()).resolves.toEqual(entity.aliases);
    expect(entity.aliases).toContain('无头服务');
    // Every topic that mentions it, each with its citation and its JSON link.
    const rows = panel.locator('.topic-row');
    await expect(rows.count()).resolves.toBe(entity.topics.length);
    for (const [i, summary] of entity.topics.entries()) {
      const topic = await api(`/api/v1/topics/${summary.slug}`);
      const row = rows.nth(i);
      await expect(row.locator('button').textContent()).resolves.toBe(topic.title);
      await expect(row.locator('code').textContent()).resolves.toBe(`${topic.source.document}:${topic.source.lineStart}-${topic.source.lineEnd}`);
      await expect(row.locator('a').getAttribute('href')).resolves.toBe(`/api/v1/topics/${summary.slug}`);
    }
    // Relations with their evidence topics, named by title.
    await expect(panel.locator('.relation').count()).resolves.toBe(entity.relations.length);
    const evidenced = entity.relations.find((r: { evidence: string[] }) => r.evidence.length > 0);
    const titles = new Map(entity.topics.map((x: { slug: string; title: string }) => [x.slug, x.title]));
    await expect(panel.locator('.relation .evidence').first().locator('li').first().textContent()).resolves.toBe(titles.get(evidenced.evidence[0]));
    // The graph is focused on it.
    await expect(page.evaluate(() => (globalThis as unknown as ExploreWindow).explore.cy.$('#headless').hasClass('focus'))).resolves.toBe(true);
    await page.waitForTimeout(400); // the zoom animation
    await page.screenshot({ path: SCREENSHOT });

    await rows.first().locator('button').click();
    const topicPanel = page.locator(`#panel .topic[data-slug="${entity.topics[0].slug}"]`);
    await topicPanel.waitFor({ timeout: 30_000 });
    const topic = await api(`/api/v1/topics/${entity.topics[0].slug}`);
    await expect(topicPanel.locator('pre.body').textContent()).resolves.toBe(topic.body);
    await expect(topicPanel.locator('.snippet').count()).resolves.toBe(topic.snippets.length);

    // Back goes to the entity again (the selection lives in the URL's hash).
    await page.goBack();
    await panel.waitFor({ timeout: 30_000 });

    expect(blocked).toEqual([]);
    expect(served).toEqual(expect.arrayContaining(['/explore', '/explore/assets/cytoscape.min.js', '/explore/assets/cytoscape-fcose.js', '/api/v1/graph', '/api/v1/search', '/graphql']));
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('the type and relation filters hide what they name, and show it again', async () => {
    const { page, context, errors } = await open(WHOLE_GRAPH);
    const graph = await api('/api/v1/graph?format=json');
    const workloads = graph.nodes.filter((n: { type: string }) => n.type === 'WORKLOAD').map((n: { slug: string }) => n.slug);
    expect(workloads.length).toBeGreaterThan(0);
    const before = await visible(page);

    await page.locator('#type-filter input[data-key=WORKLOAD]').uncheck();
    const after = await visible(page);
    expect(after.nodes.sort()).toEqual(before.nodes.filter((slug) => !workloads.includes(slug)).sort());
    expect(after.edges).toBeLessThan(before.edges);
    await expect(page.locator('#status').textContent()).resolves.toContain(`${workloads.length} hidden by the filters`);

    const uses = graph.edges.filter((e: { type: string }) => e.type === 'USES').length;
    await page.locator('#type-filter input[data-key=WORKLOAD]').check();
    await page.locator('#relation-filter input[data-key=USES]').uncheck();
    await expect(visible(page)).resolves.toEqual({ nodes: before.nodes, edges: before.edges - uses });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('beyond the size limit draws one neighbourhood at a time, the one the API gives', async () => {
    const { page, context, errors, blocked } = await open('/explore?maxNodes=40');
    const graph = await api('/api/v1/graph?format=json');
    const first = await visible(page);
    expect(first.nodes.length).toBeLessThanOrEqual(40);
    expect(first.nodes.length).toBeLessThan(graph.nodes.length);
    await expect(page.locator('#status').textContent()).resolves.toMatch(/neighbourhood of .*, depth 2 \(the whole graph has over 40 entities, too many to lay out at once/);
    await expect(page.locator('#show-all').isDisabled()).resolves.toBe(true);

    await search(page, '无头服务');
    await page.locator('#panel .entity[data-slug=headless]').waitFor({ timeout: 30_000 });
    const hood = await api('/api/v1/entities/headless/neighbors?depth=2');
    const expected = hood.nodes.length <= 40 ? hood.nodes.map((n: { slug: string }) => n.slug) : null;
    const drawn = await visible(page);
    expect(drawn.nodes).toContain('headless');
    if (expected) expect(drawn.nodes.sort()).toEqual(expected.sort());
    else expect(drawn.nodes).toHaveLength(40);
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows a snippet\'s manifest and its removed-API warning', async () => {
    const topic = await api('/api/v1/topics/nginx-ingress-controller');
    const deprecated = topic.snippets.find((s: { manifest?: { deprecated?: unknown } }) => s.manifest?.deprecated);
    expect(deprecated).toBeDefined();
    const { page, context, errors } = await open('/explore#topic=nginx-ingress-controller');
    const manifest = page.locator('#panel .manifest').filter({ hasText: deprecated.manifest.apiVersion }).first();
    await manifest.waitFor({ timeout: 30_000 });
    await expect(manifest.textContent()).resolves.toContain(deprecated.manifest.kind);
    await expect(manifest.locator('.warning').textContent()).resolves.toContain(`use ${deprecated.manifest.deprecated.replacement}`);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows a manifest check\'s status, findings and the converted manifest folded', async () => {
    const topic = await api('/api/v1/topics/nginx-ingress-controller');
    const checked = topic.snippets.find((s: { manifest?: { findings?: unknown[]; converted?: string } }) => s.manifest?.findings?.length && s.manifest.converted);
    expect(checked).toBeDefined();
    const { page, context, errors } = await open('/explore#topic=nginx-ingress-controller');
    const manifest = page.locator('#panel .manifest').first();
    await manifest.waitFor({ timeout: 60_000 });
    await expect(manifest.locator('.verdict').textContent()).resolves.toBe(checked.manifest.status);
    const finding = checked.manifest.findings[0];
    await expect(manifest.locator('.findings tbody tr').first().locator('td').allTextContents())
      .resolves.toEqual([finding.severity, finding.path, String(finding.line), finding.message]);
    const converted = manifest.locator('details.converted');
    await expect(converted.evaluate((d) => (d as { open: boolean }).open)).resolves.toBe(false);
    await converted.locator('summary').click();
    await expect(converted.locator('pre').textContent()).resolves.toBe(checked.manifest.converted);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows notes that contain markup as text, and runs none of it', async () => {
    const { page, context, errors } = await open('/explore');
    // The slug is whatever the API made of the title: look it up rather than guess.
    const hits = (await api(`/api/v1/search?q=${encodeURIComponent('onerror pwned')}&kind=topic`)).hits;
    const slug = hits[0].slug;
    await page.evaluate((s) => ((globalThis as unknown as ExploreWindow).location.hash = `topic=${s}`), slug);
    const panel = page.locator(`#panel .topic[data-slug="${slug}"]`);
    await panel.waitFor({ timeout: 30_000 });
    const topic = await api(`/api/v1/topics/${slug}`);
    // The Markdown parser keeps a heading's text, not its tags; the body is the notes as written, tags and all.
    expect(topic.body).toContain('<svg onload');
    await expect(panel.locator('h2').textContent()).resolves.toBe(topic.title);
    await expect(panel.locator('pre.body').textContent()).resolves.toBe(topic.body);
    await search(page, 'onerror pwned');
    await page.locator('#results .hit').first().waitFor({ state: 'attached', timeout: 30_000 });
    await page.locator('#panel h2').hover();
    await expect(page.locator('#panel img, #panel script, #panel svg, #panel b, #results img, #results svg').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (globalThis as unknown as ExploreWindow).__pwned)).resolves.toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
