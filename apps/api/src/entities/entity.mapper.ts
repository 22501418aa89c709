import type { EntityType } from '../../../../seed/ontology/types.js';
import type { TopicSummary } from '../topics/topic.mapper.js';
import { toTopicSummary } from '../topics/topic.mapper.js';
import type { EntityDetailRow } from './entities.repository.js';

export interface EntityRef {
  slug: string;
  name: string;
  type: EntityType;
}

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
  topics: TopicSummary[];
  relations: EntityRelation[];
}

export function toEntityRef(row: { slug: string; name: string; type: EntityType }): EntityRef {
  return { slug: row.slug, name: row.name, type: row.type };
}

export function toEntity(row: EntityDetailRow): Entity {
  return {
    ...toEntityRef(row),
    aliases: row.aliases,
    description: row.description,
    attributes: (row.attributes ?? {}) as Record<string, unknown>,
    topics: row.mentions.map((mention) => toTopicSummary(mention.topic)),
    relations: [
      ...row.outgoing.map((r) => ({ type: r.type, direction: 'out' as const, entity: toEntityRef(r.to), evidence: r.evidence.map((e) => e.topic.slug) })),
      ...row.incoming.map((r) => ({ type: r.type, direction: 'in' as const, entity: toEntityRef(r.from), evidence: r.evidence.map((e) => e.topic.slug) })),
    ],
  };
}
