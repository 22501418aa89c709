import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import { loadKinds, provisionalEntity, resolveKind } from '../seed/ontology/kinds.js';
import { loadOntology, normaliseAlias, validateOntology } from '../seed/ontology/load.js';
import { createMentionFinder } from '../seed/parser/linker.js';
import { ENTITY_TYPES, RELATION_TYPES, type Ontology, type OntologyEntity } from '../seed/ontology/types.js';

const o = loadOntology();
const bySlug = new Map(o.entities.map((e) => [e.slug, e]));

/** Every alias key → owning slugs. */
function aliasIndex(ontology: Ontology): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const e of ontology.entities) {
    for (const a of [e.name, ...e.aliases]) {
      const key = normaliseAlias(a);
      if (!index.has(key)) index.set(key, new Set());
      index.get(key)!.add(e.slug);
    }
  }
  return index;
}
const index = aliasIndex(o);
const resolve = (term: string): OntologyEntity | undefined => {
  const owners = index.get(normaliseAlias(term));
  return owners && owners.size === 1 ? bySlug.get([...owners][0]!) : undefined;
};

describe('ontology data', () => {
  it('has a sizeable set of entities and relations', () => {
    expect(o.entities.length).toBeGreaterThanOrEqual(100);
    expect(o.relations.length).toBeGreaterThanOrEqual(40);
  });

  it('resolves every alias to exactly one entity', () => {
    for (const [alias, owners] of index) expect([alias, owners.size]).toEqual([alias, 1]);
  });

  it('has entities of every type in the enum, each with a description and attributes', () => {
    for (const type of ENTITY_TYPES) expect([type, o.entities.some((e) => e.type === type)]).toEqual([type, true]);
    for (const e of o.entities) {
      expect(e.description.length).toBeGreaterThan(10);
      expect(Object.keys(e.attributes).length).toBeGreaterThan(0);
      expect(e.aliases.length).toBeGreaterThan(0);
    }
  });

  it('gives every entity a Chinese alias', () => {
    const han = /\p{Script=Han}/u;
    const withoutZh = o.entities.filter((e) => !e.aliases.some((a) => han.test(a))).map((e) => e.slug);
    expect(withoutZh).toEqual([]);
  });

  it.each([
    ['SERVICE_TYPE', ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'Headless', 'headless service', '无头服务']],
    ['PROBE', ['liveness', 'readiness', 'startup', '存活探针', '就绪探针', '启动探针']],
    ['CONTROLLER', [
      'Node Controller', '节点控制器', 'Replication Controller', 'Endpoints Controller', 'Namespace Controller',
      'Serviceaccounts Controller', 'cloud node controller', 'Route Controller', 'Service Controller', 'Volume Controller',
      'Deployment controller', 'ReplicaSet controller', 'StatefulSet controller', 'DaemonSet controller',
      'Job controller', 'Ingress Controller',
    ]],
  ])('has the contract entities of type %s', (type, terms) => {
    for (const term of terms) expect([term, resolve(term)?.type]).toEqual([term, type]);
  });

  it('keeps workloads and their controllers apart', () => {
    expect(resolve('Deployment')?.slug).toBe('deployment');
    expect(resolve('Deployment')?.type).toBe('WORKLOAD');
    expect(resolve('Deployment 控制器')?.slug).toBe('deployment-controller');
    expect(resolve('节点控制器')?.slug).not.toBe(resolve('cloud node controller')?.slug);
    expect(o.relations).toContainEqual({ from: 'petset', type: 'REPLACED_BY', to: 'statefulset' });
  });

  it('carries typed attributes for service types, probes and controllers', () => {
    expect(bySlug.get('headless')!.attributes.allocatesClusterIP).toBe(false);
    expect(bySlug.get('externalname')!.attributes.dnsRecord).toMatch(/CNAME/);
    expect(bySlug.get('nodeport')!.attributes.builtOn).toBe('ClusterIP');
    expect(bySlug.get('liveness-probe')!.attributes.failureAction).toMatch(/restart/);
    expect(bySlug.get('readiness-probe')!.attributes.failureAction).toMatch(/endpoints/);
    expect(bySlug.get('startup-probe')!.attributes.mechanisms).toEqual(['httpGet', 'tcpSocket', 'exec', 'grpc']);
    expect(bySlug.get('cloud-route-controller')!.attributes.manager).toBe('cloud-controller-manager');
    expect(bySlug.get('endpoints-controller')!.attributes.manager).toBe('kube-controller-manager');
  });

  it('uses only known relation types and existing endpoints', () => {
    for (const r of o.relations) {
      expect(RELATION_TYPES).toContain(r.type);
      expect([r.from, bySlug.has(r.from)]).toEqual([r.from, true]);
      expect([r.to, bySlug.has(r.to)]).toEqual([r.to, true]);
    }
  });
});

