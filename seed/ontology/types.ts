/** The ontology's data files (seed/ontology/*.yaml) load into these shapes. */

export const ENTITY_TYPES = [
  'SERVICE_TYPE', 'PROBE', 'CONTROLLER', 'WORKLOAD', 'COMPONENT', 'STORAGE', 'NETWORKING',
  'LIFECYCLE', 'SCHEDULING', 'POLICY', 'STRATEGY', 'CONFIG', 'CONCEPT',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const RELATION_TYPES = [
  'MANAGES', 'CREATES', 'ROUTES_TO', 'IMPLEMENTS', 'REPLACED_BY', 'NOT_SUPPORTED_IN', 'RUNS',
  'RUNS_IN', 'PART_OF', 'USES', 'EXPOSES', 'BINDS_TO', 'SELECTS', 'CONFIGURES', 'ALTERNATIVE_TO',
  'EXTENDS', 'PROTECTS', 'CHECKS',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export interface OntologyEntity {
  slug: string; // URL-safe, lowercase ascii, unique
  type: EntityType;
  name: string; // canonical English name
  aliases: string[]; // Chinese and English aliases (name itself need not repeat)
  description: string; // one line
  attributes: Record<string, string | boolean | number | string[]>;
}

export interface OntologyRelation {
  from: string; // entity slug
  type: RelationType;
  to: string; // entity slug
}

export interface Ontology {
  entities: OntologyEntity[];
  relations: OntologyRelation[];
}

/** One row of the Kubernetes API removal table (seed/ontology/api-removals.yaml). */
export interface ApiRemoval {
  apiVersion: string;
  kind: string;
  replacement: string;
  removedIn: string;
  note: string;
}
