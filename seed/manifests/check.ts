/**
 * checkManifests: multi-document YAML → each Kubernetes object checked the way `kubeconform
 * -strict` and `pluto` would check it, every finding with its JSON pointer and its line.
 *
 * - A document that does not parse throws ManifestYamlError (with its line): the input is not
 *   YAML, so no document is trusted. A duplicate key (which kubectl also refuses) or a YAML warning
 *   is a `yaml` finding of its document instead.
 * - A document with neither apiVersion nor kind is not a Kubernetes object (a Helm values file,
 *   a kubeconfig) and is skipped; one with only one of them is reported, invalid.
 * - Schema (kubernetes-models) and unknown fields for the kinds it knows; a kind of a group that
 *   is not built in (a CRD's) has no schema here, so only its API status is judged.
 * - Removed / deprecated APIs relative to `kubernetesVersion`, with the replacement, and the
 *   converted manifest when the migration is mechanical and its result validates.
 */
import { LineCounter, parseAllDocuments, type Document, type Tags } from 'yaml';
import { findApiRow, isKubernetesVersion, loadApiDeprecations, statusAt } from '../ontology/api-removals.js';
import { loadKinds, parseApiVersion, resolveKind } from '../ontology/kinds.js';
import { loadOntology } from '../ontology/load.js';
import type { Ontology } from '../ontology/types.js';
import { convertDocument } from './convert.js';
import { KubernetesVersionError, ManifestTooLargeError, ManifestYamlError } from './errors.js';
import { lineOf } from './lines.js';
import { builtInGroups, hasSchema, knownApiVersions, validateAgainstSchema, type SchemaProblem } from './schema.js';
import type { CheckedManifest, CheckOptions, ManifestCheckResult, ManifestDeprecation, ManifestFinding, ManifestStatus } from './types.js';

/** The most characters one check accepts (about 10,000 lines of YAML). */
export const MAX_MANIFEST_CHARS = 512 * 1024;

/**
 * YAML 1.1, as Kubernetes' own reader (go-yaml v2 under sigs.k8s.io/yaml) reads it: `yes` is a
 * boolean and 0644 octal; but a timestamp stays a string, as it does in Kubernetes' JSON.
 */
const YAML_OPTIONS = {
  version: '1.1', prettyErrors: false, strict: false, logLevel: 'error',
  customTags: (tags: Tags) => tags.filter((t) => !(typeof t === 'object' && t.tag === 'tag:yaml.org,2002:timestamp')),
} as const;

/**
 * Files that look like objects of the core group but are not API objects: their own tools read
 * them. They are listed, unjudged, with a note.
 */
const NOT_API_OBJECTS: Record<string, string> = {
  Config: 'a kubeconfig file (read by kubectl and clients), not an API object',
  EncryptionConfig: 'the pre-1.13 kube-apiserver encryption config file, not an API object',
  List: 'a list of objects (kubectl accepts it); its items are not checked one by one here',
  DeleteOptions: 'the body of a DELETE request, not an object of its own',
  Status: 'an API response, not an object of its own',
};

const SEVERITY_ORDER: Record<ManifestFinding['severity'], number> = { error: 0, warning: 1, info: 2 };

interface Context { kubernetesVersion: string; lineOffset: number; ontology: Ontology; counter: LineCounter }

/** Errors that leave the document readable; they become findings of the document, not a rejected input. */
const DOCUMENT_LEVEL_ERRORS = new Set(['DUPLICATE_KEY']);

function parse(yaml: string, lineOffset: number): { docs: Document[]; counter: LineCounter } {
  const counter = new LineCounter();
  const docs = parseAllDocuments(yaml, { ...YAML_OPTIONS, lineCounter: counter });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    const error = doc.errors.find((e) => !DOCUMENT_LEVEL_ERRORS.has(e.code));
    if (error) {
      const pos = error.linePos?.[0] ?? counter.linePos(error.pos[0]);
      throw new ManifestYamlError(error.message.split('\n')[0]!, pos.line + lineOffset, pos.col);
    }
  }
  return { docs: list, counter };
}

