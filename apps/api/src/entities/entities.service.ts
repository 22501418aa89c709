import { Injectable } from '@nestjs/common';
import { decodeCursor, pageSize, toPage, type CursorPage } from '../common/pagination.js';
import { NotFoundError } from '../common/problems.js';
import { toEntityRef } from '../common/refs.mapper.js';
import { EntitiesRepository } from './entities.repository.js';
import type { Entity, EntityListQuery, EntityRef } from './entities.types.js';
import { toEntity } from './entity.mapper.js';

const isEntityCursor = (v: unknown): v is { s: string } =>
  typeof v === 'object' && v !== null && typeof (v as { s: unknown }).s === 'string';

@Injectable()
export class EntitiesService {
  constructor(private readonly entities: EntitiesRepository) {}

  /** Entities in slug order; each item's cursor resumes the list after it. */
  async list(query: EntityListQuery): Promise<CursorPage<Entity>> {
    const limit = pageSize(query.limit);
    const after = decodeCursor(query.cursor, isEntityCursor);
    const rows = await this.entities.list({ type: query.type, q: query.q, afterSlug: after?.s, take: limit + 1 });
    return toPage(rows, limit, (row) => ({ s: row.slug }), toEntity);
  }

  async get(slug: string): Promise<Entity> {
    const [entity] = await this.getMany([slug]);
    if (!entity) throw new NotFoundError('entity', slug);
    return entity;
  }

  /** Several entities in one read, in the order asked; null where there is none (GraphQL's loaders batch through this). */
  async getMany(slugs: readonly string[]): Promise<Array<Entity | null>> {
    const found = new Map((await this.entities.findBySlugs(slugs)).map((row) => [row.slug, toEntity(row)]));
    return slugs.map((slug) => found.get(slug) ?? null);
  }

  /** References to the entities these slugs name (unknown slugs left out). */
  async refs(slugs: readonly string[]): Promise<EntityRef[]> {
    return slugs.length === 0 ? [] : (await this.entities.findRefs(slugs)).map(toEntityRef);
  }

  async idOf(slug: string): Promise<number | undefined> {
    return (await this.entities.findIdBySlug(slug))?.id;
  }
}
