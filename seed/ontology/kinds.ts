/**
 * Kubernetes kinds as ontology entities.
 *
 * One entity per kind: the curated entity whose attributes say `kind: Deployment` absorbs what
 * is known about the kind — every apiVersion (kinds.generated.json, from kubernetes-models, plus
 * the deprecation table), which of them are deprecated or removed, its group, resource name,
 * short names and scope (kind-discovery.yaml) and the typed top-level fields of its spec. So the
 * `deployment` WORKLOAD entity is the Deployment kind; its control loop stays a CONTROLLER entity
 * of its own (`deployment-controller`), because notes talk about the object and the loop apart.
 *
 * Short names stay an attribute: `po`, `no`, `cs`, `ev`, `ing`, `limits`, `quota`, `deploy`, `sa`,
 * `cm`, `ns` are words or fragments in prose and code. The unambiguous acronyms (HPA, PVC, PDB,
 * CRD...) are aliases of their entities where curated, like any other alias.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { findApiRow, loadApiDeprecations, statusAt } from './api-removals.js';
import type { Ontology, OntologyEntity } from './types.js';

interface CatalogueKind { kind: string; apiVersions: string[]; fields: Record<string, string> }
interface DiscoveryRow {
  kind: string;
  resource: string;
  shortNames: string[];
  namespaced: boolean;
  subresource: boolean;
  apiVersions: string[]; // only for kinds the generated catalogue lacks
}

export interface KindInfo {
  kind: string;
  builtIn: boolean;
  apiVersions: string[];
  /** The apiVersions kubernetes-models ships a schema (validator) for; empty for kinds not built in. */
  schemaApiVersions: string[];
  fields: Record<string, string>;
  discovery: DiscoveryRow;
}

const CATALOGUE_URL = new URL('./kinds.generated.json', import.meta.url);
const DISCOVERY_URL = new URL('./kind-discovery.yaml', import.meta.url);
/** Attribute keys the kind data writes; a curated entity may not set them itself. */
const KIND_KEYS = ['apiVersion', 'apiVersions', 'group', 'resource', 'namespaced', 'shortNames', 'deprecatedVersions', 'removedVersions', 'subresource'];
/** Slugs of provisional entities start with this; curated slugs may not. */
export const PROVISIONAL_SLUG_PREFIX = 'kind-';

export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const value = apiVersion.trim();
  const slash = value.lastIndexOf('/');
  return slash < 0 ? { group: '', version: value } : { group: value.slice(0, slash), version: value.slice(slash + 1) };
}

let kinds: Map<string, KindInfo> | null = null;
let unvalidated: ReadonlySet<string> | null = null;

function readDiscovery(): DiscoveryRow[] {
  const data = parseYaml(readFileSync(DISCOVERY_URL, 'utf8')) as { kinds?: Record<string, unknown>[] } | null;
  if (!data || !Array.isArray(data.kinds)) throw new Error('kind-discovery.yaml: expected a "kinds" list');
  return data.kinds.map((r, i) => {
    if (typeof r.kind !== 'string' || typeof r.resource !== 'string' || typeof r.namespaced !== 'boolean') {
      throw new Error(`kind-discovery.yaml row ${i + 1}: needs kind, resource and namespaced`);
    }
    return {
      kind: r.kind, resource: r.resource, namespaced: r.namespaced, subresource: r.subresource === true,
      shortNames: Array.isArray(r.shortNames) ? r.shortNames.map(String) : [],
      apiVersions: Array.isArray(r.apiVersions) ? r.apiVersions.map(String) : [],
    };
  });
}

