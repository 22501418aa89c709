import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import parseDot from 'dotparser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Ref { slug: string; name: string; type: string }
interface EntityBody extends Ref { relations: Array<{ type: string; direction: 'in' | 'out'; entity: Ref; evidence: string[] }> }
interface Neighborhood { root: string; depth: number; nodes: Array<Ref & { depth: number }>; edges: Array<{ from: string; to: string; type: string; evidence: string[] }> }

describe('GET /api/v1/entities/{slug}/neighbors and GET /api/v1/graph', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 180_000);
  afterAll(() => t.close());

  /** The oracle: breadth-first through GET /entities/{slug}, one entity at a time. */
  async function expectedDepths(start: string, depth: number): Promise<Map<string, number>> {
    const depths = new Map([[start, 0]]);
    let frontier = [start];
    for (let level = 1; level <= depth; level++) {
      const next: string[] = [];
      for (const slug of frontier) {
        const entity = (await request(t.server).get(`/api/v1/entities/${slug}`).expect(200)).body as EntityBody;
        for (const relation of entity.relations) {
          if (depths.has(relation.entity.slug)) continue;
          depths.set(relation.entity.slug, level);
          next.push(relation.entity.slug);
        }
      }
      frontier = next;
    }
    return depths;
  }

  it('answers depth 1 with the direct neighbours in both directions and the relations between them', async () => {
    const res = await request(t.server).get('/api/v1/entities/nodeport/neighbors').expect(200);
    const body = res.body as Neighborhood;
    expect(body.root).toBe('nodeport');
    expect(body.depth).toBe(1);
    expect(body.nodes[0]).toEqual({ slug: 'nodeport', name: 'NodePort', type: 'SERVICE_TYPE', depth: 0 });
    const slugs = body.nodes.map((n) => n.slug);
    expect(slugs).toEqual(expect.arrayContaining(['clusterip', 'loadbalancer']));
    expect(body.edges).toEqual(expect.arrayContaining([
      expect.objectContaining({ from: 'nodeport', to: 'clusterip', type: 'EXTENDS' }),
      expect.objectContaining({ from: 'loadbalancer', to: 'nodeport', type: 'EXTENDS' }),
    ]));
    for (const edge of body.edges) {
      expect(slugs).toContain(edge.from);
      expect(slugs).toContain(edge.to);
      expect(Array.isArray(edge.evidence)).toBe(true);
    }
  });

  it.each([1, 2, 3])('agrees at depth %i with a breadth-first walk over GET /entities/{slug}', async (depth) => {
    const body = (await request(t.server).get('/api/v1/entities/headless/neighbors').query({ depth }).expect(200)).body as Neighborhood;
    const expected = await expectedDepths('headless', depth);
    expect(new Map(body.nodes.map((n) => [n.slug, n.depth]))).toEqual(expected);
    const keys = body.edges.map((e) => `${e.from} ${e.type} ${e.to}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('grows with depth', async () => {
    const sizes = [];
    for (const depth of [1, 2, 3]) {
      sizes.push((await request(t.server).get('/api/v1/entities/clusterip/neighbors').query({ depth }).expect(200)).body.nodes.length);
    }
    expect(sizes[0]).toBeLessThan(sizes[1]);
    expect(sizes[1]).toBeLessThanOrEqual(sizes[2]);
  });

  it.each(['0', '4', '-1', '1.5', 'abc', '', '99999999999999999999'])('answers depth=%p with a 400 problem naming depth', async (depth) => {
    const res = await request(t.server).get(`/api/v1/entities/clusterip/neighbors?depth=${depth}`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toContain('depth');
  });

  it('answers an unknown entity with a 404 naming it', async () => {
    const res = await request(t.server).get('/api/v1/entities/no-such-thing/neighbors').expect(404);
    expect(res.body.detail).toContain('no-such-thing');
  });

  it('exports the whole graph as JSON: every entity and every relation, ids unique, edges between known nodes', async () => {
    const res = await request(t.server).get('/api/v1/graph').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const { nodes, edges } = res.body as { nodes: Array<{ id: string; kind: string; type: string | null }>; edges: Array<{ from: string; to: string; type: string }> };
    const ids = new Set(nodes.map((n) => n.id));
    expect(ids.size).toBe(nodes.length);
    const entityCount = await countAll('/api/v1/entities');
    expect(nodes.filter((n) => n.kind === 'entity')).toHaveLength(entityCount);
    expect(nodes.every((n) => n.kind === 'entity')).toBe(true);
    for (const edge of edges) expect(ids.has(edge.from) && ids.has(edge.to)).toBe(true);
    expect(edges).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'entity:nodeport', to: 'entity:clusterip', type: 'EXTENDS' })]));
  });

  it('adds topics and topic -> entity MENTIONS edges with include=topics', async () => {
    const res = await request(t.server).get('/api/v1/graph?include=topics').expect(200);
    const { nodes, edges } = res.body as { nodes: Array<{ id: string; kind: string }>; edges: Array<{ from: string; to: string; type: string; weight: number }> };
    expect(nodes.filter((n) => n.kind === 'topic')).toHaveLength(await countAll('/api/v1/topics'));
    const mentions = edges.filter((e) => e.type === 'MENTIONS');
    expect(mentions.length).toBeGreaterThan(0);
    for (const m of mentions) {
      expect(m.from).toMatch(/^topic:/);
      expect(m.to).toMatch(/^entity:/);
      expect(m.weight).toBeGreaterThan(0);
    }
    const headless = (await request(t.server).get('/api/v1/entities/headless').expect(200)).body as { topics: Array<{ slug: string }> };
    const mentioning = mentions.filter((m) => m.to === 'entity:headless').map((m) => m.from.slice('topic:'.length));
    expect(mentioning.sort()).toEqual(headless.topics.map((x) => x.slug).sort());
  });

  it('writes DOT that a Graphviz parser reads back with every node and edge', async () => {
    const json = (await request(t.server).get('/api/v1/graph?include=topics').expect(200)).body as { nodes: unknown[]; edges: unknown[] };
    const res = await request(t.server).get('/api/v1/graph?format=dot&include=topics').buffer(true).parse(text).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/vnd\.graphviz/);
    const [graph] = parseDot(res.body as string);
    expect(graph!.type).toBe('digraph');
    const statements = graph!.children;
    expect(statements.filter((s) => s.type === 'node_stmt')).toHaveLength(json.nodes.length);
    expect(statements.filter((s) => s.type === 'edge_stmt')).toHaveLength(json.edges.length);
  });

  it('writes GraphML that an XML parser reads back with every node and edge', async () => {
    const json = (await request(t.server).get('/api/v1/graph?include=topics').expect(200)).body as { nodes: Array<{ id: string }>; edges: unknown[] };
    const res = await request(t.server).get('/api/v1/graph?format=graphml&include=topics').buffer(true).parse(text).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/graphml\+xml/);
    expect(XMLValidator.validate(res.body as string)).toBe(true);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['node', 'edge', 'key', 'data'].includes(name) }).parse(res.body as string);
    const graph = xml.graphml.graph;
    expect(graph['@edgedefault']).toBe('directed');
    expect(graph.node.map((n: Record<string, string>) => n['@id'])).toEqual(json.nodes.map((n) => n.id));
    expect(graph.edge).toHaveLength(json.edges.length);
    const ids = new Set(graph.node.map((n: Record<string, string>) => n['@id']));
    for (const edge of graph.edge) expect(ids.has(edge['@source']) && ids.has(edge['@target'])).toBe(true);
  });

  it.each(['xml', 'JSON', 'dot,graphml', ''])('answers format=%p with a 400 listing the allowed formats', async (format) => {
    const res = await request(t.server).get('/api/v1/graph').query({ format }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toContain('json, dot, graphml');
  });

  async function countAll(path: string): Promise<number> {
    let count = 0;
    let cursor: string | null = null;
    do {
      const res: request.Response = await request(t.server).get(path).query({ limit: 100, ...(cursor ? { cursor } : {}) }).expect(200);
      count += res.body.items.length;
      cursor = res.body.nextCursor;
    } while (cursor);
    return count;
  }
});

/** supertest buffers text/* only; read any body as one UTF-8 string. */
function text(res: request.Response, done: (err: Error | null, body: string) => void) {
  const stream = res as unknown as NodeJS.ReadableStream; // under Node, superagent hands the parser the raw response
  let body = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (body += chunk));
  stream.on('end', () => done(null, body));
}
