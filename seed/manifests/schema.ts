/**
 * Schema validation of one Kubernetes object against its apiVersion/kind's OpenAPI schema, as
 * kubernetes-models compiles it, made strict like `kubeconform -strict`.
 *
 * kubernetes-models ships compiled (AJV) validators, not the schemas, and they accept unknown
 * fields. To find those without a second copy of the schemas, the object is validated through a
 * Proxy that records which keys the validator reads at each path: a compiled validator reads
 * every property its schema declares (to check it), and enumerates the keys of a map
 * (additionalProperties: labels, resources.limits). So at each object it visited, a key it never
 * read is a field the schema does not declare. An object it read nothing from and did not
 * enumerate is free-form (x-kubernetes-preserve-unknown-fields, RawExtension, a CRD's `default`):
 * nothing under it is judged.
 */
import { findApiRow } from '../ontology/api-removals.js';
import { loadKinds, parseApiVersion, unvalidatedFields } from '../ontology/kinds.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface SchemaProblem {
  /** JSON pointer of the offending value (for a missing field: the field it should have). */
  path: string;
  /** Whether the finding is about the key (an unknown or missing field) rather than the value. */
  atKey: boolean;
  message: string;
  rule: 'schema' | 'unknown-field';
}

interface AjvError { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string }
type ValidateMethod = (this: unknown) => void;

const validators = new Map<string, Promise<ValidateMethod | null>>();

/** The kubernetes-models module of a built-in apiVersion/kind, or null when it ships no schema for it. */
function modulePath(apiVersion: string, kind: string): string | null {
  const info = loadKinds().get(kind);
  if (!info?.schemaApiVersions.includes(apiVersion)) return null;
  const { group, version } = parseApiVersion(apiVersion);
  return `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`;
}

/** The model's validate method, imported on first use (ES modules only load asynchronously). */
export function loadValidator(apiVersion: string, kind: string): Promise<ValidateMethod | null> {
  const key = `${apiVersion} ${kind}`;
  let pending = validators.get(key);
  if (!pending) {
    const path = modulePath(apiVersion, kind);
    pending = path
      ? import(path).then((m: Record<string, { prototype: { validate: ValidateMethod } }>) => m[kind]!.prototype.validate)
      : Promise.resolve(null);
    validators.set(key, pending);
  }
  return pending;
}

/** Whether kubernetes-models has a schema for this apiVersion/kind. */
export function hasSchema(apiVersion: string, kind: string): boolean {
  return modulePath(apiVersion, kind) !== null;
}

let groups: ReadonlySet<string> | null = null;

/** The built-in API groups (apps, batch, networking.k8s.io...), core as "". */
export function builtInGroups(): ReadonlySet<string> {
  groups ??= new Set([...loadKinds().values()].filter((k) => k.builtIn).flatMap((k) => k.apiVersions.map((v) => parseApiVersion(v).group)));
  return groups;
}

/** The apiVersions that serve a built-in kind (with a schema or a row in the deprecation table). */
export function knownApiVersions(kind: string): string[] {
  const info = loadKinds().get(kind);
  return info?.builtIn ? info.apiVersions.filter((v) => info.schemaApiVersions.includes(v) || findApiRow(v, kind)) : [];
}

interface Visit { read: Set<string>; enumerated: boolean }

/** Wraps a JSON value so that every key read and every key enumeration is recorded by path. */
function recorder(root: Json): { proxy: Json; visits: Map<string, Visit> } {
  const visits = new Map<string, Visit>();
  const wrap = (value: Json, path: string): Json => {
    if (value === null || typeof value !== 'object') return value;
    const visit: Visit = { read: new Set(), enumerated: false };
    visits.set(path, visit);
    const children = new Map<string, Json>();
    return new Proxy(value, {
      get(target, key, receiver) {
        const child = Reflect.get(target, key, receiver) as Json;
        if (typeof key !== 'string') return child;
        if (!Array.isArray(target)) visit.read.add(key);
        if (child === null || typeof child !== 'object' || !Object.hasOwn(target, key)) return child;
        if (!children.has(key)) children.set(key, wrap(child, `${path}/${escapePointer(key)}`));
        return children.get(key);
      },
      has(target, key) {
        if (typeof key === 'string') visit.read.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        visit.enumerated = true;
        return Reflect.ownKeys(target);
      },
    }) as Json;
  };
  return { proxy: wrap(root, ''), visits };
}

