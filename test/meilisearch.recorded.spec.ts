import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { loadOntology } from '../seed/ontology/load.js';
import { meiliFilter, meiliSettings } from '../apps/api/src/search/meilisearch-settings.js';
import { LEFTOVER_INDEX_AGE_MS, MeilisearchEngine } from '../apps/api/src/search/meilisearch.engine.js';
import type { SearchDocument } from '../apps/api/src/search/search.types.js';
import { TextAnalyzer } from '../apps/api/src/search/text-analyzer.js';
import { FakeMeilisearch } from './support/fake-meilisearch.js';

const ontology = loadOntology();
const docs: SearchDocument[] = [
  { id: 'topic:headless-service', kind: 'topic', slug: 'headless-service', title: 'headless service', text: 'Headless Service就是没头的Service。很简单。', topicSlug: 'headless-service', document: 'notes', entityType: null, aliases: ['Headless', '无头服务'] },
  { id: 'topic:init', kind: 'topic', slug: 'init', title: 'Init 容器', text: '工具安装简单', topicSlug: 'init', document: 'notes', entityType: null, aliases: [], headings: ['Pod 生命周期'] },
  { id: 'entity:liveness-probe', kind: 'entity', slug: 'liveness-probe', title: 'Liveness probe', text: 'Restarts a container that fails it.', topicSlug: null, document: null, entityType: 'PROBE', aliases: ['存活探针'] },
];

