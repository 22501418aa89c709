import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Validator } from '@seriousme/openapi-schema-validator';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import spectralRulesets from '@stoplight/spectral-rulesets';
import { parse as parseHtml } from 'node-html-parser';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SNAPSHOT = join(process.cwd(), 'apps/api/openapi.snapshot.json');
const UPDATE = process.env.OPENAPI_SNAPSHOT === 'write';

/**
 * Routes Fastify answers that the OpenAPI document leaves out on purpose, and why.
 * Anything else Fastify answers must be documented (see the test below).
 */
const UNDOCUMENTED: Record<string, string> = {
  'GET /openapi.json': 'the document itself',
  'GET /docs': 'the reference page that renders the document',
  'GET /docs/*': "the reference page's assets (a trailing * covers every route under it)",
  'GET /health/live': 'a liveness probe for orchestrators (README), not part of the API',
  'GET /health/ready': 'a readiness probe for orchestrators (README), not part of the API',
  'GET /metrics': 'Prometheus text exposition for scrapers, not JSON',
  'GET /mcp': 'the MCP streamable HTTP transport: JSON-RPC described by its tools/list, not REST',
  'POST /mcp': 'the MCP streamable HTTP transport (JSON-RPC)',
  'DELETE /mcp': 'the MCP streamable HTTP transport (ends a session)',
  'GET /graphql': 'GraphQL: described by its SDL (apps/api/src/graphql/schema.graphql); a browser gets the explorer',
  'POST /graphql': 'GraphQL: described by its SDL',
  'GET /graphql/explorer/{file}': "the GraphQL explorer's assets",
  'GET /explore': 'the offline graph explorer page',
  'GET /explore/assets/{file}': "the graph explorer's assets",
};

const excluded = (route: string, key: string) => (key.endsWith('*') ? route.startsWith(key.slice(0, -1)) : route === key);
const isExcluded = (route: string) => Object.keys(UNDOCUMENTED).some((key) => excluded(route, key));

/**
 * Every method and path Fastify routes, from its route tree (printRoutes with
 * commonPrefix off prints one node per registered path segment, nested by 4 columns).
 * HEAD is left out: Fastify adds it to every GET.
 */
function fastifyRoutes(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^(.*?)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    const path = stack.join('').replace(/\/\*$/, '/*').replace(/:(\w+)/g, '{$1}');
    for (const method of (match[3] ?? '').split(', ').filter((m) => m && m !== 'HEAD')) routes.push(`${method} ${path}`);
  }
  return routes;
}