export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Keys no schema declares, at every object the validator looked into. */
function unknownFields(value: Json, path: string, visits: Map<string, Visit>, out: SchemaProblem[]): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => unknownFields(item, `${path}/${i}`, visits, out));
    return;
  }
  const visit = visits.get(path);
  if (!visit || visit.enumerated || visit.read.size === 0) return; // free-form, a map, or never reached
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}/${escapePointer(key)}`;
    // A declared field the validators never check (description, x-kubernetes-*) is accepted unjudged.
    if (visit.read.has(key) || unvalidatedFields().has(key)) unknownFields(child, childPath, visits, out);
    else out.push({ path: childPath, atKey: true, rule: 'unknown-field', message: `unknown field "${key}"` });
  }
}

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;

function valueAt(root: Json, pointer: string): unknown {
  let node: unknown = root;
  for (const part of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** AJV errors as findings; the alternatives of a oneOf (int-or-string) collapse into one. */
function schemaProblems(errors: readonly AjvError[], root: Json): SchemaProblem[] {
  const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath));
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const e of errors) {
    let problem: SchemaProblem;
    if (e.keyword === 'required') {
      const field = String(e.params.missingProperty);
      // Embedded objects (a StatefulSet's volumeClaimTemplates) need no apiVersion/kind of their own;
      // the package's schema for them, patched in from the top-level kind, says otherwise.
      if (e.instancePath !== '' && (field === 'apiVersion' || field === 'kind')) continue;
      problem = { path: `${e.instancePath}/${escapePointer(field)}`, atKey: true, rule: 'schema', message: `missing required field "${field}"` };
    } else if (oneOfAt.has(e.instancePath) && e.keyword !== 'oneOf' && e.keyword !== 'anyOf') {
      continue; // reported once, by the oneOf error
    } else if (e.keyword === 'oneOf' || e.keyword === 'anyOf') {
      const types = [...new Set(errors.filter((x) => x.instancePath === e.instancePath && x.keyword === 'type').map((x) => String(x.params.type)))];
      const expected = types.length ? types.join(' or ') : 'one of the allowed shapes';
      problem = { path: e.instancePath, atKey: false, rule: 'schema', message: `must be ${expected}, got ${describe(valueAt(root, e.instancePath))}` };
    } else if (e.keyword === 'type') {
      problem = { path: e.instancePath, atKey: false, rule: 'schema', message: `must be ${String(e.params.type)}, got ${describe(valueAt(root, e.instancePath))}` };
    } else if (e.keyword === 'enum') {
      const allowed = (e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      problem = { path: e.instancePath, atKey: false, rule: 'schema', message: `must be one of ${allowed}, got ${describe(valueAt(root, e.instancePath))}` };
    } else {
      problem = { path: e.instancePath, atKey: false, rule: 'schema', message: e.message ?? e.keyword };
    }
    const key = `${problem.path} ${problem.message}`;
    if (!seen.has(key)) { seen.add(key); out.push(problem); }
  }
  return out;
}

/** Schema and unknown-field problems of an object; [] when it is valid (or has no schema). */
export async function validateAgainstSchema(object: Record<string, Json>, apiVersion: string, kind: string): Promise<SchemaProblem[]> {
  const validate = await loadValidator(apiVersion, kind);
  if (!validate) return [];
  const { proxy, visits } = recorder(object);
  let errors: AjvError[] = [];
  try {
    validate.call(proxy);
  } catch (err) {
    const list = (err as { errors?: AjvError[] }).errors;
    if (!Array.isArray(list)) throw err;
    errors = list;
  }
  const problems = schemaProblems(errors, object);
  unknownFields(object, '', visits, problems);
  return problems;
}
