import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { IngestService } from '../apps/api/src/ingest/ingest.service.js';
import { gql } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const KEY = 'test-admin-key-manifests';

/** A Markdown note with a removed Ingress, a Deployment with a typo, a kind nobody listed and a valid Service. */
const NOTE = [
  '# Exposing the shop', // 1
  '', // 2
  'The old way, from a 2019 blog post:', // 3
  '', // 4
  '```yaml', // 5
  'apiVersion: extensions/v1beta1', // 6
  'kind: Ingress', // 7
  'metadata:', // 8
  '  name: shop', // 9
  'spec:', // 10
  '  backend:', // 11
  '    serviceName: shop', // 12
  '    servicePort: 80', // 13
  '```', // 14
  '', // 15
  '## The Deployment', // 16
  '', // 17
  '```yaml', // 18
  'apiVersion: apps/v1', // 19
  'kind: Deployment', // 20
  'metadata:', // 21
  '  name: shop', // 22
  'spec:', // 23
  '  selector:', // 24
  '    matchLabels: { app: shop }', // 25
  '  template:', // 26
  '    metadata:', // 27
  '      labels: { app: shop }', // 28
  '    spec:', // 29
  '      containers:', // 30
  '        - name: shop', // 31
  '          image: shop:1.0', // 32
  '          imagePullPolcy: Always', // 33
  '```', // 34
  '', // 35
  '## Routing with Istio', // 36
  '', // 37
  '```yaml', // 38
  'apiVersion: networking.istio.io/v1beta1', // 39
  'kind: VirtualService', // 40
  'metadata:', // 41
  '  name: shop', // 42
  'spec:', // 43
  '  hosts: [shop]', // 44
  '```', // 45
  '', // 46
  '## The Service', // 47
  '', // 48
  '```yaml', // 49
  'apiVersion: v1', // 50
  'kind: Service', // 51
  'metadata:', // 52
  '  name: shop', // 53
  'spec:', // 54
  '  selector: { app: shop }', // 55
  '  ports: [{ port: 80 }]', // 56
  '```', // 57
  '',
].join('\n');

