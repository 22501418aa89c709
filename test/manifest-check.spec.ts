import { describe, expect, it } from '@jest/globals';
import {
  checkManifests, KubernetesVersionError, MAX_MANIFEST_CHARS, ManifestTooLargeError, ManifestYamlError,
  type CheckedManifest,
} from '../seed/manifests/index.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const one = async (yaml: string, options = {}): Promise<CheckedManifest> => {
  const { documents } = await checkManifests(yaml, options);
  expect(documents).toHaveLength(1);
  return documents[0]!;
};
/** 1-based line of the first line containing `text`. */
const lineOfText = (yaml: string, text: string): number => yaml.split('\n').findIndex((l) => l.includes(text)) + 1;

const deployment = (containerExtra: string[] = [], replicas = '3') => lines(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  `  replicas: ${replicas}`,
  '  selector:',
  '    matchLabels: { app: web }',
  '  template:',
  '    metadata:',
  '      labels: { app: web }',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: nginx:1.27',
  ...containerExtra,
  '          ports:',
  '            - containerPort: 8080',
  '              name: http',
  '          resources:',
  '            requests: { cpu: 100m, memory: 128Mi }',
  '            limits: { cpu: 1, memory: 1Gi }',
);

const oldIngress = lines(
  '# the handbook example',
  'apiVersion: extensions/v1beta1',
  'kind: Ingress',
  'metadata:',
  '  name: web',
  'spec:',
  '  backend:',
  '    serviceName: fallback',
  '    servicePort: 80',
  '  rules:',
  '    - host: example.com',
  '      http:',
  '        paths:',
  '          - path: /api # the API',
  '            backend:',
  '              serviceName: api',
  '              servicePort: http',
);

describe('checkManifests: schema', () => {
  it('passes a valid Deployment, linked to its entity', async () => {
    const m = await one(deployment(['          imagePullPolicy: Always']));
    expect(m).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', line: 1, status: 'ok', findings: [], entity: 'deployment' });
  });

  it('reports replicas: "3" as a wrong type at its line', async () => {
    const yaml = deployment([], '"3"');
    const m = await one(yaml);
    expect(m.status).toBe('invalid');
    expect(m.findings).toEqual([{
      severity: 'error', rule: 'schema', path: '/spec/replicas', line: lineOfText(yaml, 'replicas'),
      message: 'must be integer, got string "3"',
    }]);
  });

  it('reports a missing required field at the line of the object that lacks it', async () => {
    const yaml = deployment().replace('  selector:\n    matchLabels: { app: web }\n', '');
    const m = await one(yaml);
    expect(m.findings).toEqual([expect.objectContaining({ rule: 'schema', path: '/spec/selector', line: lineOfText(yaml, 'spec:'), message: 'missing required field "selector"' })]);
  });

  it('accepts int-or-string ports and quantities given as numbers or strings, and rejects a boolean port', async () => {
    const service = (port: string) => lines('apiVersion: v1', 'kind: Service', 'metadata: { name: web }', 'spec:', '  selector: { app: web }', '  ports:', `    - port: 80`, `      targetPort: ${port}`);
    expect((await one(service('http'))).findings).toEqual([]);
    expect((await one(service('8080'))).findings).toEqual([]);
    const bad = await one(service('true'));
    expect(bad.findings).toEqual([expect.objectContaining({ rule: 'schema', path: '/spec/ports/0/targetPort', line: 8 })]);
    expect(bad.findings[0]!.message).toMatch(/integer|string/);
  });

  it('says a kind is case-sensitive, and still links the manifest to its entity', async () => {
    const m = await one(lines('apiVersion: v1', 'kind: configmap', 'metadata: { name: x }'));
    expect(m.findings).toEqual([expect.objectContaining({ rule: 'schema', path: '/kind', line: 2, message: 'kind is case-sensitive: "ConfigMap", not "configmap"' })]);
    expect(m.entity).toBe('configmap');
  });

  it('reports an apiVersion that does not serve a built-in kind', async () => {
    const m = await one(lines('apiVersion: batch/v2alpha1', 'kind: CronJob', 'metadata: { name: x }'));
    expect(m.status).toBe('invalid');
    expect(m.findings[0]).toMatchObject({ rule: 'schema', path: '/apiVersion', line: 1 });
    expect(m.entity).toBe('cronjob');
  });
});

