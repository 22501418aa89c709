import { toEntityRef, toTopicSummary } from '../common/refs.mapper.js';
import type { EntityDetailRow } from './entities.repository.js';
import type { Entity } from './entities.types.js';

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
