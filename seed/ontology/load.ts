/**
 * Loads the ontology from the YAML data files next to this module and validates it.
 * Entity files: every *.yaml here except relations.yaml, api-removals.yaml and
 * kind-discovery.yaml; each is `{ type?: EntityType, entities: OntologyEntity[] }` (an
 * entity's own `type` wins). Entities naming a Kubernetes kind gain that kind's data (kinds.ts).
 * A folder of the user's own files (ONTOLOGY_DIR) adds entities and relations in the same format.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { attachKinds, PROVISIONAL_SLUG_PREFIX } from './kinds.js';
import {
  ENTITY_TYPES, RELATION_TYPES,
  type EntityType, type Ontology, type OntologyEntity, type OntologyRelation, type RelationType,
} from './types.js';

const DATA_DIR = new URL('./', import.meta.url);
const NON_ENTITY_FILES = new Set(['relations.yaml', 'api-removals.yaml', 'kind-discovery.yaml']);
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Alias key: NFKC, lowercase, whitespace collapsed. Two aliases with the same key are the same alias. */
export function normaliseAlias(alias: string): string {
  return alias.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export class OntologyError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid ontology:\n  - ${problems.join('\n  - ')}`);
    this.name = 'OntologyError';
  }
}

/**
 * Throws an OntologyError listing every problem: bad or duplicate slug, unknown entity type,
 * missing name/description, an alias (normalised) shared by two entities, an alias equal to
 * another entity's name, an unknown relation type or endpoint.
 */
export function validateOntology(o: Ontology, where: (slug: string) => string = () => ''): void {
  const problems = findProblems(o, where);
  if (problems.length > 0) throw new OntologyError(problems);
}

function findProblems(o: Ontology, where: (slug: string) => string): string[] {
  const problems: string[] = [];
  const slugs = new Set<string>();
  const owner = new Map<string, string>(); // alias key (names included) -> slug
  const names = new Map<string, string>(); // name key -> slug

  for (const e of o.entities) {
    if (!SLUG.test(e.slug)) problems.push(`entity slug "${e.slug}"${where(e.slug)} is not lowercase ascii [a-z0-9-]`);
    if (slugs.has(e.slug)) problems.push(`duplicate entity slug "${e.slug}"${where(e.slug)}`);
    slugs.add(e.slug);
    if (!(ENTITY_TYPES as readonly string[]).includes(e.type)) problems.push(`entity "${e.slug}"${where(e.slug)} has unknown type "${e.type}"`);
    if (!e.name?.trim()) problems.push(`entity "${e.slug}"${where(e.slug)} has no name`);
    if (!e.description?.trim()) problems.push(`entity "${e.slug}"${where(e.slug)} has no description`);
    const nameKey = normaliseAlias(e.name ?? '');
    const otherName = names.get(nameKey);
    if (otherName && otherName !== e.slug) problems.push(`entities "${otherName}" and "${e.slug}"${where(e.slug)} share the name "${e.name}"`);
    names.set(nameKey, e.slug);
  }
  for (const e of o.entities) {
    const keys = new Set([normaliseAlias(e.name ?? ''), ...(e.aliases ?? []).map(normaliseAlias)]);
    for (const key of keys) {
      if (!key) { problems.push(`entity "${e.slug}"${where(e.slug)} has an empty alias`); continue; }
      const nameOwner = names.get(key);
      if (nameOwner && nameOwner !== e.slug) {
        problems.push(`alias "${key}" of "${e.slug}"${where(e.slug)} equals the name of "${nameOwner}"`);
        continue;
      }
      const prev = owner.get(key);
      if (prev && prev !== e.slug) problems.push(`alias "${key}" resolves to both "${prev}" and "${e.slug}"${where(e.slug)}`);
      else owner.set(key, e.slug);
    }
  }
  const seen = new Set<string>();
  for (const r of o.relations) {
    const label = `${r.from} ${r.type} ${r.to}`;
    if (seen.has(label)) problems.push(`duplicate relation "${label}"`);
    seen.add(label);
    if (!(RELATION_TYPES as readonly string[]).includes(r.type)) problems.push(`relation "${label}" has unknown type "${r.type}"`);
    if (!slugs.has(r.from)) problems.push(`relation "${label}": unknown endpoint "${r.from}"`);
    if (!slugs.has(r.to)) problems.push(`relation "${label}": unknown endpoint "${r.to}"`);
    if (r.from === r.to) problems.push(`relation "${label}" points to itself`);
  }
  return problems;
}

function readYaml(path: string): unknown {
  try {
    return parseYaml(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new OntologyError([`${path}: ${(err as Error).message}`]);
  }
}

function toEntity(raw: Record<string, unknown>, fileType: unknown): OntologyEntity {
  return {
    slug: String(raw.slug ?? ''),
    type: String(raw.type ?? fileType ?? '') as EntityType,
    name: String(raw.name ?? ''),
    aliases: Array.isArray(raw.aliases) ? raw.aliases.map(String) : [],
    description: String(raw.description ?? ''),
    attributes: (raw.attributes && typeof raw.attributes === 'object'
      ? raw.attributes : {}) as OntologyEntity['attributes'],
  };
}

function toRelation(r: Record<string, unknown>): OntologyRelation {
  return { from: String(r.from ?? ''), type: String(r.type ?? '') as RelationType, to: String(r.to ?? '') };
}

/** Entity data files, sorted for a deterministic entity order. */
export function entityFiles(): string[] {
  return readdirSync(fileURLToPath(DATA_DIR))
    .filter((f) => f.endsWith('.yaml') && !NON_ENTITY_FILES.has(f))
    .sort();
}

export interface LoadOntologyOptions {
  /**
   * A folder of the user's own YAML files (ONTOLOGY_DIR), each with `entities` (as the built-in
   * entity files, optional file-level `type`) and/or `relations` (as relations.yaml). They add to the
   * built-in ontology and are validated with it; redefining a slug or taking another entity's alias
   * or name is an error naming the file.
   */
  extraDir?: string;
}

interface Sourced { entities: OntologyEntity[]; relations: OntologyRelation[]; source: Map<string, string> }

function readBuiltIn(): Sourced {
  const out: Sourced = { entities: [], relations: [], source: new Map() };
  for (const file of entityFiles()) {
    const data = readYaml(fileURLToPath(new URL(file, DATA_DIR))) as { type?: unknown; entities?: unknown } | null;
    if (!data || !Array.isArray(data.entities)) throw new Error(`ontology file ${file}: expected an "entities" list`);
    for (const raw of data.entities as Record<string, unknown>[]) {
      const e = toEntity(raw, data.type);
      out.entities.push(e);
      if (e.slug.startsWith(PROVISIONAL_SLUG_PREFIX)) throw new OntologyError([`${file}: slug "${e.slug}": the prefix "${PROVISIONAL_SLUG_PREFIX}" is kept for provisional kinds`]);
    }
  }
  const rel = readYaml(fileURLToPath(new URL('relations.yaml', DATA_DIR))) as { relations?: unknown } | null;
  if (!rel || !Array.isArray(rel.relations)) throw new Error('ontology relations.yaml: expected a "relations" list');
  out.relations = (rel.relations as Record<string, unknown>[]).map(toRelation);
  return out;
}

/** The user's files, merged into `into`; problems name the file they come from. */
function readExtraDir(dir: string, into: Sourced): string[] {
  const problems: string[] = [];
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch (err) {
    return [`ONTOLOGY_DIR ${dir}: ${(err as Error).message}`];
  }
  const builtIn = new Set(into.entities.map((e) => e.slug));
  for (const file of files) {
    const path = join(dir, file);
    const data = readYaml(path) as { type?: unknown; entities?: unknown; relations?: unknown } | null;
    const entities = data && Array.isArray(data.entities) ? data.entities as Record<string, unknown>[] : null;
    const relations = data && Array.isArray(data.relations) ? data.relations as Record<string, unknown>[] : null;
    if (!entities && !relations) { problems.push(`${path}: expected an "entities" or a "relations" list`); continue; }
    for (const raw of entities ?? []) {
      const e = toEntity(raw, data!.type);
      const before = builtIn.has(e.slug) ? 'the built-in ontology' : into.source.get(e.slug);
      if (before) { problems.push(`${path}: entity "${e.slug}" is already defined in ${before}`); continue; }
      if (e.slug.startsWith(PROVISIONAL_SLUG_PREFIX)) { problems.push(`${path}: slug "${e.slug}": the prefix "${PROVISIONAL_SLUG_PREFIX}" is kept for provisional kinds`); continue; }
      into.entities.push(e);
      into.source.set(e.slug, path);
    }
    into.relations.push(...(relations ?? []).map(toRelation));
  }
  return problems;
}

const cache = new Map<string, Ontology>();

/**
 * Reads and validates the ontology once per extra folder; later calls return the same (frozen)
 * object. Throws an OntologyError listing every problem.
 */
export function loadOntology(options: LoadOntologyOptions = {}): Ontology {
  const key = options.extraDir ? resolve(options.extraDir) : '';
  const hit = cache.get(key);
  if (hit) return hit;
  const data = readBuiltIn();
  const problems = key ? readExtraDir(key, data) : [];
  const where = (slug: string): string => (data.source.has(slug) ? ` (${data.source.get(slug)})` : '');
  problems.push(...attachKinds(data.entities, where));
  const ontology: Ontology = { entities: data.entities, relations: data.relations };
  problems.push(...findProblems(ontology, where));
  if (problems.length > 0) throw new OntologyError(problems);
  const frozen = Object.freeze(ontology);
  cache.set(key, frozen);
  return frozen;
}