describe('validateOntology', () => {
  const entity = (slug: string, name: string, aliases: string[]): OntologyEntity => ({
    slug, type: 'CONCEPT', name, aliases, description: 'a test entity', attributes: { x: 1 },
  });

  it('accepts a good ontology', () => {
    expect(() => validateOntology({ entities: [entity('a', 'A', ['alpha']), entity('b', 'B', ['beta'])], relations: [{ from: 'a', type: 'USES', to: 'b' }] })).not.toThrow();
  });

  it('rejects an alias shared by two entities (case and whitespace insensitive)', () => {
    const bad = { entities: [entity('a', 'A', ['Shared  Alias']), entity('b', 'B', ['shared alias'])], relations: [] };
    expect(() => validateOntology(bad)).toThrow(/alias "shared alias" resolves to both "a" and "b"/);
  });

  it('rejects an alias equal to another entity name, duplicate slugs, unknown types and endpoints', () => {
    expect(() => validateOntology({ entities: [entity('a', 'A', ['b']), entity('b', 'B', ['x'])], relations: [] }))
      .toThrow(/equals the name of "b"/);
    expect(() => validateOntology({ entities: [entity('a', 'A', ['x']), entity('a', 'A2', ['y'])], relations: [] }))
      .toThrow(/duplicate entity slug "a"/);
    expect(() => validateOntology({ entities: [{ ...entity('a', 'A', ['x']), type: 'NOPE' as never }], relations: [] }))
      .toThrow(/unknown type "NOPE"/);
    expect(() => validateOntology({ entities: [entity('a', 'A', ['x'])], relations: [{ from: 'a', type: 'USES', to: 'zzz' }] }))
      .toThrow(/unknown endpoint "zzz"/);
  });
});

