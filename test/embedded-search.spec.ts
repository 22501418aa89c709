import { describe, expect, it } from '@jest/globals';
import { EmbeddedSearchEngine } from '../apps/api/src/search/embedded-search.engine.js';
import { QueryExpander } from '../apps/api/src/search/query-expander.js';
import type { SearchDocument } from '../apps/api/src/search/search.types.js';
import { TextAnalyzer } from '../apps/api/src/search/text-analyzer.js';
import { loadOntology } from '../seed/ontology/load.js';
import { createMentionFinder } from '../seed/parser/linker.js';

const ontology = loadOntology();
const finder = createMentionFinder(ontology);
const bySlug = new Map(ontology.entities.map((e) => [e.slug, e]));
const engine = () =>
  new EmbeddedSearchEngine(TextAnalyzer.forOntology(ontology), new QueryExpander({ findMentions: (t) => finder.findMentions(t), entity: (s) => bySlug.get(s) }));

const topic = (document: string, slug: string, title: string, text: string): SearchDocument =>
  ({ id: `topic:${slug}`, kind: 'topic', slug, title, text, topicSlug: slug, document, entityType: null, aliases: [] });
const entity = (slug: string, title: string, topicSlug: string | null): SearchDocument =>
  ({ id: `entity:${slug}`, kind: 'entity', slug, title, text: `${title} entity`, topicSlug, document: null, entityType: 'CONCEPT', aliases: [] });

const a = [topic('a', 'probes', 'Probes', 'A liveness probe restarts a container; 存活探针'), topic('a', 'services', 'Services', 'A headless Service has no cluster IP')];
const b = [topic('b', 'ingress', 'Ingress', 'Ingress routes HTTP to Services'), topic('b', 'pods', 'Pods', 'A Pod runs containers')];
const b2 = [topic('b', 'gateway', 'Gateway API', 'HTTPRoute routes HTTP; the successor of Ingress')];
const QUERIES = ['liveness', 'headless service', 'ingress', 'pod', 'HTTPRoute', 'routes http', '存活探针', 'containers'];
const answers = async (e: EmbeddedSearchEngine) =>
  Promise.all(QUERIES.map(async (q) => (await e.search({ q, limit: 10 })).map((h) => [h.kind, h.slug])));

describe('EmbeddedSearchEngine: one document changed costs its entries, and answers as a rebuild would', () => {
  it('replaces a document in place', async () => {
    const updated = engine();
    await updated.rebuild([...a, ...b, entity('ingress', 'Ingress', 'ingress')]);
    expect((await updated.search({ q: 'pod', limit: 5 })).map((h) => h.slug)).toContain('pods');
    await updated.update({ document: 'b', documents: b2, entities: [entity('ingress', 'Ingress', 'gateway')] });

    const rebuilt = engine();
    await rebuilt.rebuild([...a, ...b2, entity('ingress', 'Ingress', 'gateway')]);
    expect(await answers(updated)).toEqual(await answers(rebuilt));
    expect(updated.size).toBe(rebuilt.size);
    expect((await updated.search({ q: 'pod', limit: 5 })).map((h) => h.slug)).not.toContain('pods');
    expect((await updated.search({ q: 'ingress', kinds: ['entity'], limit: 5 }))[0]!.topicSlug).toBe('gateway');
  });

  it('removes a deleted document, and its words no longer count as spelled the notes way', async () => {
    const updated = engine();
    await updated.rebuild([...a, ...b]);
    await updated.update({ document: 'b', documents: [], entities: [] });
    const rebuilt = engine();
    await rebuilt.rebuild(a);
    expect(await answers(updated)).toEqual(await answers(rebuilt));
    // "containerz" is a typo of a word still in the index (container): both find the probes topic.
    expect((await updated.search({ q: 'containerz', limit: 5 })).map((h) => h.slug)).toEqual((await rebuilt.search({ q: 'containerz', limit: 5 })).map((h) => h.slug));
  });
});

