import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { checkManifests } from '../seed/manifests/index.js';
import { checkManifest, loadApiRemovals } from '../seed/parser/manifests.js';

// Kubernetes objects are plain parsed YAML, checked field by field below.
type K8sObject = Record<string, any> & { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

const dir = new URL('../deploy/k8s/', import.meta.url).pathname;
const files = readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();

function parseManifests(text: string, file: string): K8sObject[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]!.message}`);
    return doc.toJS() as K8sObject;
  });
}

/** "apiVersion kind in file: removed in X, use Y" for each object whose API our removal table lists. */
function removedApis(objects: { file: string; object: K8sObject }[]): string[] {
  const removals = loadApiRemovals();
  return objects.flatMap(({ file, object }) => {
    const deprecated = checkManifest(object.apiVersion, object.kind, removals);
    return deprecated ? [`${object.apiVersion} ${object.kind} in ${file}: removed in ${deprecated.removedIn}, use ${deprecated.replacement}`] : [];
  });
}

const all = files.flatMap((file) => parseManifests(readFileSync(join(dir, file), 'utf8'), file).map((object) => ({ file, object })));
const one = (kind: string): K8sObject => {
  const found = all.filter(({ object }) => object.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!.object;
};
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

describe('deploy/k8s manifests', () => {
  it('parse, each with apiVersion, kind and name, and kustomization.yaml lists every one', () => {
    expect(files).toEqual(['configmap.yaml', 'deployment.yaml', 'hpa.yaml', 'kustomization.yaml', 'pdb.yaml', 'secret.yaml', 'service.yaml']);
    for (const { object } of all.filter(({ object }) => object.kind !== 'Kustomization')) {
      expect(typeof object.apiVersion).toBe('string');
      expect(typeof object.metadata?.name).toBe('string');
      expect(object.metadata.namespace).toBeUndefined(); // namespace-less: chosen at apply time
    }
    expect([...one('Kustomization').resources].sort()).toEqual(files.filter((f) => f !== 'kustomization.yaml'));
  });

  it('use no API our removal table lists (seed/ontology/api-removals.yaml)', () => {
    expect(removedApis(all)).toEqual([]);
  });

  it('the same check flags a policy/v1beta1 PodDisruptionBudget (the check is real)', () => {
    const old = readFileSync(join(dir, 'pdb.yaml'), 'utf8').replace('apiVersion: policy/v1\n', 'apiVersion: policy/v1beta1\n');
    expect(removedApis(parseManifests(old, 'old-pdb.yaml').map((object) => ({ file: 'old-pdb.yaml', object })))).toEqual([
      'policy/v1beta1 PodDisruptionBudget in old-pdb.yaml: removed in 1.25, use policy/v1',
    ]);
  });

  it('pass the manifest check (schema, strict unknown fields, API status) with no finding, each linked to its kind', async () => {
    for (const file of files) {
      const { documents } = await checkManifests(readFileSync(join(dir, file), 'utf8'));
      expect(documents.map((d) => [file, d.kind, d.status, d.findings])).toEqual(documents.map((d) => [file, d.kind, 'ok', []]));
      for (const d of documents.filter((doc) => doc.kind !== 'Kustomization')) expect([file, d.entity]).toEqual([file, expect.any(String)]);
    }
  });

  it('the same check reports a misspelt field of deployment.yaml at its line (the check is real)', async () => {
    const text = readFileSync(join(dir, 'deployment.yaml'), 'utf8');
    const typo = text.replace('readOnlyRootFilesystem:', 'readOnlyRootFileSystem:');
    expect(typo).not.toBe(text);
    const [document] = (await checkManifests(typo)).documents;
    expect(document!.status).toBe('invalid');
    expect(document!.findings).toEqual([expect.objectContaining({
      rule: 'unknown-field', line: typo.split('\n').findIndex((l) => l.includes('readOnlyRootFileSystem')) + 1,
      path: expect.stringMatching(/\/securityContext\/readOnlyRootFileSystem$/),
    })]);
  });

  it('probe the health endpoints on the container port', () => {
    const deployment = one('Deployment');
    const [container] = deployment.spec.template.spec.containers;
    const portNames = container.ports.map((p: { name: string }) => p.name);
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(['/health/live', '/health/ready']).toContain(container.startupProbe.httpGet.path);
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) expect(portNames).toContain(container[probe].httpGet.port);
  });

  it('select the Deployment\'s pods from the Deployment, Service and PDB, and scale the Deployment with the HPA', () => {
    const deployment = one('Deployment');
    const podLabels = deployment.spec.template.metadata.labels;
    expect(matches(deployment.spec.selector.matchLabels, podLabels)).toBe(true);
    expect(matches(one('PodDisruptionBudget').spec.selector.matchLabels, podLabels)).toBe(true);
    const service = one('Service');
    expect(matches(service.spec.selector, podLabels)).toBe(true);
    expect(deployment.spec.template.spec.containers[0].ports.map((p: { name: string }) => p.name)).toContain(service.spec.ports[0].targetPort);
    const hpa = one('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: deployment.apiVersion, kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.spec.minReplicas).toBeGreaterThan(one('PodDisruptionBudget').spec.minAvailable);
  });

  it('run non-root on a read-only root filesystem with /data on an emptyDir, with resources and a drain window', () => {
    const pod = one('Deployment').spec.template.spec;
    const [container] = pod.containers;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    const data = container.volumeMounts.find((m: { mountPath: string }) => m.mountPath === '/data');
    expect(pod.volumes.find((v: { name: string }) => v.name === data.name).emptyDir).toBeDefined();
    expect(one('ConfigMap').data.DATA_DIR).toBe('/data');
    for (const kind of ['requests', 'limits']) expect(Object.keys(container.resources[kind]).sort()).toEqual(['cpu', 'memory']);
    const preStopSleep = Number(container.lifecycle.preStop.exec.command.at(-1));
    // The shutdown test holds the service to exiting within 5 s of SIGTERM; the grace period must cover sleep + that.
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(preStopSleep + 5);
  });

  it('take their environment from the ConfigMap and Secret, whose values the service accepts', () => {
    const container = one('Deployment').spec.template.spec.containers[0];
    const configMap = one('ConfigMap');
    const secret = one('Secret');
    expect(container.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }, { secretRef: { name: secret.metadata.name } }]);
    const config = loadConfig({ ...configMap.data, ...secret.stringData });
    expect(config).toMatchObject({ host: '0.0.0.0', port: container.ports[0].containerPort, dataDir: '/data' });
  });

  it('render with kustomize where kubectl is installed', () => {
    const kubectl = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
    if (kubectl.error) {
      console.warn('kubectl not installed: kustomize rendering not checked');
      return;
    }
    expect(kubectl.stderr).toBe('');
    expect(kubectl.status).toBe(0);
    const kinds = parseManifests(kubectl.stdout, 'kustomize output').map((o) => o.kind).sort();
    expect(kinds).toEqual(['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Secret', 'Service']);
  });
});

describe('deploy/k8s/redis (optional component: REDIS_URL for a rate limit shared by every pod)', () => {
  const component = parseManifests(readFileSync(join(dir, 'redis', 'kustomization.yaml'), 'utf8'), 'redis/kustomization.yaml')[0]!;
  const objects = parseManifests(readFileSync(join(dir, 'redis', 'redis.yaml'), 'utf8'), 'redis/redis.yaml');
  const ofKind = (kind: string) => objects.find((object) => object.kind === kind)!;

  it('is a kustomize Component that the main kustomization offers, commented out', () => {
    expect(component).toMatchObject({ apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component', resources: ['redis.yaml'] });
    expect(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')).toMatch(/^# components:\n#   - redis$/m);
    expect(objects.map((object) => object.kind).sort()).toEqual(['Deployment', 'Service']);
    expect(removedApis(objects.map((object) => ({ file: 'redis/redis.yaml', object })))).toEqual([]);
  });

  it("points the API ConfigMap's REDIS_URL at its Service, a value the service accepts", () => {
    const [patch] = component.patches;
    expect(patch.target).toEqual({ kind: 'ConfigMap', name: one('ConfigMap').metadata.name });
    const [operation] = parseManifests(patch.patch, 'redis patch')[0] as unknown as { op: string; path: string; value: string }[];
    expect(operation).toMatchObject({ op: 'add', path: '/data/REDIS_URL' });
    const url = new URL(operation!.value);
    const service = ofKind('Service');
    expect([url.hostname, Number(url.port)]).toEqual([service.metadata.name, service.spec.ports[0].port]);
    expect(loadConfig({ ...one('ConfigMap').data, REDIS_URL: operation!.value }).redisUrl).toBe(operation!.value);
  });

  it('runs Redis non-root on a read-only root filesystem, with probes and resources, behind its Service', () => {
    const deployment = ofKind('Deployment');
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(container.readinessProbe).toBeDefined();
    expect(container.livenessProbe).toBeDefined();
    for (const kind of ['requests', 'limits']) expect(Object.keys(container.resources[kind]).sort()).toEqual(['cpu', 'memory']);
    expect(container.args).toEqual(expect.arrayContaining(['--save', '', '--appendonly', 'no']));
    expect(matches(ofKind('Service').spec.selector, deployment.spec.template.metadata.labels)).toBe(true);
    // The API's Service must not pick up the Redis pod, nor Redis's the API pods.
    expect(matches(one('Service').spec.selector, deployment.spec.template.metadata.labels)).toBe(false);
    expect(matches(ofKind('Service').spec.selector, one('Deployment').spec.template.metadata.labels)).toBe(false);
  });
});
