import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse as parseHtml } from 'node-html-parser';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';

const PUBLIC_DIR = join(process.cwd(), 'apps/api/src/explore/public');

/** The `import … from './x.js'` specifiers of a module script. */
const importsOf = (source: string) => [...source.matchAll(/^import\s[^;]*?from\s+'(\.\/[^']+)';/gm)].map((m) => m[1]!);

/**
 * Every assignment or call that would parse a string as HTML. The page shows
 * user content (notes), so it must build DOM from text only (dom.js).
 */
const HTML_SINKS = /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|\beval\(|new Function\(/;

describe('GET /explore: the graph explorer page and its files', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { ready: false });
  }, 180_000);
  afterAll(() => t.close());

  it('is HTML under the strict CSP: scripts from this origin only, no inline script or handler', async () => {
    const res = await request(t.server).get('/explore').expect(200).expect('content-type', 'text/html; charset=utf-8');
    const csp = Object.fromEntries(String(res.headers['content-security-policy']).split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }));
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    const page = parseHtml(res.text);
    expect(page.querySelectorAll('script:not([src])')).toHaveLength(0);
    const handlers = page.querySelectorAll('*').flatMap((el) => Object.keys(el.attributes).filter((name) => /^on/i.test(name)));
    expect(handlers).toEqual([]);
  });

  it('serves every file the page references, and every module those import, with its content type', async () => {
    const page = parseHtml((await request(t.server).get('/explore').expect(200)).text);
    const queue = [
      ...page.querySelectorAll('script[src]').map((el) => el.getAttribute('src')!),
      ...page.querySelectorAll('link[rel=stylesheet]').map((el) => el.getAttribute('href')!),
    ];
    expect(queue.length).toBeGreaterThanOrEqual(6);
    const seen = new Set<string>();
    while (queue.length) {
      const url = new URL(queue.shift()!, 'http://api.invalid/explore');
      expect(url.origin).toBe('http://api.invalid'); // nothing from a CDN
      if (seen.has(url.pathname)) continue;
      seen.add(url.pathname);
      const file = await request(t.server).get(url.pathname);
      expect({ path: url.pathname, status: file.status }).toEqual({ path: url.pathname, status: 200 });
      expect(file.headers['content-type']).toBe(url.pathname.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(file.headers['cache-control']).toBe('public, max-age=86400');
      expect(file.text.length).toBeGreaterThan(100);
      for (const specifier of importsOf(file.text)) queue.push(new URL(specifier, url).pathname);
    }
    // The vendor builds and all of our own modules were reached.
    const own = readdirSync(PUBLIC_DIR).filter((name) => /\.(js|css)$/.test(name)).map((name) => `/explore/assets/${name}`);
    expect([...seen].sort()).toEqual([...own, ...['cytoscape.min.js', 'layout-base.js', 'cose-base.js', 'cytoscape-fcose.js'].map((n) => `/explore/assets/${n}`)].sort());
  });

  it('answers a revalidation with 304, and an unknown or sneaky file name with a 404 problem', async () => {
    const first = await request(t.server).get('/explore/assets/cytoscape.min.js').expect(200);
    await request(t.server).get('/explore/assets/cytoscape.min.js').set('if-none-match', first.headers.etag!).expect(304);
    for (const path of ['/explore/assets/nope.js', '/explore/assets/..%2Fexplore-assets.ts', '/explore/assets/explore.html', '/explore/assets/%2E%2E%2F%2E%2E%2Fpackage.json']) {
      const res = await request(t.server).get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('is not part of the REST API document', async () => {
    const { paths } = (await request(t.server).get('/openapi.json').expect(200)).body;
    expect(Object.keys(paths).filter((path) => path.startsWith('/explore'))).toEqual([]);
  });

  it('page code never turns a string into HTML or code', () => {
    const sources = readdirSync(PUBLIC_DIR).filter((name) => name.endsWith('.js'));
    expect(sources.length).toBeGreaterThanOrEqual(5);
    for (const name of sources) {
      const source = readFileSync(join(PUBLIC_DIR, name), 'utf8');
      expect({ name, sink: source.match(HTML_SINKS)?.[0] ?? null }).toEqual({ name, sink: null });
    }
    // The check does catch one (negative control).
    expect('panel.innerHTML = hit.highlight').toMatch(HTML_SINKS);
  });
});