describe('Kubernetes kinds as entities', () => {
  const finder = createMentionFinder(o);
  const builtIn = [...loadKinds().values()].filter((k) => k.builtIn);
  const entityOfKind = new Map(o.entities.filter((e) => typeof e.attributes.kind === 'string').map((e) => [e.attributes.kind as string, e]));
  const mentioned = (text: string): string[] => finder.findMentions(text).map((m) => m.entitySlug).sort();
  /** Kinds whose name is an ordinary English word; their entities are named for what they are. */
  const QUALIFIED = new Map([['Scale', 'Scale subresource'], ['Binding', 'Binding object']]);

  it('gives every built-in kind an entity with its versions, scope, short names and spec fields', () => {
    expect(builtIn.length).toBeGreaterThanOrEqual(70);
    for (const k of builtIn) {
      const e = entityOfKind.get(k.kind);
      expect([k.kind, e !== undefined]).toEqual([k.kind, true]);
      expect(e!.attributes).toMatchObject({ apiVersions: expect.arrayContaining(k.schemaApiVersions), namespaced: k.discovery.namespaced, shortNames: k.discovery.shortNames });
      expect([k.kind, resolveKind(k.apiVersions[0]!, k.kind, o)]).toEqual([k.kind, e!.slug]);
    }
    expect(bySlug.get('deployment')!.attributes).toMatchObject({
      kind: 'Deployment', apiVersion: 'apps/v1', group: 'apps', resource: 'deployments', namespaced: true, shortNames: ['deploy'],
      removedVersions: ['apps/v1beta2 (removed in 1.16)', 'apps/v1beta1 (removed in 1.16)', 'extensions/v1beta1 (removed in 1.16)'],
      'spec.replicas': 'number', 'spec.selector': 'LabelSelector, required',
    });
    expect(bySlug.get('persistent-volume')!.attributes).toMatchObject({ namespaced: false, group: 'core', apiVersion: 'v1' });
    expect(bySlug.get('component-status')!.attributes.deprecatedVersions).toEqual(['v1 (deprecated in 1.19)']);
  });

  it('keeps the curated entity of a kind (slug, type, aliases) and its control loop apart', () => {
    expect(entityOfKind.get('Deployment')).toMatchObject({ slug: 'deployment', type: 'WORKLOAD' });
    expect(entityOfKind.get('Service')).toMatchObject({ slug: 'service', type: 'NETWORKING' });
    expect(entityOfKind.get('Eviction')).toMatchObject({ slug: 'pod-eviction', type: 'SCHEDULING' });
    expect(o.relations).toContainEqual({ from: 'deployment-controller', type: 'MANAGES', to: 'deployment' });
  });

  it('finds every built-in kind by its name in text', () => {
    for (const k of builtIn) {
      const name = QUALIFIED.get(k.kind) ?? k.kind;
      expect([name, mentioned(`about ${name} objects`)]).toEqual([name, [entityOfKind.get(k.kind)!.slug]]);
    }
  });

  it('finds every kind by short name, as an attribute', () => {
    const byShortName = (short: string) => o.entities.filter((e) => Array.isArray(e.attributes.shortNames) && e.attributes.shortNames.includes(short)).map((e) => e.slug);
    const expected: Record<string, string> = {
      po: 'pod', svc: 'service', deploy: 'deployment', hpa: 'horizontal-pod-autoscaler', netpol: 'network-policy', sa: 'service-account',
      crd: 'custom-resource-definition', cm: 'configmap', ns: 'namespace', pv: 'persistent-volume', pvc: 'persistent-volume-claim',
      ds: 'daemonset', sts: 'statefulset', rs: 'replicaset', rc: 'replicationcontroller', ing: 'ingress', ep: 'endpoints', ev: 'event',
      limits: 'limit-range', quota: 'resource-quota', pdb: 'pod-disruption-budget', psp: 'pod-security-policy', sc: 'storage-class',
      csr: 'certificate-signing-request', no: 'node', cs: 'component-status', cj: 'cronjob', pc: 'priority-class', vpa: 'vertical-pod-autoscaler',
    };
    for (const [short, slug] of Object.entries(expected)) expect([short, byShortName(short)]).toEqual([short, [slug]]);
  });

  it('does not turn short names that are words or fragments into mentions', () => {
    expect(mentioned('no cs ev ing limits quota deploy sa cm ns ep po pc sc')).toEqual([]);
    expect(mentioned('kubectl get po')).toEqual(['kubectl']);
  });

  it('finds the curated kinds and concepts by their Chinese aliases', () => {
    const zh: Record<string, string> = {
      角色: 'role', 角色绑定: 'role-binding', 集群角色: 'cluster-role', 集群角色绑定: 'cluster-role-binding', 服务账号: 'service-account', 服务账户: 'service-account',
      网络策略: 'network-policy', 水平自动扩缩容: 'horizontal-pod-autoscaler', '水平 Pod 自动扩缩': 'horizontal-pod-autoscaler', 垂直自动扩缩容: 'vertical-pod-autoscaler',
      资源配额: 'resource-quota', 限制范围: 'limit-range', 自定义资源: 'custom-resource', 自定义资源定义: 'custom-resource-definition', 'Operator 模式': 'operator',
      优先级类: 'priority-class', 运行时类: 'runtime-class', 'Pod 安全准入': 'pod-security-admission', 'Pod 安全策略': 'pod-security-policy', 端点切片: 'endpoint-slice',
    };
    for (const [alias, slug] of Object.entries(zh)) expect([alias, mentioned(`我们来看${alias}的用法`)]).toEqual([alias, [slug]]);
    expect(mentioned('创建一个角色绑定，把集群角色授予服务账号')).toEqual(['cluster-role', 'role-binding', 'service-account']);
    for (const k of builtIn) {
      const e = entityOfKind.get(k.kind)!;
      for (const alias of e.aliases.filter((a) => /\p{Script=Han}/u.test(a))) expect([alias, mentioned(alias)]).toEqual([alias, [e.slug]]);
    }
  });

  it('curates the ecosystem the notes name', () => {
    for (const name of ['Helm', 'Istio', 'Calico', 'Flannel', 'Cilium', 'CNI', 'CSI', 'CRI', 'containerd', 'etcd', 'CoreDNS', 'kube-dns', 'Prometheus', 'Velero', 'Gateway API', 'Operator Framework']) {
      expect([name, mentioned(`${name} 的架构`).length]).toEqual([name, 1]);
    }
    expect(o.relations).toEqual(expect.arrayContaining([
      { from: 'role-binding', type: 'BINDS_TO', to: 'role' }, { from: 'role-binding', type: 'BINDS_TO', to: 'service-account' },
      { from: 'endpoints-controller', type: 'WATCHES', to: 'service' }, { from: 'endpoints-controller', type: 'WATCHES', to: 'pod' },
      { from: 'endpoints-controller', type: 'MANAGES', to: 'endpoints' }, { from: 'endpointslice-controller', type: 'MANAGES', to: 'endpoint-slice' },
      { from: 'horizontal-pod-autoscaler', type: 'SCALES', to: 'deployment' }, { from: 'horizontal-pod-autoscaler', type: 'SCALES', to: 'statefulset' },
      { from: 'network-policy', type: 'SELECTS', to: 'pod' }, { from: 'containerd', type: 'IMPLEMENTS', to: 'cri' }, { from: 'calico', type: 'IMPLEMENTS', to: 'cni' },
    ]));
  });

  it('names what handbook chapters are about, by phrases rather than bare words', () => {
    const about: Record<string, string> = {
      '使用 Kustomize 配置应用': 'kustomize', 'Minikube 本地集群': 'minikube', '服务网格的架构': 'service-mesh', '链路追踪的原理': 'tracing',
      '日志收集架构': 'logging', '证书轮换': 'tls-certificates', '垃圾收集': 'garbage-collection', '集群升级': 'cluster-upgrade',
      '拓扑感知路由': 'topology-aware-routing', 'client-go 中的 informer': 'client-go', 'SharedInformerFactory 详解': 'informer', 'DNS 排错': 'troubleshooting',
      'AzureDisk 挂载失败': 'azure-disk', '安装 Weave scope': 'weave-scope', '云原生应用规范模型': 'oam', '资源请求与限制': 'resource-requests-limits',
    };
    for (const [text, slug] of Object.entries(about)) expect([text, mentioned(text)]).toEqual([text, expect.arrayContaining([slug])]);
    // 服务网格 is the concept, not Istio; Weave Scope is not Weave Net; a feiskyer "边缘节点" is an ingress edge node, not edge computing.
    expect(mentioned('服务网格')).toEqual(['service-mesh']);
    expect(mentioned('安装 Weave scope')).not.toContain('weave-net');
    expect(mentioned('边缘节点配置')).toEqual(['node']);
    // Bare generic words and manifest boilerplate name nothing.
    expect(mentioned('工作负载 日志 测试 版本 镜像 量化 span metrics')).toEqual([]);
    expect(mentioned('imagePullPolicy: Always\ndnsPolicy: ClusterFirst\nschedulerName: default-scheduler')).toEqual([]);
    expect(o.relations).toEqual(expect.arrayContaining([
      { from: 'istio', type: 'IMPLEMENTS', to: 'service-mesh' }, { from: 'weave-net', type: 'IMPLEMENTS', to: 'cni' },
      { from: 'kubefed', type: 'REPLACED_BY', to: 'karmada' }, { from: 'client-go', type: 'IMPLEMENTS', to: 'informer' },
    ]));
  });
});

