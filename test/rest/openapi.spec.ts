import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Validator } from '@seriousme/openapi-schema-validator';
import { parse as parseHtml } from 'node-html-parser';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SNAPSHOT = join(process.cwd(), 'apps/api/openapi.snapshot.json');
const UPDATE = process.env.OPENAPI_SNAPSHOT === 'write';

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