/** Every kind the ontology knows as a kind: the generated built-in catalogue and the discovery table. */
export function loadKinds(): ReadonlyMap<string, KindInfo> {
  if (kinds) return kinds;
  const catalogue = JSON.parse(readFileSync(CATALOGUE_URL, 'utf8')) as { kinds: CatalogueKind[]; unvalidatedFields: string[] };
  unvalidated = new Set(catalogue.unvalidatedFields);
  const discovery = new Map(readDiscovery().map((row) => [row.kind, row]));
  const table = loadApiDeprecations().rows;
  const out = new Map<string, KindInfo>();
  for (const k of catalogue.kinds) {
    const row = discovery.get(k.kind);
    if (!row) throw new Error(`kind-discovery.yaml: no row for the built-in kind ${k.kind}`);
    // The table also knows versions the package no longer ships a schema for.
    const listed = table.filter((r) => r.kind === k.kind && !k.apiVersions.includes(r.apiVersion)).map((r) => r.apiVersion);
    out.set(k.kind, { kind: k.kind, builtIn: true, apiVersions: [...k.apiVersions, ...listed], schemaApiVersions: k.apiVersions, fields: k.fields, discovery: row });
  }
  for (const row of discovery.values()) {
    if (out.has(row.kind)) continue;
    if (row.apiVersions.length === 0) throw new Error(`kind-discovery.yaml: ${row.kind} is not built in, so it must list its apiVersions`);
    out.set(row.kind, { kind: row.kind, builtIn: false, apiVersions: row.apiVersions, schemaApiVersions: [], fields: {}, discovery: row });
  }
  kinds = out;
  return out;
}

/** Property names the schemas declare but kubernetes-models' validators never check (kinds.generated.json). */
export function unvalidatedFields(): ReadonlySet<string> {
  loadKinds();
  return unvalidated!;
}

/** The attributes a kind contributes to its entity. */
function kindAttributes(info: KindInfo): OntologyEntity['attributes'] {
  const { latestKubernetesVersion: latest, rows } = loadApiDeprecations();
  const removed: string[] = [];
  const deprecated: string[] = [];
  for (const apiVersion of info.apiVersions) {
    const row = findApiRow(apiVersion, info.kind, rows);
    const status = statusAt(row, latest);
    if (status === 'removed') removed.push(`${apiVersion} (removed in ${row!.removedIn})`);
    if (status === 'deprecated') deprecated.push(`${apiVersion} (deprecated in ${row!.deprecatedIn})`);
  }
  const preferred = info.apiVersions.find((v) => statusAt(findApiRow(v, info.kind, rows), latest) === 'served') ?? info.apiVersions[0]!;
  const { group } = parseApiVersion(preferred);
  return {
    apiVersion: preferred,
    apiVersions: info.apiVersions,
    group: group || 'core',
    resource: info.discovery.resource,
    namespaced: info.discovery.namespaced,
    shortNames: info.discovery.shortNames,
    ...(deprecated.length ? { deprecatedVersions: deprecated } : {}),
    ...(removed.length ? { removedVersions: removed } : {}),
    ...(info.discovery.subresource ? { subresource: true } : {}),
    ...info.fields,
  };
}

/**
 * Gives every entity that names a known kind (`attributes.kind`) that kind's attributes.
 * Returns problems: a kind claimed twice, a known kind no entity claims, an attribute the kind
 * data owns set by hand. `where(slug)` names the file an entity came from, for the messages.
 */
export function attachKinds(entities: OntologyEntity[], where: (slug: string) => string): string[] {
  const known = loadKinds();
  const problems: string[] = [];
  const owner = new Map<string, string>();
  for (const [i, e] of entities.entries()) {
    const kind = e.attributes.kind;
    if (kind === undefined) continue;
    if (typeof kind !== 'string' || !kind) { problems.push(`entity "${e.slug}"${where(e.slug)}: attribute kind must be a kind name`); continue; }
    const other = owner.get(kind);
    if (other) { problems.push(`kind ${kind} is claimed by both "${other}" and "${e.slug}"${where(e.slug)}`); continue; }
    owner.set(kind, e.slug);
    const info = known.get(kind);
    if (!info) continue; // a kind of the user's own (ONTOLOGY_DIR): its attributes are as written
    const generated = kindAttributes(info);
    const clash = Object.keys(e.attributes).filter((key) => key in generated || KIND_KEYS.includes(key));
    if (clash.length) problems.push(`entity "${e.slug}"${where(e.slug)} sets ${clash.join(', ')}, which the kind data for ${kind} provides`);
    entities[i] = { ...e, attributes: { ...e.attributes, ...generated } };
  }
  for (const info of known.values()) {
    if (!owner.has(info.kind)) problems.push(`kind ${info.kind} has no entity: add one with attributes.kind: ${info.kind}`);
  }
  return problems;
}