describe('checkManifests: unknown fields (strict)', () => {
  it('reports the imagePullPolcy typo at its exact line, and nothing for the correct spelling', async () => {
    const yaml = deployment(['          imagePullPolcy: Always']);
    const m = await one(yaml);
    expect(m.status).toBe('invalid');
    expect(m.findings).toEqual([{
      severity: 'error', rule: 'unknown-field', path: '/spec/template/spec/containers/0/imagePullPolcy',
      line: lineOfText(yaml, 'imagePullPolcy'), message: 'unknown field "imagePullPolcy"',
    }]);
  });

  it('reports unknown fields at the top level and in metadata, but not map keys (labels, limits)', async () => {
    const yaml = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: x', '  labels: { anything: goes }', '  lables: { app: x }', 'data: { key: value }', 'extra: 1');
    const m = await one(yaml);
    expect(m.findings.map((f) => [f.path, f.line])).toEqual([['/metadata/lables', 6], ['/extra', 8]]);
  });

  it('judges nothing inside free-form objects: a CRD schema with x-kubernetes-* fields, descriptions and defaults', async () => {
    const crd = lines(
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'metadata: { name: crontabs.stable.example.com }',
      'spec:',
      '  group: stable.example.com',
      '  scope: Namespaced',
      '  names: { plural: crontabs, singular: crontab, kind: CronTab, shortNames: [ct] }',
      '  versions:',
      '    - name: v1',
      '      served: true',
      '      storage: true',
      '      schema:',
      '        openAPIV3Schema:',
      '          type: object',
      '          description: A cron tab',
      '          properties:',
      '            spec:',
      '              type: object',
      '              x-kubernetes-preserve-unknown-fields: true',
      '              default: { cronSpec: "* * * * */5", nested: { anything: 1 } }',
    );
    const m = await one(crd);
    expect(m).toMatchObject({ status: 'ok', findings: [], entity: 'custom-resource-definition' });
  });

  it('does not ask embedded objects for apiVersion and kind (a StatefulSet volumeClaimTemplate)', async () => {
    const sts = lines(
      'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: { name: db }', 'spec:', '  serviceName: db',
      '  selector: { matchLabels: { app: db } }',
      '  template: { metadata: { labels: { app: db } }, spec: { containers: [{ name: db, image: postgres }] } }',
      '  volumeClaimTemplates:', '    - metadata: { name: data }',
      '      spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }',
    );
    expect((await one(sts)).findings).toEqual([]);
  });

  it('checks a custom resource only for its API status: no schema, no entity', async () => {
    const m = await one(lines('apiVersion: stable.example.com/v1', 'kind: CronTab', 'metadata: { name: x }', 'spec: { anyField: 1 }'));
    expect(m).toMatchObject({ status: 'ok', findings: [], entity: null });
  });
});

