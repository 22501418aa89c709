import type { EntityRef } from '../common/refs.types.js';

export const MIN_COMPARED = 2;
export const MAX_COMPARED = 6;

export type AttributeValue = string | number | boolean | string[] | null;

export interface ComparedAttribute {
  name: string;
  /** One value per compared entity slug; null where the entity has no such attribute. */
  values: Record<string, AttributeValue>;
}

export interface Comparison {
  entities: EntityRef[];
  attributes: ComparedAttribute[];
}