interface KindIndex { byKind: Map<string, Array<{ slug: string; groups: Set<string> }>> }
const indexes = new WeakMap<Ontology, KindIndex>();

function kindIndex(ontology: Ontology): KindIndex {
  let index = indexes.get(ontology);
  if (index) return index;
  index = { byKind: new Map() };
  for (const e of ontology.entities) {
    const kind = e.attributes.kind;
    if (typeof kind !== 'string') continue;
    const versions = Array.isArray(e.attributes.apiVersions) ? e.attributes.apiVersions
      : typeof e.attributes.apiVersion === 'string' ? [e.attributes.apiVersion] : [];
    const groups = new Set(versions.map((v) => parseApiVersion(v).group));
    if (typeof e.attributes.group === 'string') groups.add(e.attributes.group === 'core' ? '' : e.attributes.group);
    const key = kind.toLowerCase();
    if (!index.byKind.has(key)) index.byKind.set(key, []);
    index.byKind.get(key)!.push({ slug: e.slug, groups });
  }
  indexes.set(ontology, index);
  return index;
}

/**
 * The slug of the entity for a manifest's apiVersion + kind, or null when no entity is that kind
 * in that API group. The kind matches case-insensitively (a miscased kind is still about that kind;
 * the manifest check reports the case); the group must be one the kind is served in, so Istio's
 * networking.istio.io Gateway is not the Gateway API's Gateway. Any version of the group matches:
 * batch/v2alpha1 CronJob is still the CronJob kind, and so does another Kubernetes group.
 */
export function resolveKind(apiVersion: string, kind: string, ontology: Ontology): string | null {
  const candidates = kindIndex(ontology).byKind.get(kind.trim().toLowerCase());
  if (!candidates) return null;
  const { group } = parseApiVersion(apiVersion);
  const exact = candidates.find((c) => c.groups.has(group));
  if (exact) return exact.slug;
  // A Kubernetes kind written with the wrong Kubernetes group (`apiVersion: v1` on a PriorityClass)
  // is still that kind; a third party's group is not.
  const owned = candidates.filter((c) => [...c.groups].every(kubernetesOwnedGroup));
  return kubernetesOwnedGroup(group) && owned.length === 1 ? owned[0]!.slug : null;
}

/** Groups Kubernetes itself defines: core, the unqualified ones (apps, batch) and *.k8s.io, not SIG projects' *.x-k8s.io. */
function kubernetesOwnedGroup(group: string): boolean {
  return !group.includes('.') || (group.endsWith('.k8s.io') && !group.endsWith('.x-k8s.io'));
}

const slugPart = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
const aliasKey = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The entity to create for a kind no entity is (a CRD's VirtualService or CronTab): slug
 * `kind-<group>-<kind>` (stable, and curated slugs may not start with `kind-`), type EXTENSION
 * (an unlisted kind is almost always a custom resource), name and alias the kind — qualified by
 * its group when the plain name is already an entity's name or alias (Istio's Gateway).
 */
export function provisionalEntity(apiVersion: string, kind: string, ontology: Ontology): OntologyEntity {
  const { group, version } = parseApiVersion(apiVersion);
  const name = kind.trim();
  const taken = new Set(ontology.entities.flatMap((e) => [e.name, ...e.aliases].map(aliasKey)));
  const label = taken.has(aliasKey(name)) ? `${name} (${group || 'core'})` : name;
  return {
    slug: `${PROVISIONAL_SLUG_PREFIX}${slugPart(group || 'core')}-${slugPart(name)}`,
    type: 'EXTENSION',
    name: label,
    aliases: [label],
    description: `The ${name} kind of the ${group || 'core'} API group, seen in a manifest; no curated entity describes it yet.`,
    attributes: { kind: name, group: group || 'core', apiVersion: apiVersion.trim(), apiVersions: [apiVersion.trim()], version, provisional: true },
  };
}
