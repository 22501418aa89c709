import { Injectable } from '@nestjs/common';
import type { EntityType } from '../../../../seed/ontology/types.js';
import { decodeCursor, pageSize, toPage, type Page } from '../common/pagination.js';
import { NotFoundError } from '../common/problems.js';
import { EntitiesRepository } from './entities.repository.js';
import { toEntity, type Entity } from './entity.mapper.js';

export interface EntityListQuery {
  type?: EntityType;
  q?: string;
  limit?: number;
  cursor?: string;
}

const isEntityCursor = (v: unknown): v is { s: string } =>
  typeof v === 'object' && v !== null && typeof (v as { s: unknown }).s === 'string';

@Injectable()
export class EntitiesService {
  constructor(private readonly entities: EntitiesRepository) {}

  async list(query: EntityListQuery): Promise<Page<Entity>> {
    const limit = pageSize(query.limit);
    const after = decodeCursor(query.cursor, isEntityCursor);
    const rows = await this.entities.list({ type: query.type, q: query.q, afterSlug: after?.s, take: limit + 1 });
    return toPage(rows, limit, (row) => ({ s: row.slug }), toEntity);
  }

  async get(slug: string): Promise<Entity> {
    const row = await this.entities.findBySlug(slug);
    if (!row) throw new NotFoundError('entity', slug);
    return toEntity(row);
  }
}