describe('resolveKind and provisionalEntity', () => {
  it('resolves a manifest kind within the groups it is served in', () => {
    expect(resolveKind('extensions/v1beta1', 'Ingress', o)).toBe('ingress');
    expect(resolveKind('gateway.networking.k8s.io/v1', 'Gateway', o)).toBe('gateway');
    expect(resolveKind('networking.istio.io/v1beta1', 'Gateway', o)).toBeNull(); // Istio's, not the Gateway API's
    expect(resolveKind('v1', 'PriorityClass', o)).toBe('priority-class'); // a Kubernetes kind in the wrong Kubernetes group
    expect(resolveKind('serving.knative.dev/v1', 'Service', o)).toBeNull();
    expect(resolveKind('stable.example.com/v1', 'CronTab', o)).toBeNull();
  });

  it('gives an unlisted kind a stable provisional entity that cannot clash with curated ones', () => {
    const crontab = provisionalEntity('stable.example.com/v1', 'CronTab', o);
    expect(crontab).toEqual({
      slug: 'kind-stable-example-com-crontab', type: 'EXTENSION', name: 'CronTab', aliases: ['CronTab'],
      description: expect.stringContaining('stable.example.com'),
      attributes: { kind: 'CronTab', group: 'stable.example.com', apiVersion: 'stable.example.com/v1', apiVersions: ['stable.example.com/v1'], version: 'v1', provisional: true },
    });
    expect(provisionalEntity('stable.example.com/v2', 'CronTab', o).slug).toBe(crontab.slug);
    // Knative's Service is not the Service entity: its name says its group.
    const knative = provisionalEntity('serving.knative.dev/v1', 'Service', o);
    expect(knative).toMatchObject({ slug: 'kind-serving-knative-dev-service', name: 'Service (serving.knative.dev)', aliases: ['Service (serving.knative.dev)'] });
    // Added to the ontology, both still validate: no slug, name or alias clash.
    expect(() => validateOntology({ entities: [...o.entities, crontab, knative], relations: [] })).not.toThrow();
  });
});

