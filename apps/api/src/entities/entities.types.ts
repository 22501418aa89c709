import type { EntityType } from '../../../../seed/ontology/types.js';
import type { EntityRef, TopicSummary } from '../common/refs.types.js';

export type { EntityRef } from '../common/refs.types.js';

export interface EntityRelation {
  type: string;
  direction: 'out' | 'in';
  entity: EntityRef;
  /** Slugs of the topics that mention both ends of the relation. */
  evidence: string[];
}

export interface Entity extends EntityRef {
  aliases: string[];
  description: string;
  attributes: Record<string, unknown>;
  /** Topics that mention it, in document order. */
  topics: TopicSummary[];
  /** Outgoing relations, then incoming, each in id order. */
  relations: EntityRelation[];
}

export interface EntityListQuery {
  type?: EntityType;
  q?: string;
  limit?: number;
  cursor?: string;
}