describe('checkManifests: removed and deprecated APIs', () => {
  it('reports a removed Ingress with its replacement, and converts it to networking.k8s.io/v1 keeping comments', async () => {
    const m = await one(oldIngress);
    expect(m.status).toBe('removed');
    expect(m.entity).toBe('ingress');
    expect(m.deprecation).toMatchObject({ replacement: 'networking.k8s.io/v1', deprecatedIn: '1.14', removedIn: '1.22' });
    expect(m.findings).toEqual([expect.objectContaining({ severity: 'error', rule: 'removed-api', path: '/apiVersion', line: 2 })]);
    expect(m.converted).toContain('apiVersion: networking.k8s.io/v1');
    expect(m.converted).toContain('# the handbook example');
    expect(m.converted).toContain('# the API');
    const converted = await one(m.converted!);
    expect(converted).toMatchObject({ apiVersion: 'networking.k8s.io/v1', status: 'ok', findings: [] });
    const { parse } = await import('yaml');
    expect(parse(m.converted!).spec).toEqual({
      defaultBackend: { service: { name: 'fallback', port: { number: 80 } } },
      rules: [{ host: 'example.com', http: { paths: [{ path: '/api', pathType: 'ImplementationSpecific', backend: { service: { name: 'api', port: { name: 'http' } } } }] } }],
    });
  });

  it('passes the same Ingress on networking.k8s.io/v1', async () => {
    const m = await one((await one(oldIngress)).converted!);
    expect(m.status).toBe('ok');
    expect(m.deprecation).toBeUndefined();
  });

  it('judges a deprecation relative to the Kubernetes version asked about', async () => {
    const hpa = lines('apiVersion: autoscaling/v2beta2', 'kind: HorizontalPodAutoscaler', 'metadata: { name: web }', 'spec:',
      '  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }', '  minReplicas: 1', '  maxReplicas: 3');
    expect((await one(hpa, { kubernetesVersion: '1.22' })).status).toBe('ok');
    const deprecated = await one(hpa, { kubernetesVersion: '1.23' });
    expect(deprecated.status).toBe('deprecated');
    expect(deprecated.findings).toEqual([expect.objectContaining({ severity: 'warning', rule: 'deprecated-api', line: 1 })]);
    expect(deprecated.converted).toContain('apiVersion: autoscaling/v2');
    expect((await one(hpa, { kubernetesVersion: '1.26' })).status).toBe('removed');
    expect((await one(hpa)).status).toBe('removed'); // default: the newest version the table knows
  });

  it('gives a converted manifest that validates with no finding, for every mechanical migration', async () => {
    const template = 'template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: nginx }] } }';
    const cases = [
      oldIngress,
      oldIngress.replace('extensions/v1beta1', 'networking.k8s.io/v1beta1'),
      lines('apiVersion: extensions/v1beta1', 'kind: Deployment', 'metadata: { name: web }', 'spec:', '  replicas: 2', '  rollbackTo: { revision: 1 }', `  ${template}`),
      lines('apiVersion: apps/v1beta1', 'kind: Deployment', 'metadata: { name: web }', 'spec:', `  ${template}`),
      lines('apiVersion: extensions/v1beta1', 'kind: DaemonSet', 'metadata: { name: web }', 'spec:', '  templateGeneration: 2', `  ${template}`),
      lines('apiVersion: apps/v1beta2', 'kind: DaemonSet', 'metadata: { name: web }', 'spec:', '  selector: { matchLabels: { app: web } }', `  ${template}`),
      lines('apiVersion: extensions/v1beta1', 'kind: ReplicaSet', 'metadata: { name: web }', 'spec:', `  ${template}`),
      lines('apiVersion: apps/v1beta1', 'kind: StatefulSet', 'metadata: { name: web }', 'spec:', '  serviceName: web', `  ${template}`),
      lines('apiVersion: batch/v1beta1', 'kind: CronJob', 'metadata: { name: tick }', 'spec:', '  schedule: "*/5 * * * *"',
        '  jobTemplate: { spec: { template: { spec: { restartPolicy: OnFailure, containers: [{ name: t, image: busybox }] } } } }'),
      lines('apiVersion: policy/v1beta1', 'kind: PodDisruptionBudget', 'metadata: { name: web }', 'spec: { minAvailable: 1, selector: { matchLabels: { app: web } } }'),
      lines('apiVersion: rbac.authorization.k8s.io/v1beta1', 'kind: RoleBinding', 'metadata: { name: read }',
        'roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }', 'subjects: [{ kind: ServiceAccount, name: app }]'),
      lines('apiVersion: autoscaling/v2beta1', 'kind: HorizontalPodAutoscaler', 'metadata: { name: web }', 'spec:',
        '  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }', '  maxReplicas: 10', '  metrics:',
        '    - type: Resource', '      resource: { name: cpu, targetAverageUtilization: 60 }',
        '    - type: Resource', '      resource: { name: memory, targetAverageValue: 500Mi }',
        '    - type: Pods', '      pods: { metricName: qps, targetAverageValue: 1k }',
        '    - type: Object', '      object: { target: { apiVersion: networking.k8s.io/v1, kind: Ingress, name: main }, metricName: requests, targetValue: 10k }',
        '    - type: External', '      external: { metricName: queue_depth, metricSelector: { matchLabels: { queue: jobs } }, targetAverageValue: 30 }'),
    ];
    for (const yaml of cases) {
      const m = await one(yaml);
      expect([m.kind, m.apiVersion, m.status, m.findings.filter((f) => f.rule !== 'removed-api')]).toEqual([m.kind, m.apiVersion, 'removed', []]);
      expect([m.kind, m.apiVersion, typeof m.converted]).toEqual([m.kind, m.apiVersion, 'string']);
      const converted = await one(m.converted!);
      expect([m.kind, m.apiVersion, converted.status, converted.findings]).toEqual([m.kind, m.apiVersion, 'ok', []]);
    }
  });

  it('converts HPA v2beta1 metric targets to autoscaling/v2 targets', async () => {
    const { parse } = await import('yaml');
    const m = await one(lines('apiVersion: autoscaling/v2beta1', 'kind: HorizontalPodAutoscaler', 'metadata: { name: web }', 'spec:',
      '  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }', '  maxReplicas: 10', '  metrics:',
      '    - type: Resource', '      resource: { name: cpu, targetAverageUtilization: 60 }',
      '    - type: Pods', '      pods: { metricName: qps, targetAverageValue: 1k }'));
    expect(parse(m.converted!).spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
      { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } },
    ]);
  });

  it('offers no conversion where none is mechanical (PodSecurityPolicy has no replacement)', async () => {
    const m = await one(lines('apiVersion: policy/v1beta1', 'kind: PodSecurityPolicy', 'metadata: { name: restricted }', 'spec:',
      '  privileged: false', '  seLinux: { rule: RunAsAny }', '  runAsUser: { rule: MustRunAsNonRoot }',
      '  supplementalGroups: { rule: RunAsAny }', '  fsGroup: { rule: RunAsAny }', '  volumes: ["*"]'));
    expect(m).toMatchObject({ status: 'removed', entity: 'pod-security-policy', deprecation: { replacement: 'none', removedIn: '1.25' } });
    expect(m.converted).toBeUndefined();
  });
});

