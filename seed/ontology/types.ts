/** The ontology's data files (seed/ontology/*.yaml) load into these shapes. */

/**
 * The contract's types, and three added with the built-in kinds (issue 15):
 * AUTOSCALING — HorizontalPodAutoscaler, VerticalPodAutoscaler, the Scale subresource, the
 *   cluster autoscaler, metrics-server: replica and resource counts that change themselves,
 *   neither a workload nor a scheduling rule;
 * EXTENSION — how the API itself is extended: CustomResourceDefinition, custom resources,
 *   operators, APIService and the aggregation layer (and provisional entities for kinds
 *   nobody listed, which are almost always a CRD's);
 * ECOSYSTEM — projects around Kubernetes that are not part of it and fit no other type
 *   (Helm, Prometheus, Velero); a CNI plugin stays NETWORKING, a runtime stays COMPONENT.
 */
export const ENTITY_TYPES = [
  'SERVICE_TYPE', 'PROBE', 'CONTROLLER', 'WORKLOAD', 'COMPONENT', 'STORAGE', 'NETWORKING',
  'LIFECYCLE', 'SCHEDULING', 'POLICY', 'STRATEGY', 'CONFIG', 'CONCEPT',
  'AUTOSCALING', 'EXTENSION', 'ECOSYSTEM',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/**
 * Added with issue 15: WATCHES (a controller's informer on a kind it does not own: the
 * Endpoints controller watches Services and Pods), SCALES (an autoscaler changes the replica
 * count of a workload), LIMITS (a quota or range caps what may be created in a namespace).
 */
export const RELATION_TYPES = [
  'MANAGES', 'CREATES', 'ROUTES_TO', 'IMPLEMENTS', 'REPLACED_BY', 'NOT_SUPPORTED_IN', 'RUNS',
  'RUNS_IN', 'PART_OF', 'USES', 'EXPOSES', 'BINDS_TO', 'SELECTS', 'CONFIGURES', 'ALTERNATIVE_TO',
  'EXTENDS', 'PROTECTS', 'CHECKS', 'WATCHES', 'SCALES', 'LIMITS',
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

/**
 * One row of the Kubernetes API deprecation table (seed/ontology/api-removals.yaml):
 * an apiVersion + kind deprecated in one release and (usually) no longer served from another.
 */
export interface ApiRemoval {
  apiVersion: string;
  kind: string;
  replacement: string; // apiVersion to migrate to, or "none"
  deprecatedIn?: string; // "1.9"
  removedIn?: string; // "1.16"; absent for a deprecation without a removal date
  note: string;
}