describe('the OpenAPI document and the /docs reference page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { ready: false });
  }, 180_000);
  afterAll(() => t.close());

  const fetchDocument = async () => (await request(t.server).get('/openapi.json').expect('content-type', /application\/json/).expect(200)).body;

  it('is a valid OpenAPI document according to its JSON schema (@seriousme/openapi-schema-validator)', async () => {
    const document = await fetchDocument();
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('the validator does reject a broken document', async () => {
    const document = await fetchDocument();
    delete document.info.title;
    expect((await new Validator().validate(document)).valid).toBe(false);
  });

  it('documents every REST route under /api/v1 this service answers, with problem responses and the x-api-key scheme', async () => {
    const { paths, components } = await fetchDocument();
    for (const path of ['/api/v1/topics', '/api/v1/topics/{slug}', '/api/v1/topics/{slug}/related', '/api/v1/entities', '/api/v1/entities/{slug}',
      '/api/v1/entities/{slug}/neighbors', '/api/v1/graph', '/api/v1/compare', '/api/v1/documents']) {
      expect(Object.keys(paths)).toContain(path);
    }
    expect(components.securitySchemes.adminKey).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-api-key' }));
    const post = paths['/api/v1/documents'].post;
    expect(post.security).toEqual([{ adminKey: [] }]);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '401', '403', '413']));
    expect(post.responses['403'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/ProblemDetailsDto');
    const neighbors = paths['/api/v1/entities/{slug}/neighbors'].get;
    expect(neighbors.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/Neighborhood');
    expect(neighbors.parameters.find((p: { name: string }) => p.name === 'depth').schema).toMatchObject({ minimum: 1, maximum: 3 });
  });

  it("passes Spectral's OpenAPI ruleset (spectral:oas, recommended rules) with no error and no warning", async () => {
    const { Spectral, Document } = spectralCore;
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[spectralRulesets.oas as never, 'recommended']], rules: {
      // Summaries say what each operation does; a second, longer text per operation would repeat them.
      'operation-description': 'off',
    } } as never);
    const text = JSON.stringify(await fetchDocument(), null, 2);
    const results = await spectral.run(new Document(text, spectralParsers.Json, '/openapi.json'));
    const found = results.map((r) => `${['error', 'warn', 'info', 'hint'][r.severity]} ${r.code} at ${r.path.join('.')}: ${r.message}`);
    expect(found.filter((r) => r.startsWith('error') || r.startsWith('warn'))).toEqual([]);
  });

  it('Spectral does find errors: a broken example is reported', async () => {
    const { Spectral, Document } = spectralCore;
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[spectralRulesets.oas as never, 'recommended']] } as never);
    const document = await fetchDocument();
    document.components.schemas.SearchHit.properties.score.example = 'not a number';
    const results = await spectral.run(new Document(JSON.stringify(document), spectralParsers.Json, '/openapi.json'));
    expect(results.filter((r) => r.severity === 0).map((r) => r.code)).toContain('oas3-valid-schema-example');
  });

  it('documents every route Fastify answers, or leaves it out on purpose (UNDOCUMENTED says why)', async () => {
    const { paths } = await fetchDocument();
    const documented = Object.entries(paths as Record<string, object>).flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`));
    const routes = fastifyRoutes(t.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false }));
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((route) => !documented.includes(route) && !isExcluded(route))).toEqual([]);
    // Nothing documented that Fastify does not answer, and no exclusion left over from a route that is gone.
    expect(documented.filter((route) => !routes.includes(route))).toEqual([]);
    expect(Object.keys(UNDOCUMENTED).filter((key) => !routes.some((route) => excluded(route, key)))).toEqual([]);
    expect(documented.filter((route) => route.endsWith(' /mcp') || route.includes('/graphql'))).toEqual([]);
  });

  it('gives every operation a success response with its schema, and names only security schemes that exist', async () => {
    const { paths, components } = await fetchDocument();
    const schemes = Object.keys(components.securitySchemes);
    for (const [path, operations] of Object.entries(paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }>; security?: Array<Record<string, unknown>> }>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        const success = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
        const described = success.filter(([status, response]) => status === '204' || Object.values(response.content ?? {}).some((c) => c.schema));
        expect({ route: `${method} ${path}`, described: described.length > 0 }).toEqual({ route: `${method} ${path}`, described: true });
        for (const requirement of operation.security ?? []) expect(schemes).toEqual(expect.arrayContaining(Object.keys(requirement)));
      }
    }
    for (const path of ['/api/v1/search', '/api/v1/retrieve', '/api/v1/dify/retrieval', '/api/v1/admin/reindex']) {
      const [operation] = Object.values(paths[path]) as Array<{ responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> }>;
      expect(operation!.responses['200']!.content['application/json']!.schema.$ref).toMatch(/^#\/components\/schemas\//);
    }
  });

  it('matches the committed snapshot (after an intended change: npm run openapi:snapshot, and review the diff)', async () => {
    const document = `${JSON.stringify(await fetchDocument(), null, 2)}\n`;
    if (UPDATE) writeFileSync(SNAPSHOT, document);
    const committed = readFileSync(SNAPSHOT, 'utf8');
    if (committed !== document) {
      throw new Error('The public API surface changed: /openapi.json differs from apps/api/openapi.snapshot.json. ' +
        'If the change is intended, run `npm run openapi:snapshot` and commit the new snapshot.');
    }
  });

  it('serves /docs as an HTML page whose every script and stylesheet comes from this API', async () => {
    const res = await request(t.server).get('/docs').expect('content-type', /text\/html/).expect(200);
    await request(t.server).get('/docs/').expect(301).expect('location', '/docs');
    const page = parseHtml(res.text);
    const assets = [
      ...page.querySelectorAll('script[src]').map((el) => el.getAttribute('src')!),
      ...page.querySelectorAll('link[href]').map((el) => el.getAttribute('href')!),
    ];
    expect(assets.length).toBeGreaterThanOrEqual(4);
    expect(page.querySelectorAll('script:not([src])')).toHaveLength(0); // the CSP allows no inline script
    for (const asset of assets) {
      const url = new URL(asset, 'http://api.invalid/docs');
      expect(url.host).toBe('api.invalid'); // relative or same-origin: nothing from a CDN
      const file = await request(t.server).get(url.pathname);
      expect({ asset, status: file.status }).toEqual({ asset, status: 200 });
      expect(file.body.length ?? file.text.length).toBeGreaterThan(0);
    }
  });

  it('the page initialises Swagger UI with /openapi.json', async () => {
    const res = await request(t.server).get('/docs/docs-init.js').expect(200);
    expect(res.text).toContain('"/openapi.json"');
    await request(t.server).get('/docs/../package.json').expect(404);
  });
});