describe('manifests: checked at ingest and on demand', () => {
  let t: TestApp;
  const admin = (req: request.Test) => req.set('x-api-key', KEY);
  const manifestsOf = async (slug: string) =>
    (await request(t.server).get(`/api/v1/topics/${slug}`).expect(200)).body.snippets.map((s: { manifest?: unknown }) => s.manifest).filter(Boolean);

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_API_KEY: KEY });
    await admin(request(t.server).post('/api/v1/documents')).send({ name: 'shop/exposing.md', content: NOTE }).expect(201);
  }, 180_000);
  afterAll(() => t.close());

  it('stores each manifest with its status, line-exact findings, converted form and its kind\'s entity', async () => {
    const [ingress] = await manifestsOf('exposing-the-shop');
    expect(ingress).toMatchObject({
      apiVersion: 'extensions/v1beta1', kind: 'Ingress', name: 'shop', status: 'removed',
      entity: { slug: 'ingress', type: 'NETWORKING' },
      deprecated: { replacement: 'networking.k8s.io/v1', removedIn: '1.22' },
    });
    expect(ingress.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'removed-api', line: 6 })]));
    expect(ingress.converted).toContain('apiVersion: networking.k8s.io/v1');
    expect(ingress.converted).toContain('defaultBackend:');

    const [deployment] = await manifestsOf('the-deployment');
    expect(deployment).toMatchObject({ kind: 'Deployment', status: 'invalid', entity: { slug: 'deployment' } });
    expect(deployment.findings).toEqual([
      expect.objectContaining({ rule: 'unknown-field', path: '/spec/template/spec/containers/0/imagePullPolcy', line: 33, severity: 'error' }),
    ]);

    const [service] = await manifestsOf('the-service');
    expect(service).toMatchObject({ kind: 'Service', status: 'ok', findings: [], entity: { slug: 'service' } });
    expect(service.converted).toBeUndefined();
  });

  it('makes a provisional entity for a kind nobody listed, links the manifest and its topic to it, and keeps it across ontology syncs', async () => {
    const [virtualService] = await manifestsOf('routing-with-istio');
    expect(virtualService.entity).toEqual({ slug: 'kind-networking-istio-io-virtualservice', name: 'VirtualService', type: 'EXTENSION' });
    const entity = (await request(t.server).get('/api/v1/entities/kind-networking-istio-io-virtualservice').expect(200)).body;
    expect(entity.attributes).toMatchObject({ provisional: true, group: 'networking.istio.io', kind: 'VirtualService' });
    expect(entity.topics.map((topic: { slug: string }) => topic.slug)).toContain('routing-with-istio');

    await t.app.get(IngestService).syncOntology();
    await request(t.server).get('/api/v1/entities/kind-networking-istio-io-virtualservice').expect(200);
  });

  it('lists the manifests of the notes by status and kind, each with its topic and citation', async () => {
    const removed = (await request(t.server).get('/api/v1/manifests').query({ status: 'removed', limit: 100 }).expect(200)).body.items;
    const ours = removed.filter((m: { citation: { document: string } }) => m.citation.document === 'shop/exposing.md');
    expect(ours).toEqual([{
      topic: expect.objectContaining({ slug: 'exposing-the-shop' }),
      citation: { document: 'shop/exposing.md', documentSlug: 'shop-exposing', lineStart: 6, lineEnd: 13 },
      manifest: expect.objectContaining({ kind: 'Ingress', status: 'removed' }),
    }]);
    // The seed notes' removed APIs are there too, and every listed one is removed.
    expect(removed.every((m: { manifest: { status: string } }) => m.manifest.status === 'removed')).toBe(true);
    const byKind = (await request(t.server).get('/api/v1/manifests').query({ kind: 'virtualservice' }).expect(200)).body.items;
    expect(byKind.map((m: { manifest: { name: string } }) => m.manifest.name)).toEqual(['shop']);
    const bad = await request(t.server).get('/api/v1/manifests').query({ status: 'fine' }).expect(400);
    expect(bad.body.detail).toContain('status');
  });

  it('checks pasted YAML, every document, with lines in what was sent', async () => {
    const yaml = NOTE.split('\n').slice(5, 13).join('\n') + '\n---\n' + NOTE.split('\n').slice(18, 33).join('\n') + '\n';
    const res = await request(t.server).post('/api/v1/manifests/check').send({ yaml }).expect(200);
    expect(res.body.kubernetesVersion).toMatch(/^1\.\d+$/);
    expect(res.body.documents.map((d: { kind: string; status: string; line: number }) => [d.kind, d.status, d.line])).toEqual([
      ['Ingress', 'removed', 1],
      ['Deployment', 'invalid', 10],
    ]);
    expect(res.body.documents[1].findings[0]).toMatchObject({ rule: 'unknown-field', line: 24 });
    expect(res.body.documents[0].converted).toContain('networking.k8s.io/v1');
    expect(res.body.documents[0].entity).toEqual({ slug: 'ingress', name: 'Ingress', type: 'NETWORKING' });

    // At 1.20 the old Ingress was still served, only deprecated.
    const old = await request(t.server).post('/api/v1/manifests/check').send({ yaml, kubernetesVersion: '1.20' }).expect(200);
    expect(old.body.documents[0].status).toBe('deprecated');
  });

  it('answers YAML that does not parse, a bad version and too much YAML with a 400 naming them, never a 500', async () => {
    const broken = await request(t.server).post('/api/v1/manifests/check').send({ yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n' }).expect(400);
    expect(broken.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(broken.body).toMatchObject({ param: 'yaml', line: expect.any(Number) });
    expect(broken.body.detail).toMatch(/line \d+/);
    const version = await request(t.server).post('/api/v1/manifests/check').send({ yaml: 'apiVersion: v1\nkind: Pod\n', kubernetesVersion: 'latest' }).expect(400);
    expect(version.body.detail).toContain('kubernetesVersion');
    const huge = await request(t.server).post('/api/v1/manifests/check').send({ yaml: `# ${'x'.repeat(600 * 1024)}\n` }).expect(400);
    expect(huge.body.detail).toContain('yaml');
    await request(t.server).post('/api/v1/manifests/check').send({}).expect(400);
  });

  it('answers the same through GraphQL', async () => {
    const answer = await gql(t, `{
      checkManifest(yaml: "apiVersion: policy/v1beta1\\nkind: PodDisruptionBudget\\nmetadata:\\n  name: db\\nspec:\\n  minAvailable: 1\\n") {
        kubernetesVersion documents { kind status line converted entity { slug } findings { rule line } }
      }
      topic(slug: "routing-with-istio") { snippets { manifest { kind status entity { slug name ... on GenericEntity { attributes } } } } }
      manifests(status: INVALID, first: 50) { edges { node { citation { document lineStart } manifest { kind findings { path line } } topic { title } } } }
    }`);
    expect(answer.body.errors).toBeUndefined();
    const [pdb] = answer.body.data!.checkManifest.documents;
    expect(pdb).toMatchObject({ kind: 'PodDisruptionBudget', status: 'REMOVED', line: 1, entity: { slug: 'pod-disruption-budget' } });
    expect(pdb.converted).toContain('policy/v1');
    expect(answer.body.data!.topic.snippets[0].manifest).toMatchObject({ kind: 'VirtualService', status: 'OK', entity: { slug: 'kind-networking-istio-io-virtualservice' } });
    const invalid = answer.body.data!.manifests.edges.map((e: { node: { citation: { document: string } } }) => e.node).filter((n: { citation: { document: string } }) => n.citation.document === 'shop/exposing.md');
    expect(invalid).toEqual([{ citation: { document: 'shop/exposing.md', lineStart: 19 }, manifest: { kind: 'Deployment', findings: [{ path: '/spec/template/spec/containers/0/imagePullPolcy', line: 33 }] }, topic: { title: 'The Deployment' } }]);
  });

  it('forgets a provisional kind once no manifest is of it', async () => {
    await admin(request(t.server).delete('/api/v1/documents/shop-exposing')).expect(200);
    await t.app.get(IngestService).syncOntology();
    await request(t.server).get('/api/v1/entities/kind-networking-istio-io-virtualservice').expect(404);
    await request(t.server).get('/api/v1/entities/ingress').expect(200);
  });
});