describe('EmbeddedSearchEngine under a stream of updates', () => {
  it('stays whole under updates arriving over time (MiniSearch\'s background vacuum crashed when entries were added between its batches)', async () => {
    const failures: unknown[] = [];
    const onRejection = (reason: unknown) => failures.push(reason);
    process.on('unhandledRejection', onRejection);
    // MiniSearch warns when a removed entry's terms are not where it added them.
    const warn = console.warn;
    console.warn = (...args: unknown[]) => failures.push(args.join(' '));
    try {
      const words = (seed: number, n: number) => Array.from({ length: n }, (_, i) => `w${((seed * 7919 + i * 104729) % 500_000).toString(36)}`).join(' ');
      const doc = (d: number, version: number, i: number) => topic(`d${d}`, `t${d}-${i}`, `Topic ${d} ${i}`, words(d * 1000 + version * 37 + i, 200));
      const e = engine();
      await e.rebuild(Array.from({ length: 40 }, (_, d) => [0, 1, 2].map((i) => doc(d, 0, i))).flat());
      for (let round = 1; round <= 80; round++) {
        const d = round % 40;
        await e.update({ document: `d${d}`, documents: [0, 1, 2].map((i) => doc(d, round, i)), entities: [] });
        await new Promise((resolve) => setTimeout(resolve, 2)); // updates arrive over time, as POSTs do
      }
      await new Promise((resolve) => setTimeout(resolve, 300)); // let any background work finish (or fail)
      expect(failures).toEqual([]);
      expect(e.size).toBe(120);
    } finally {
      process.off('unhandledRejection', onRejection);
      console.warn = warn;
    }
  });
});

describe('EmbeddedSearchEngine ranking on common words and headings', () => {
  // Every entry's body says "service" (over the common-word share), as Kubernetes notes do.
  const types = (slug: string, title: string, headings: string[] = []): SearchDocument =>
    ({ ...topic(slug, slug, title, `类型 说明。A service, a pod and a node appear here, as everywhere. ${slug}`), headings });
  const corpus = [
    types('job-types', 'Job 的类型'),
    types('secret-types', 'Secret 类型'),
    types('ingress-types', 'Ingress 类型'),
    types('service', 'Service', ['concepts']),
    types('service-types', '类型', ['service', 'Service']),
    ...Array.from({ length: 12 }, (_, i) => types(`other-${i}`, `Other ${i}`)),
  ];

  it('keeps a common word that names a title (service in "Service 有哪几种类型") and ranks the heading-path match first', async () => {
    const e = engine();
    await e.rebuild(corpus);
    const hits = await e.search({ q: 'Service 有哪几种类型', limit: 5 });
    expect(hits[0]!.slug).toBe('service-types');
    expect(hits.slice(0, 2).map((h) => h.slug).sort()).toEqual(['service', 'service-types']);
  });

  it('ranks a title match above the same word in a body', async () => {
    const e = engine();
    await e.rebuild([topic('x', 'body', 'Notes', 'the gateway routes traffic; gateway gateway'), topic('x', 'titled', 'Gateway', 'routes traffic')]);
    expect((await e.search({ q: 'gateway', limit: 2 })).map((h) => h.slug)).toEqual(['titled', 'body']);
  });

  it('answers the same hits without highlights when asked (retrieval reads none)', async () => {
    const e = engine();
    await e.rebuild([...a, ...b, ...b2]);
    const withHighlights = await e.search({ q: 'routes http', limit: 5 });
    const without = await e.search({ q: 'routes http', limit: 5, highlight: false });
    expect(withHighlights[0]!.highlight).toContain('<mark>');
    expect(without).toEqual(withHighlights.map((h) => ({ ...h, highlight: '' })));
  });
});

describe('EmbeddedSearchEngine: matching more of the query beats matching one entity many ways', () => {
  it('does not count every alias of a named entity as another query word matched', async () => {
    // Topic entries carry the names of the entities they mention; Container has many ("containers",
    // "app container", 容器…) and, as in real notes, many topics mention it.
    const container = bySlug.get('container')!;
    const mentionsContainer = (t: SearchDocument): SearchDocument => ({ ...t, aliases: [container.name, ...container.aliases] });
    const e = engine();
    await e.rebuild([
      mentionsContainer(topic('c', 'see-its-logs', 'See its logs and delete it', 'kubectl logs busybox; the container ran once')),
      topic('a', 'previous-instance', 'If pod crashed and restarted, get logs about the previous instance', 'kubectl logs nginx --previous'),
      ...Array.from({ length: 12 }, (_, i) => mentionsContainer(topic('x', `container-${i}`, `Container exercise ${i}`, `run a container with image nginx:${i}`))),
      ...Array.from({ length: 24 }, (_, i) => topic('y', `other-${i}`, `Service exercise ${i}`, `expose a deployment on port ${8000 + i}`)),
    ]);
    const hits = await e.search({ q: 'how to see logs of previous container instance', limit: 5 });
    expect(hits[0]!.slug).toBe('previous-instance');
  });
});
