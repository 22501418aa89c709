import { describe, it, expect } from '@jest/globals';
import { loadOntology } from '../seed/ontology/load.js';
import { createMentionFinder, relateTopics, relationEvidence } from '../seed/parser/linker.js';

const ontology = loadOntology();
const find = createMentionFinder(ontology);
const slugs = (text: string) => find(text).map((m) => m.entitySlug).sort();

describe('findMentions', () => {
  it('matches Chinese aliases as whole words', () => {
    expect(slugs('无头服务')).toEqual(['headless']);
    expect(slugs('存活探针')).toEqual(['liveness-probe']);
    expect(slugs('该什么时候使用存活探针和就绪探针?')).toEqual(['liveness-probe', 'readiness-probe']);
    expect(slugs('探针')).toEqual(['container-probe']);
  });

  it('prefers the longest alias at a position', () => {
    expect(slugs('节点控制器')).toEqual(['node-controller']);
    expect(slugs('云节点控制器')).toEqual(['cloud-node-controller']);
    expect(slugs('nginx-ingress-controller')).toEqual(['nginx-ingress-controller']);
    expect(slugs('Deployment controller')).toEqual(['deployment-controller']);
  });

  it('respects English word boundaries', () => {
    expect(slugs('CronJob')).toEqual(['cronjob']);
    expect(slugs('the jobs-controller binary')).toEqual([]);
    expect(slugs('podAffinity')).toEqual(['pod-affinity']);
    expect(slugs('ServiceSpec')).toEqual([]);
    expect(slugs('Jobs and a Job')).toEqual(['job']);
    expect(find('Jobs and a Job')).toEqual([{ entitySlug: 'job', count: 2 }]);
  });

  it('handles a mixed sentence', () => {
    const text = 'Kubernetes 提供了 Headless Service（无头服务），kube-proxy 不处理它，StatefulSet 用它给每个 Pod 一个 DNS 名字。';
    expect(find(text)).toEqual([
      { entitySlug: 'headless', count: 2 },
      { entitySlug: 'kube-proxy', count: 1 },
      { entitySlug: 'pod', count: 1 },
      { entitySlug: 'statefulset', count: 1 },
    ]);
  });

  it('ignores words inside URLs and paths', () => {
    expect(slugs('http://10.0.0.1:8443/api/v1/namespaces/default/services/my-nginx/proxy/')).toEqual([]);
  });

  it('reports exact spans', () => {
    const spans = find.findSpans('用 PV/PVC 存储');
    expect(spans.map((s) => [s.text, s.entitySlug, s.start, s.end])).toEqual([
      ['PV', 'persistent-volume', 2, 4], ['PVC', 'persistent-volume-claim', 5, 8],
    ]);
  });
});

describe('relateTopics', () => {
  const input = [
    { topicKey: 'a', entitySlugs: ['pod', 'headless', 'service'] },
    { topicKey: 'b', entitySlugs: ['headless', 'service'] },
    { topicKey: 'c', entitySlugs: ['pod'] },
    { topicKey: 'd', entitySlugs: ['etcd'] },
  ];
  const rel = relateTopics(input);

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

  it('returns the topics that evidence each relation', () => {
    const ev = relationEvidence(
      [{ from: 'headless', type: 'EXTENDS', to: 'service' }, { from: 'etcd', type: 'PART_OF', to: 'control-plane' }],
      input,
    );
    expect(ev.map((e) => e.evidence)).toEqual([['a', 'b'], []]);
  });
});
