/**
 * The mechanical migrations `kubectl convert` did, applied to the YAML document itself so that
 * comments and key order survive: a removed or deprecated apiVersion is rewritten to its
 * replacement, with the field changes each migration needs —
 * - Ingress extensions/v1beta1, networking.k8s.io/v1beta1 → networking.k8s.io/v1: backend
 *   serviceName/servicePort → service.name + port.number|name, spec.backend → spec.defaultBackend,
 *   pathType: ImplementationSpecific on each path (the undefined v1beta1 behaviour);
 * - Deployment, DaemonSet, ReplicaSet, StatefulSet extensions/v1beta1, apps/v1beta1, apps/v1beta2
 *   → apps/v1: the now required spec.selector from the template's labels, and the fields apps/v1
 *   dropped (rollbackTo, templateGeneration) removed;
 * - HorizontalPodAutoscaler autoscaling/v2beta1 → autoscaling/v2: metric targets
 *   (targetAverageUtilization → target {type: Utilization, averageUtilization}, ...);
 * - every other row of the table whose objects keep their shape (CronJob batch/v1beta1,
 *   PodDisruptionBudget policy/v1beta1, HPA v2beta2, RBAC v1beta1...): the apiVersion alone.
 * The caller validates the result and offers it only when it has no finding.
 */
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

type Plain = Record<string, unknown>;

function pairOf(map: unknown, key: string): Pair<Node, Node> | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Node, Node> | undefined;
}

function renameKey(map: unknown, from: string, to: string): void {
  const pair = pairOf(map, from);
  if (pair && isScalar(pair.key)) pair.key.value = to;
}

/** Inserts key: value after `afterKey` (or at the end), unless the key is there already. */
function insertAfter(doc: Document, map: YAMLMap, afterKey: string | null, key: string, value: unknown): void {
  if (pairOf(map, key)) return;
  const pair = doc.createPair(key, value);
  const at = afterKey ? map.items.findIndex((p) => isScalar(p.key) && p.key.value === afterKey) : -1;
  if (at < 0) map.items.push(pair);
  else map.items.splice(at + 1, 0, pair);
}

/** backend.serviceName/servicePort → backend.service {name, port: {number|name}}, in place. */
function convertIngressBackend(doc: Document, backend: unknown): void {
  if (!isMap(backend)) return;
  const name = pairOf(backend, 'serviceName');
  const port = pairOf(backend, 'servicePort');
  if (!name && !port) return;
  const service: Plain = {};
  if (name) service.name = name.value && isScalar(name.value) ? name.value.value : null;
  if (port) {
    const value = port.value && isScalar(port.value) ? port.value.value : null;
    const numeric = typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
    service.port = numeric ? { number: Number(value) } : { name: value };
  }
  const at = backend.items.findIndex((p) => p === name || p === port);
  backend.items = backend.items.filter((p) => p !== name && p !== port);
  backend.items.splice(at, 0, doc.createPair('service', service));
}

function convertIngress(doc: Document): void {
  const spec = doc.get('spec', true);
  if (!isMap(spec)) return;
  renameKey(spec, 'backend', 'defaultBackend');
  convertIngressBackend(doc, spec.get('defaultBackend', true));
  const rules = spec.get('rules', true);
  for (const rule of isSeq(rules) ? rules.items : []) {
    const paths = isMap(rule) ? (rule.getIn(['http', 'paths'], true) as unknown) : null;
    for (const path of isSeq(paths) ? paths.items : []) {
      if (!isMap(path)) continue;
      insertAfter(doc, path, pairOf(path, 'path') ? 'path' : null, 'pathType', 'ImplementationSpecific');
      convertIngressBackend(doc, path.get('backend', true));
    }
  }
}

/** Fields of the beta workload APIs that apps/v1 no longer has. */
const DROPPED_WORKLOAD_FIELDS = ['rollbackTo', 'templateGeneration'];

function convertWorkload(doc: Document): void {
  const spec = doc.get('spec', true);
  if (!isMap(spec)) return;
  for (const field of DROPPED_WORKLOAD_FIELDS) spec.delete(field);
  if (pairOf(spec, 'selector')) return;
  const labels = doc.getIn(['spec', 'template', 'metadata', 'labels']) as unknown;
  const plain = isMap(labels) ? labels.toJSON() : labels;
  if (!plain || typeof plain !== 'object' || Object.keys(plain).length === 0) return; // nothing to select by
  const before = spec.items.findIndex((p) => isScalar(p.key) && p.key.value === 'template');
  const pair = doc.createPair('selector', { matchLabels: plain });
  if (before < 0) spec.items.push(pair);
  else spec.items.splice(before, 0, pair);
}

/** One autoscaling/v2beta1 metric source as autoscaling/v2 writes it. */
function v2Metric(metric: Plain): Plain {
  const target = (value: unknown, average: unknown, utilization?: unknown): Plain =>
    utilization !== undefined ? { type: 'Utilization', averageUtilization: utilization }
      : average !== undefined ? { type: 'AverageValue', averageValue: average }
        : { type: 'Value', value };
  const identifier = (name: unknown, selector: unknown): Plain => (selector === undefined ? { name } : { name, selector });
  const type = metric.type;
  const source = (metric[lowerFirst(String(type))] ?? {}) as Plain;
  let converted: Plain;
  switch (type) {
    case 'Resource':
    case 'ContainerResource':
      converted = {
        name: source.name, ...(source.container !== undefined ? { container: source.container } : {}),
        target: target(undefined, source.targetAverageValue, source.targetAverageUtilization),
      };
      break;
    case 'Pods':
      converted = { metric: identifier(source.metricName, source.selector), target: target(undefined, source.targetAverageValue) };
      break;
    case 'Object':
      converted = {
        describedObject: source.target, metric: identifier(source.metricName, source.selector),
        target: target(source.targetValue, source.averageValue),
      };
      break;
    case 'External':
      converted = { metric: identifier(source.metricName, source.metricSelector), target: target(source.targetValue, source.targetAverageValue) };
      break;
    default:
      return metric;
  }
  return { type, [lowerFirst(String(type))]: converted };
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function convertHpaMetrics(doc: Document): void {
  const metrics = doc.getIn(['spec', 'metrics'], true);
  if (!isSeq(metrics)) return;
  metrics.items = metrics.items.map((item) => (isMap(item) ? doc.createNode(v2Metric(item.toJSON() as Plain)) : item));
}

type Converter = (doc: Document) => void;

const WORKLOAD_SOURCES = ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'];

/** Field changes per (apiVersion, kind); a pair not listed only changes its apiVersion. */
function fieldConverter(apiVersion: string, kind: string): Converter | null {
  if (kind === 'Ingress' && (apiVersion === 'extensions/v1beta1' || apiVersion === 'networking.k8s.io/v1beta1')) return convertIngress;
  if (['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet'].includes(kind) && WORKLOAD_SOURCES.includes(apiVersion)) return convertWorkload;
  if (kind === 'HorizontalPodAutoscaler' && apiVersion === 'autoscaling/v2beta1') return convertHpaMetrics;
  return null;
}

/**
 * A copy of `doc` moved to `replacement`, with the field changes its migration needs, as YAML
 * text (comments and key order kept where the migration leaves them).
 */
export function convertDocument(doc: Document, apiVersion: string, kind: string, replacement: string): string {
  const copy = doc.clone();
  copy.set('apiVersion', replacement);
  fieldConverter(apiVersion, kind)?.(copy);
  return copy.toString().replace(/^---\n/, '');
}
