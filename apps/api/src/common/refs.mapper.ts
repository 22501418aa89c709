import type { EntityRef, TopicSummary } from './refs.types.js';

/** A topic row with what a summary shows (any select that has these columns). */
export interface TopicSummaryRow {
  slug: string;
  title: string;
  level: number;
  position: number;
  parent: { slug: string } | null;
}

export function toTopicSummary(row: TopicSummaryRow): TopicSummary {
  return { slug: row.slug, title: row.title, level: row.level, parentSlug: row.parent?.slug ?? null, order: row.position };
}

export function toEntityRef(row: EntityRef): EntityRef {
  return { slug: row.slug, name: row.name, type: row.type };
}
