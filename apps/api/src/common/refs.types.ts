import type { EntityType } from '../../../../seed/ontology/types.js';

/**
 * The two shapes every feature points at: a topic and an entity by reference.
 * They live here, not in topics/ or entities/, because each of those features
 * refers to the other.
 */
export interface TopicSummary {
  slug: string;
  title: string;
  level: number;
  parentSlug: string | null;
  order: number;
}

export interface EntityRef {
  slug: string;
  name: string;
  type: EntityType;
}
