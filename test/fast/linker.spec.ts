import { describe, it, expect } from '@jest/globals';
import { loadOntology } from '../../seed/ontology/load.js';
import { createMentionFinder } from '../../seed/parser/linker.js';

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
