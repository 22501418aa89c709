import { describe, expect, it } from '@jest/globals';
import {
  candidatesOf, idfOf, linkScorer, linksFrom, mentionStats, relateTopics, type TopicEntities,
} from '../../seed/parser/related-topics.js';

const topics: TopicEntities<string>[] = [
  { key: 'a', entities: new Set(['pod', 'headless', 'service']) },
  { key: 'b', entities: new Set(['headless', 'service']) },
  { key: 'c', entities: new Set(['pod']) },
  { key: 'd', entities: new Set(['etcd']) },
];

describe('relateTopics', () => {
  const rel = relateTopics(topics);

  it('is symmetric', () => {
    for (const r of rel) {
      expect(rel).toContainEqual(expect.objectContaining({ from: r.to, to: r.from, score: r.score }));
    }
    expect(rel).toHaveLength(4); // a-b, a-c both ways; d shares nothing
  });

  it('is sorted by score with scores in 0..1 and the shared entities as via', () => {
    const scores = rel.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(scores.every((s) => s > 0 && s <= 1)).toBe(true);
    expect(rel[0]).toMatchObject({ from: 'a', to: 'b', via: ['headless', 'service'] });
    const n = 4;
    const idf = (df: number) => Math.log(1 + n / df);
    expect(rel[0]!.score).toBeCloseTo((2 * idf(2)) / (2 * idf(2) + idf(2)), 5);
    expect(rel.find((r) => r.from === 'c')).toMatchObject({ to: 'a', via: ['pod'] });
  });

  it('keeps only the best links per topic when asked', () => {
    const limited = relateTopics(topics, { limitPerTopic: 1 });
    expect(limited.filter((r) => r.from === 'a')).toEqual([expect.objectContaining({ to: 'b' })]);
  });

  it('lets an entity over maxPostings count in scores but not propose pairs', () => {
    expect(relateTopics(topics, { maxPostings: 1 })).toEqual([]); // every shared entity is in 2 topics
    const viaRare = relateTopics([...topics, { key: 'e', entities: new Set(['etcd', 'pod']) }], { maxPostings: 2 });
    expect(viaRare.find((r) => r.from === 'd' && r.to === 'e')?.via).toEqual(['etcd']);
  });
});

describe('linksFrom (the incremental path)', () => {
  it('scores a topic against candidates exactly as the full recompute does', () => {
    const score = linkScorer(idfOf(mentionStats(topics)));
    const incremental = linksFrom(topics[0]!, topics, score);
    expect(incremental).toEqual(relateTopics(topics).filter((r) => r.from === 'a'));
  });

  it('gives a→b and b→a the same score bit for bit', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ key: `t${i}`, entities: new Set([`e${i % 7}`, `e${i % 5}`, `e${i % 3}`, 'pod']) }));
    const score = linkScorer(idfOf(mentionStats(many)));
    for (const x of many) for (const y of many) expect(score(x.entities, y.entities).score).toBe(score(y.entities, x.entities).score);
  });
});

describe('candidatesOf (a topic is scored against a bounded set)', () => {
  // 'rare' is in 3 topics, 'common' in 40: the rare entity's topics come first, then the common one's in the order given.
  const corpus: TopicEntities<string>[] = [
    { key: 'me', entities: new Set(['common', 'rare']) },
    ...Array.from({ length: 39 }, (_, i) => ({ key: `c${String(i).padStart(2, '0')}`, entities: new Set(['common']) })),
    { key: 'r1', entities: new Set(['rare', 'common']) },
    { key: 'r2', entities: new Set(['rare']) },
  ];
  const stats = mentionStats(corpus);
  const postings = new Map<string, string[]>();
  for (const t of corpus) for (const e of t.entities) postings.set(e, [...(postings.get(e) ?? []), t.key]);

  it('takes the rarest entity’s topics first and stops at the limit, never itself', () => {
    const found = candidatesOf(corpus[0]!.entities, 'me', (e) => postings.get(e), stats, { maxCandidates: 5 });
    expect(found).toEqual(['r1', 'r2', 'c00', 'c01', 'c02']);
  });

  it('takes every topic sharing an entity when they fit', () => {
    expect(candidatesOf(corpus[0]!.entities, 'me', (e) => postings.get(e), stats, { maxCandidates: 1000 })).toHaveLength(corpus.length - 1);
  });

  it('keeps the best links when a common entity’s topics are cut: the rare entity’s topics score highest', () => {
    const capped = relateTopics(corpus, { maxCandidates: 5, limitPerTopic: 2 }).filter((l) => l.from === 'me');
    const exact = relateTopics(corpus, { maxCandidates: Infinity, limitPerTopic: 2 }).filter((l) => l.from === 'me');
    expect(capped).toEqual(exact);
    expect(capped.map((l) => l.to)).toEqual(['r1', 'r2']);
  });
});