describe('loadOntology({ extraDir }) (ONTOLOGY_DIR)', () => {
  const dir = (files: Record<string, string>): string => {
    const path = mkdtempSync(join(tmpdir(), 'ontology-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
    return path;
  };
  const istio = [
    'type: EXTENSION',
    'entities:',
    '  - slug: virtual-service',
    '    name: VirtualService',
    '    aliases: [Virtual Service, 虚拟服务]',
    '    description: Istio routing rules for traffic to a host.',
    '    attributes: { kind: VirtualService, apiVersions: [networking.istio.io/v1, networking.istio.io/v1beta1] }',
    'relations:',
    '  - { from: virtual-service, type: ROUTES_TO, to: service }',
    '',
  ].join('\n');

  it('adds the folder\'s entities and relations to the built-in ones, kinds included', () => {
    const merged = loadOntology({ extraDir: dir({ 'istio.yaml': istio }) });
    expect(merged.entities.length).toBe(o.entities.length + 1);
    expect(merged.relations).toContainEqual({ from: 'virtual-service', type: 'ROUTES_TO', to: 'service' });
    expect(resolveKind('networking.istio.io/v1alpha3', 'VirtualService', merged)).toBe('virtual-service');
    expect(createMentionFinder(merged).findMentions('虚拟服务').map((m) => m.entitySlug)).toEqual(['virtual-service']);
    expect(loadOntology()).toBe(o); // the built-in ontology is untouched
  });

  it('rejects a slug or an alias that clashes with the built-in ontology, naming the file', () => {
    const slugClash = dir({ 'mine.yaml': istio.replace('slug: virtual-service', 'slug: deployment').replace('from: virtual-service', 'from: deployment') });
    expect(() => loadOntology({ extraDir: slugClash })).toThrow(new RegExp(`${join(slugClash, 'mine.yaml')}: entity "deployment" is already defined in the built-in ontology`));
    const aliasClash = dir({ 'mine.yaml': istio.replace('[Virtual Service, 虚拟服务]', '[Virtual Service, 网络策略]') });
    expect(() => loadOntology({ extraDir: aliasClash })).toThrow(/alias "网络策略" resolves to both "network-policy" and "virtual-service" \(.*mine\.yaml\)/);
    const notOntology = dir({ 'notes.yaml': 'title: not an ontology\n' });
    expect(() => loadOntology({ extraDir: notOntology })).toThrow(/notes\.yaml: expected an "entities" or a "relations" list/);
  });
});
