import { describe, it, expect } from '@jest/globals';
import { parseDocument } from '../../seed/parser/parse-document.js';
import { slugify } from '../../seed/parser/slug.js';
import { buildTopicGraph } from '../../seed/parser/topic-graph.js';

describe('slugify', () => {
  it('transliterates Chinese without tones', () => {
    expect(slugify('Pod的生命周期')).toBe('pod-de-sheng-ming-zhou-qi');
    expect(slugify('扩展 PV 空间')).toBe('kuo-zhan-pv-kong-jian');
  });

  it('keeps ASCII titles readable and URL-safe', () => {
    expect(slugify(' service ')).toBe('service');
    expect(slugify('kube-controller-manager')).toBe('kube-controller-manager');
    expect(slugify('Init 容器能做什么？')).toBe('init-rong-qi-neng-zuo-shen-me');
    expect(slugify('A/B testing -- (HTTP headers)')).toBe('a-b-testing-http-headers');
  });

  it('is never empty and never longer than 60 characters', () => {
    expect(slugify('###')).toBe('topic');
    expect(slugify('')).toBe('topic');
    const long = slugify('无状态服务、普通有状态服务和有状态集群服务');
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(long.startsWith('wu-zhuang-tai-fu-wu-pu-tong')).toBe(true);
  });

  it('numbers duplicate titles in a document deterministically, and suffixes a slug another document owns', () => {
    const doc = parseDocument('dupes.md', '# Pod\n\ntext\n\n# pod\n\ntext\n\n# POD\n\ntext\n\n# Service\n\ntext\n');
    const slugs = (taken: string[]) => buildTopicGraph(doc, {
      findMentions: () => [], slugTakenElsewhere: (slug) => taken.includes(slug), documentSlug: 'dupes',
    }).map((t) => t.slug);
    expect(slugs([])).toEqual(['pod', 'pod-2', 'pod-3', 'service']);
    expect(slugs(['service'])).toEqual(['pod', 'pod-2', 'pod-3', 'service--dupes']);
  });
});