describe('MeilisearchEngine (recorded HTTP, no Meilisearch server)', () => {
  let analyzer: TextAnalyzer;
  let fake: FakeMeilisearch;
  let engine: MeilisearchEngine;
  beforeAll(() => {
    analyzer = TextAnalyzer.forOntology(ontology);
  });
  beforeEach(async () => {
    fake = new FakeMeilisearch();
    const host = await fake.start();
    engine = new MeilisearchEngine({ host, apiKey: 'k', settings: meiliSettings(ontology), taskIntervalMs: 1 }, analyzer);
  });
  afterEach(() => fake.stop());

  it('builds a new topics_<timestamp> index, waits for every task, swaps it in and drops the old one', async () => {
    const progress: number[] = [];
    await engine.rebuild(docs, (done) => progress.push(done));
    const temp = (fake.requests.find((r) => r.method === 'POST')!.body as { uid: string }).uid;
    expect(temp).toMatch(/^topics_\d+$/);
    expect(fake.writes()).toEqual([
      'GET /indexes', 'POST /indexes', `PATCH /indexes/${temp}/settings`, `POST /indexes/${temp}/documents`,
      'GET /indexes/topics', 'POST /indexes', 'POST /swap-indexes', `DELETE /indexes/${temp}`,
    ]);
    // Each write is followed by polling its task before the next request.
    const sequence = fake.requests.map((r) => (r.path.startsWith('/tasks/') ? 'task' : r.method));
    for (let i = 0; i < sequence.length - 1; i++) if (['POST', 'PATCH', 'DELETE'].includes(sequence[i]!)) expect(sequence[i + 1]).toBe('task');
    expect(fake.requests.find((r) => r.path === '/swap-indexes')!.body).toEqual([{ indexes: ['topics', temp], rename: false }]);
    expect(fake.indexes.get('topics')!.map((d) => d['id'])).toEqual(docs.map((d) => d.id));
    expect([...fake.indexes.keys()]).toEqual(['topics']);
    expect(progress).toEqual([3]);

    // A second rebuild finds the live index and does not create it again.
    fake.requests.length = 0;
    await engine.rebuild(docs.slice(0, 1));
    expect(fake.writes().filter((w) => w === 'POST /indexes')).toHaveLength(1);
    expect(fake.indexes.get('topics')).toHaveLength(1);
  });

  it('sends the settings: ranked searchable attributes, filters, two-way synonyms, cmn+eng, typo tolerance', async () => {
    await engine.rebuild(docs);
    const settings = fake.requests.find((r) => r.method === 'PATCH')!.body as Record<string, any>;
    expect(settings.searchableAttributes).toEqual(['title', 'headings', 'aliases', 'text', 'segmented']);
    expect(settings.filterableAttributes).toEqual(['kind', 'entityType', 'document']);
    expect(settings.synonyms['无头服务']).toEqual(['headless']);
    expect(settings.synonyms['headless']).toEqual(expect.arrayContaining(['无头服务', 'headless service']));
    expect(settings.synonyms['blue/green deployment']).toEqual(expect.arrayContaining(['蓝绿部署', 'blue/green']));
    expect(Object.values(settings.synonyms as Record<string, string[]>).every((list) => list.length <= 12)).toBe(true);
    expect(settings.localizedAttributes).toEqual([{ attributePatterns: ['title', 'headings', 'aliases', 'text', 'segmented'], locales: ['cmn', 'eng'] }]);
    expect(settings.typoTolerance).toMatchObject({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
  });

  it('sends documents with a segmented field of jieba words and Han bigrams (简单 inside 安装简单)', async () => {
    await engine.rebuild(docs);
    const sent = fake.requests.find((r) => r.path.endsWith('/documents'))!.body as Array<Record<string, string>>;
    const init = sent.find((d) => d['id'] === 'topic:init')!;
    expect(init['segmented']!.split(' ')).toEqual(expect.arrayContaining(['安装', '简单', '装简', '生命周期']));
    expect(init['headings']).toEqual(['Pod 生命周期']);
    expect(sent.find((d) => d['id'] === 'entity:liveness-probe')!['segmented']!.split(' ')).toContain('存活探针');
  });

  it('searches with a pre-segmented query, quoted filters and ranking scores, and highlights locally', async () => {
    await engine.rebuild(docs);
    const hits = await engine.search({ q: '安装简单', kinds: ['topic', 'entity'], types: ['PROBE'], limit: 5 });
    const body = fake.requests.find((r) => r.path === '/indexes/topics/search')!.body as Record<string, unknown>;
    expect(String(body['q']).split(' ')).toEqual(expect.arrayContaining(['安装', '简单']));
    expect(body).toMatchObject({
      limit: 5,
      filter: 'kind IN ["topic", "entity"] AND entityType IN ["PROBE"]',
      showRankingScore: true,
      locales: ['cmn', 'eng'],
    });
    // The fake answers matching documents in stored order with falling scores; the adapter maps them to hits.
    expect(hits.map((h) => [h.kind, h.slug, h.topicSlug, h.score])).toEqual([
      ['topic', 'headless-service', 'headless-service', 1],
      ['topic', 'init', 'init', 0.9],
    ]);
    expect(hits[1]!.highlight).toBe('工具<mark>安装简单</mark>');
  });

  it('surfaces a failed task as an error, leaves the live index alone and removes the half-built one', async () => {
    await engine.rebuild(docs);
    fake.failing.add('documentAdditionOrUpdate');
    await expect(engine.rebuild(docs.slice(0, 1))).rejects.toThrow(/failed: internal: fake documentAdditionOrUpdate failure/);
    expect(fake.indexes.get('topics')).toHaveLength(3);
    expect([...fake.indexes.keys()]).toEqual(['topics']);
  });

  it('deletes rebuild indexes a crashed process left behind, but not one another replica may still be filling', async () => {
    const crashed = `topics_${Date.now() - LEFTOVER_INDEX_AGE_MS - 60_000}`;
    const running = `topics_${Date.now() - 60_000}`;
    for (const uid of [crashed, running, 'topics_archive', 'other_1']) fake.indexes.set(uid, []);
    await engine.rebuild(docs);
    expect(fake.writes()).toContain(`DELETE /indexes/${crashed}`);
    expect([...fake.indexes.keys()].sort()).toEqual(['other_1', 'topics', 'topics_archive', running].sort());
  });

  it("applies one notes document's change to the live index: its entries deleted by filter, then its new ones and the entities' added", async () => {
    await engine.rebuild(docs);
    fake.requests.length = 0;
    const renamed = { ...docs[0]!, id: 'topic:headless', slug: 'headless', topicSlug: 'headless', title: 'Headless Services' };
    const entity = { ...docs[2]!, topicSlug: 'headless' };
    await engine.update({ document: 'notes', documents: [renamed], entities: [entity] });
    expect(fake.writes()).toEqual(['POST /indexes/topics/documents/delete', 'POST /indexes/topics/documents']);
    expect(fake.requests[0]!.body).toEqual({ filter: 'document IN ["notes"]' });
    const sent = fake.requests.find((r) => r.path === '/indexes/topics/documents')!.body as Array<Record<string, unknown>>;
    expect(sent.map((d) => [d['id'], d['topicSlug']])).toEqual([['topic:headless', 'headless'], ['entity:liveness-probe', 'headless']]);
    expect(fake.indexes.get('topics')!.map((d) => d['id']).sort()).toEqual(['entity:liveness-probe', 'topic:headless']);
  });

  it('quotes filter values so none can change the expression', () => {
    expect(meiliFilter({ kind: ['topic'], entityType: undefined })).toBe('kind IN ["topic"]');
    expect(meiliFilter({ kind: ['a" OR kind = "b'] })).toBe('kind IN ["a\\" OR kind = \\"b"]');
    expect(meiliFilter({ kind: [] })).toBeUndefined();
  });
});