describe('checkManifests: input', () => {
  it('checks every document of a multi-document YAML, with lines right in the second one', async () => {
    const yaml = `${deployment()}---\n# second\n${deployment(['          imagePullPolcy: Always'])}`;
    const { documents } = await checkManifests(yaml);
    expect(documents.map((d) => d.status)).toEqual(['ok', 'invalid']);
    const secondStart = lineOfText(yaml, '# second') + 1;
    expect(documents[1]!.line).toBe(secondStart);
    expect(documents[1]!.findings[0]!.line).toBe(yaml.split('\n').lastIndexOf('          imagePullPolcy: Always') + 1);
  });

  it('adds lineOffset to every line', async () => {
    const yaml = deployment(['          imagePullPolcy: Always']);
    const m = await one(yaml, { lineOffset: 100 });
    expect(m.line).toBe(101);
    expect(m.findings[0]!.line).toBe(100 + lineOfText(yaml, 'imagePullPolcy'));
  });

  it('throws a ManifestYamlError naming the line when the YAML does not parse', async () => {
    const yaml = lines('apiVersion: v1', 'kind: ConfigMap', 'data:', '  a: [1, 2', 'b: c');
    const error = await checkManifests(yaml).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestYamlError);
    expect((error as ManifestYamlError).line).toBe(5);
    expect((error as ManifestYamlError).message).toMatch(/line 5/);
  });

  it('reports a duplicate key as a yaml finding of its document', async () => {
    const m = await one(lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: x }', 'data: { a: "1" }', 'data: { b: "2" }'));
    expect(m.status).toBe('invalid');
    expect(m.findings).toEqual([expect.objectContaining({ rule: 'yaml', severity: 'error', line: 5 })]);
  });

  it('skips documents that are not Kubernetes objects, and reports one that has only a kind', async () => {
    const { documents } = await checkManifests(lines('replicaCount: 3', 'image: { tag: latest }', '---', '# only a comment', '---', 'kind: Pod', 'metadata: { name: x }'));
    expect(documents).toEqual([expect.objectContaining({ kind: 'Pod', status: 'invalid', line: 6, findings: [expect.objectContaining({ path: '/apiVersion', message: 'missing required field "apiVersion"' })] })]);
  });

  it('lists a kubeconfig unjudged, with a note', async () => {
    const m = await one(lines('apiVersion: v1', 'kind: Config', 'clusters: []', 'contexts: []'));
    expect(m).toMatchObject({ status: 'ok', entity: null, findings: [expect.objectContaining({ severity: 'info' })] });
  });

  it('refuses input over the size limit and a malformed Kubernetes version', async () => {
    await expect(checkManifests('#'.repeat(MAX_MANIFEST_CHARS + 1))).rejects.toBeInstanceOf(ManifestTooLargeError);
    await expect(checkManifests(deployment(), { kubernetesVersion: 'latest' })).rejects.toBeInstanceOf(KubernetesVersionError);
  });
});
