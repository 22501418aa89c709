/**
 * Loads the ontology from the YAML data files next to this module and validates it.
 * Entity files: every *.yaml here except relations.yaml and api-removals.yaml; each is
 * `{ type?: EntityType, entities: OntologyEntity[] }` (an entity's own `type` wins).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  ENTITY_TYPES, RELATION_TYPES,
  type EntityType, type Ontology, type OntologyEntity, type OntologyRelation, type RelationType,
} from './types.js';

const DATA_DIR = new URL('./', import.meta.url);
const NON_ENTITY_FILES = new Set(['relations.yaml', 'api-removals.yaml']);
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
export function validateOntology(o: Ontology): void {
  const problems: string[] = [];
  const slugs = new Set<string>();
  const owner = new Map<string, string>(); // alias key (names included) -> slug
  const names = new Map<string, string>(); // name key -> slug

  for (const e of o.entities) {
    if (!SLUG.test(e.slug)) problems.push(`entity slug "${e.slug}" is not lowercase ascii [a-z0-9-]`);
    if (slugs.has(e.slug)) problems.push(`duplicate entity slug "${e.slug}"`);
    slugs.add(e.slug);
    if (!(ENTITY_TYPES as readonly string[]).includes(e.type)) problems.push(`entity "${e.slug}" has unknown type "${e.type}"`);
    if (!e.name?.trim()) problems.push(`entity "${e.slug}" has no name`);
    if (!e.description?.trim()) problems.push(`entity "${e.slug}" has no description`);
    const nameKey = normaliseAlias(e.name ?? '');
    const otherName = names.get(nameKey);
    if (otherName && otherName !== e.slug) problems.push(`entities "${otherName}" and "${e.slug}" share the name "${e.name}"`);
    names.set(nameKey, e.slug);
  }
  for (const e of o.entities) {
    const keys = new Set([normaliseAlias(e.name ?? ''), ...(e.aliases ?? []).map(normaliseAlias)]);
    for (const key of keys) {
      if (!key) { problems.push(`entity "${e.slug}" has an empty alias`); continue; }
      const nameOwner = names.get(key);
      if (nameOwner && nameOwner !== e.slug) {
        problems.push(`alias "${key}" of "${e.slug}" equals the name of "${nameOwner}"`);
        continue;
      }
      const prev = owner.get(key);
      if (prev && prev !== e.slug) problems.push(`alias "${key}" resolves to both "${prev}" and "${e.slug}"`);
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
  if (problems.length > 0) throw new OntologyError(problems);
}

function readYaml(name: string): unknown {
  return parseYaml(readFileSync(new URL(name, DATA_DIR), 'utf8'));
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

/** Entity data files, sorted for a deterministic entity order. */
export function entityFiles(): string[] {
  return readdirSync(fileURLToPath(DATA_DIR))
    .filter((f) => f.endsWith('.yaml') && !NON_ENTITY_FILES.has(f))
    .sort();
}

let cached: Ontology | null = null;

/** Reads and validates the ontology once; later calls return the same (frozen) object. */
export function loadOntology(): Ontology {
  if (cached) return cached;
  const entities: OntologyEntity[] = [];
  for (const file of entityFiles()) {
    const data = readYaml(file) as { type?: unknown; entities?: unknown } | null;
    if (!data || !Array.isArray(data.entities)) throw new Error(`ontology file ${file}: expected an "entities" list`);
    for (const raw of data.entities as Record<string, unknown>[]) entities.push(toEntity(raw, data.type));
  }
  const rel = readYaml('relations.yaml') as { relations?: unknown } | null;
  if (!rel || !Array.isArray(rel.relations)) throw new Error('ontology relations.yaml: expected a "relations" list');
  const relations: OntologyRelation[] = (rel.relations as Record<string, unknown>[]).map((r) => ({
    from: String(r.from ?? ''), type: String(r.type ?? '') as RelationType, to: String(r.to ?? ''),
  }));
  const ontology: Ontology = { entities, relations };
  validateOntology(ontology);
  cached = Object.freeze(ontology);
  return cached;
}