function finding(doc: Document, ctx: Context, p: SchemaProblem): ManifestFinding {
  return { severity: 'error', path: p.path, line: lineOf(doc, p.path, p.atKey, ctx.counter) + ctx.lineOffset, message: p.message, rule: p.rule };
}

/** Findings about apiVersion/kind themselves: the kind's case, an apiVersion that does not serve the kind. */
function identityProblems(apiVersion: string, kind: string): SchemaProblem[] {
  const known = loadKinds();
  const exact = known.get(kind);
  const folded = exact ?? [...known.values()].find((k) => k.kind.toLowerCase() === kind.toLowerCase());
  const { group } = parseApiVersion(apiVersion);
  if (!builtInGroups().has(group)) return []; // a custom resource: nothing to say without its CRD
  if (!folded || !folded.builtIn) {
    return [{ path: '/kind', atKey: false, rule: 'schema', message: `${apiVersion} has no kind "${kind}"` }];
  }
  if (!exact) return [{ path: '/kind', atKey: false, rule: 'schema', message: `kind is case-sensitive: "${folded.kind}", not "${kind}"` }];
  const served = knownApiVersions(kind);
  if (!served.includes(apiVersion)) {
    return [{ path: '/apiVersion', atKey: false, rule: 'schema', message: `${kind} is not served as ${apiVersion}; its apiVersions are ${served.join(', ')}` }];
  }
  return [];
}

function deprecationOf(apiVersion: string, kind: string, ctx: Context): { status: 'removed' | 'deprecated'; deprecation: ManifestDeprecation } | null {
  const row = findApiRow(apiVersion, kind);
  const status = statusAt(row, ctx.kubernetesVersion);
  if (!row || status === 'served') return null;
  return {
    status,
    deprecation: {
      replacement: row.replacement,
      ...(row.deprecatedIn ? { deprecatedIn: row.deprecatedIn } : {}),
      ...(row.removedIn ? { removedIn: row.removedIn } : {}),
      note: row.note,
    },
  };
}

function apiFinding(doc: Document, ctx: Context, kind: string, apiVersion: string, status: 'removed' | 'deprecated', d: ManifestDeprecation): ManifestFinding {
  const use = d.replacement === 'none' ? 'it has no replacement API' : `use ${d.replacement}`;
  const message = status === 'removed'
    ? `${apiVersion} ${kind} was removed in Kubernetes ${d.removedIn} (deprecated in ${d.deprecatedIn ?? 'an earlier release'}); ${use}. ${d.note}`
    : `${apiVersion} ${kind} is deprecated since Kubernetes ${d.deprecatedIn}${d.removedIn ? ` and removed in ${d.removedIn}` : ''}; ${use}. ${d.note}`;
  return {
    severity: status === 'removed' ? 'error' : 'warning', rule: status === 'removed' ? 'removed-api' : 'deprecated-api',
    path: '/apiVersion', line: lineOf(doc, '/apiVersion', false, ctx.counter) + ctx.lineOffset, message: message.trim(),
  };
}

/** The converted YAML, when the migration is mechanical and the result has no finding of its own. */
async function converted(doc: Document, apiVersion: string, kind: string, replacement: string): Promise<string | undefined> {
  if (replacement === 'none' || !hasSchema(replacement, kind)) return undefined;
  const yaml = convertDocument(doc, apiVersion, kind, replacement);
  const [result] = parseAllDocuments(yaml, YAML_OPTIONS) as Document[];
  const object = result?.toJS() as Record<string, never> | undefined;
  if (!object) return undefined;
  const problems = await validateAgainstSchema(object, replacement, kind);
  return problems.length === 0 ? yaml : undefined;
}

