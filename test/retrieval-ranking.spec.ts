import { describe, expect, it } from '@jest/globals';
import { isQuotable, selectPassages, type Ranked } from '../apps/api/src/retrieval/ranking.js';

const passage = (text: string, lineStart: number) => ({ kind: 'prose' as const, text, lineStart, lineEnd: lineStart, snippetIndex: null, cuts: [] });
const item = (key: string, score: number, group: string, words: string): Ranked<null> =>
  ({ passage: passage(words, Number(key.split(':')[1])), score, key, group, terms: new Set(words.split(' ')), extra: null });
const options = { topK: 3, maxChars: 10_000, scoreThreshold: 0 };

describe('selectPassages', () => {
  it('keeps one of two near-duplicate passages (the better), even in different documents', () => {
    const chosen = selectPassages([
      item('a.md:1', 0.9, 'a', 'service types clusterip nodeport loadbalancer externalname'),
      item('b.md:1', 0.8, 'b', 'service types clusterip nodeport loadbalancer externalname headless'),
      item('c.md:1', 0.5, 'c', 'ingress routes http'),
    ], options);
    expect(chosen.map((c) => c.key)).toEqual(['a.md:1', 'c.md:1']);
  });

  it("lets another topic's passage pass a topic's third passage of nearly the same score", () => {
    const chosen = selectPassages([
      item('a.md:1', 0.80, 'a', 'one'), item('a.md:5', 0.79, 'a', 'two'), item('a.md:9', 0.78, 'a', 'three'), item('b.md:1', 0.70, 'b', 'four'),
    ], options);
    expect(chosen.map((c) => c.key)).toEqual(['a.md:1', 'b.md:1', 'a.md:5']);
    expect(chosen.map((c) => c.score)).toEqual([...chosen.map((c) => c.score)].sort((x, y) => y - x));
  });
});

describe('isQuotable', () => {
  it.each(['show', 'Output:', '如下：', '不支持。', '  --  '])('is false for a label: %j', (text) => {
    expect(isQuotable({ kind: 'prose', text })).toBe(false);
  });

  it.each(['See the logs', '不支持该功能', 'Use kubectl logs -p.'])('is true for a sentence: %j', (text) => {
    expect(isQuotable({ kind: 'prose', text })).toBe(true);
  });

  it('is true for any snippet, however short (a one-word command is an answer)', () => {
    expect(isQuotable({ kind: 'snippet', text: 'ls' })).toBe(true);
  });
});
