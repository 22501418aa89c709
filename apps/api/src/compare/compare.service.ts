import { Injectable } from '@nestjs/common';
import { BadParameterError, DomainError } from '../common/problems.js';
import { toEntityRef, type EntityRef } from '../entities/entity.mapper.js';
import { GraphRepository } from '../graph/graph.repository.js';

export const MIN_COMPARED = 2;
export const MAX_COMPARED = 6;
const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;

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

@Injectable()
export class CompareService {
  constructor(private readonly graph: GraphRepository) {}

  /** `list` is comma-separated slugs (REST's query parameter). */
  compare(list: string): Promise<Comparison> {
    return this.compareSlugs(list.split(','));
  }

  /** The table keeps the slugs' order and every attribute any of the entities has. */
  async compareSlugs(list: readonly string[]): Promise<Comparison> {
    const slugs = checkSlugs(list);
    const rows = new Map((await this.graph.findWithAttributes(slugs)).map((row) => [row.slug, row]));
    const missing = slugs.filter((slug) => !rows.has(slug));
    if (missing.length) {
      throw new DomainError(404, 'not-found', `No entity with slug ${missing.map((s) => `'${s}'`).join(', ')}`, { resource: 'entity', key: missing[0], keys: missing });
    }
    const entities = slugs.map((slug) => rows.get(slug)!);
    const names = [...new Set(entities.flatMap((e) => Object.keys(attributesOf(e.attributes))))];
    return {
      entities: entities.map(toEntityRef),
      attributes: names.map((name) => ({
        name,
        values: Object.fromEntries(entities.map((e) => [e.slug, (attributesOf(e.attributes)[name] ?? null) as AttributeValue])),
      })),
    };
  }
}

function attributesOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function checkSlugs(list: readonly string[]): string[] {
  const slugs = list.map((s) => s.trim().toLowerCase());
  const bad = slugs.find((s) => !SLUG.test(s));
  if (bad !== undefined) throw new BadParameterError('entities', `must be entity slugs; '${bad.slice(0, 50)}' is not a slug`);
  if (new Set(slugs).size !== slugs.length) throw new BadParameterError('entities', 'names an entity twice');
  if (slugs.length < MIN_COMPARED || slugs.length > MAX_COMPARED) {
    throw new BadParameterError('entities', `must name ${MIN_COMPARED} to ${MAX_COMPARED} entities (got ${slugs.length})`);
  }
  return slugs;
}