async function checkDocument(doc: Document, ctx: Context): Promise<CheckedManifest | null> {
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) return null; // an empty document (comments only)
  const start = doc.contents?.range ? ctx.counter.linePos(doc.contents.range[0]).line + ctx.lineOffset : 1 + ctx.lineOffset;
  const object = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, never>) : null;
  const apiVersion = object && typeof object.apiVersion === 'string' ? (object.apiVersion as string) : null;
  const kind = object && typeof object.kind === 'string' ? (object.kind as string) : null;
  if (!apiVersion && !kind) return null; // not a Kubernetes object
  const meta = object?.metadata as Record<string, unknown> | undefined;
  const name = meta && typeof meta === 'object' && meta.name != null ? String(meta.name) : null;
  const findings: ManifestFinding[] = [...doc.errors, ...doc.warnings].map((e) => ({
    severity: e.name === 'YAMLWarning' ? 'warning' as const : 'error' as const, rule: 'yaml' as const, path: '',
    line: ctx.counter.linePos(e.pos[0]).line + ctx.lineOffset, message: e.message.split('\n')[0]!,
  }));
  if (!apiVersion || !kind) {
    const missing = apiVersion ? 'kind' : 'apiVersion';
    findings.push(finding(doc, ctx, { path: `/${missing}`, atKey: true, rule: 'schema', message: `missing required field "${missing}"` }));
    return { apiVersion: apiVersion ?? '', kind: kind ?? '', name, line: start, status: 'invalid', findings, entity: null };
  }

  if (apiVersion === 'v1' && NOT_API_OBJECTS[kind]) {
    const note: ManifestFinding = { severity: 'info', rule: 'schema', path: '/kind', line: lineOf(doc, '/kind', false, ctx.counter) + ctx.lineOffset, message: `v1 ${kind} is ${NOT_API_OBJECTS[kind]}: not checked` };
    return { apiVersion, kind, name, line: start, status: 'ok', findings: [note], entity: null };
  }
  const problems = [...identityProblems(apiVersion, kind), ...await validateAgainstSchema(object!, apiVersion, kind)];
  findings.push(...problems.map((p) => finding(doc, ctx, p)));
  const api = deprecationOf(apiVersion, kind, ctx);
  if (api) findings.push(apiFinding(doc, ctx, kind, apiVersion, api.status, api.deprecation));
  findings.sort((a, b) => a.line - b.line || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.path.localeCompare(b.path));

  const invalid = problems.length > 0 || findings.some((f) => f.rule === 'yaml' && f.severity === 'error');
  const status: ManifestStatus = invalid ? 'invalid' : api?.status ?? 'ok';
  const result: CheckedManifest = { apiVersion, kind, name, line: start, status, findings, entity: resolveKind(apiVersion, kind, ctx.ontology) };
  if (api) {
    result.deprecation = api.deprecation;
    if (!invalid) {
      const yaml = await converted(doc, apiVersion, kind, api.deprecation.replacement);
      if (yaml !== undefined) result.converted = yaml;
    }
  }
  return result;
}

export interface CheckManifestsOptions extends CheckOptions {
  /** The ontology whose entities kinds resolve to; default: the built-in one. */
  ontology?: Ontology;
}

/**
 * Checks every Kubernetes object in `yaml`. Throws ManifestTooLargeError past MAX_MANIFEST_CHARS,
 * KubernetesVersionError for a malformed kubernetesVersion and ManifestYamlError when the YAML
 * does not parse.
 */
export async function checkManifests(yaml: string, options: CheckManifestsOptions = {}): Promise<ManifestCheckResult> {
  if (yaml.length > MAX_MANIFEST_CHARS) throw new ManifestTooLargeError(yaml.length, MAX_MANIFEST_CHARS);
  const table = loadApiDeprecations();
  const kubernetesVersion = options.kubernetesVersion?.trim() || table.latestKubernetesVersion;
  if (!isKubernetesVersion(kubernetesVersion)) throw new KubernetesVersionError(kubernetesVersion);
  const lineOffset = options.lineOffset ?? 0;
  const { docs, counter } = parse(yaml, lineOffset);
  const ctx: Context = { kubernetesVersion, lineOffset, ontology: options.ontology ?? loadOntology(), counter };
  const documents: CheckedManifest[] = [];
  for (const doc of docs) {
    const checked = await checkDocument(doc, ctx);
    if (checked) documents.push(checked);
  }
  return { documents };
}
