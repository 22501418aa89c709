import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DocumentsService } from '../../apps/api/src/documents/documents.service.js';
import { EntitiesService } from '../../apps/api/src/entities/entities.service.js';
import { GraphService } from '../../apps/api/src/graph/graph.service.js';
import { TopicsService } from '../../apps/api/src/topics/topics.service.js';
import { startServices, type Services } from './support/services.js';

/** The read services over the seed notes, without HTTP: what the controllers and resolvers both call. */
describe('read services over the seed notes', () => {
  let s: Services;
  beforeAll(async () => {
    s = await startServices({ seed: true });
  });
  afterAll(() => s?.close());

  it('topics: pages in document order without overlap, details with their source, 404 for an unknown slug', async () => {
    const topics = s.get(TopicsService);
    const first = await topics.list({ limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await topics.list({ limit: 5, cursor: first.nextCursor! });
    const slugs = [...first.items, ...second.items].map((t) => t.slug);
    expect(new Set(slugs).size).toBe(10);
    const service = await topics.get('service');
    expect(service).toMatchObject({ slug: 'service', title: 'service', source: { document: 'k8s-notes.txt' } });
    const children = await topics.list({ parent: 'service', limit: 100 });
    expect(children.items.every((c) => c.parentSlug === 'service')).toBe(true);
    await expect(topics.get('no-such-topic')).rejects.toMatchObject({ status: 404 });
    expect(await topics.getMany(['service', 'no-such-topic'])).toEqual([expect.objectContaining({ slug: 'service' }), null]);
  });

  it('entities: the ontology stored, filtered by type, 404 for an unknown slug', async () => {
    const entities = s.get(EntitiesService);
    expect(await entities.get('pod')).toMatchObject({ slug: 'pod', name: 'Pod' });
    const workloads = await entities.list({ type: 'WORKLOAD', limit: 100 });
    expect(workloads.items.length).toBeGreaterThan(0);
    expect(workloads.items.every((e) => e.type === 'WORKLOAD')).toBe(true);
    await expect(entities.get('no-such-entity')).rejects.toMatchObject({ status: 404 });
  });

  it('graph: a neighborhood whose edges join its own nodes, and a whole-graph export', async () => {
    const graph = s.get(GraphService);
    const near = await graph.neighbors('service', 1);
    expect(near.root).toBe('service');
    const nodes = new Set(near.nodes.map((n) => n.slug));
    expect(nodes.has('service')).toBe(true);
    expect(near.edges.length).toBeGreaterThan(0);
    for (const edge of near.edges) expect(nodes.has(edge.from) && nodes.has(edge.to)).toBe(true);
    expect(near.nodes.every((n) => n.depth <= 1)).toBe(true);
    const whole = await graph.whole(true);
    expect(whole.nodes.some((n) => n.kind === 'topic')).toBe(true);
    await expect(graph.neighbors('no-such-entity')).rejects.toMatchObject({ status: 404 });
  });

  it('documents: the seed document listed with its topic count and outline', async () => {
    const documents = s.get(DocumentsService);
    const { items } = await documents.list({ limit: 10 });
    expect(items.map((d) => d.name)).toEqual(['k8s-notes.txt']);
    const detail = await documents.get(items[0]!.slug);
    expect(detail.outline).toHaveLength(detail.topics);
    expect(detail.outline.map((t) => t.slug)).toContain('service');
    await expect(documents.get('no-such-document')).rejects.toMatchObject({ status: 404 });
  });
});
