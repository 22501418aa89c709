import { describe, it, expect } from '@jest/globals';
import { loadOntology, normaliseAlias, validateOntology } from '../seed/ontology/load.js';
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
