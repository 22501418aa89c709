import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/problems.js';
import { toEntityRef } from '../common/refs.mapper.js';
import { EntitiesService } from '../entities/entities.service.js';
import type { Entity } from '../entities/entities.types.js';
import type { AttributeValue, Comparison } from './compare.types.js';

@Injectable()
export class CompareService {
  constructor(private readonly entities: EntitiesService) {}

  /** A table of the entities' typed attributes, in the order asked, with every attribute any of them has. */
  async compare(slugs: readonly string[]): Promise<Comparison> {
    const found = await this.entities.getMany(slugs);
    const missing = slugs.filter((_, i) => found[i] === null);
    if (missing.length) {
      throw new DomainError(404, 'not-found', `No entity with slug ${missing.map((s) => `'${s}'`).join(', ')}`, { resource: 'entity', key: missing[0], keys: missing });
    }
    const entities = found as Entity[];
    const names = [...new Set(entities.flatMap((e) => Object.keys(e.attributes)))];
    return {
      entities: entities.map(toEntityRef),
      attributes: names.map((name) => ({
        name,
        values: Object.fromEntries(entities.map((e) => [e.slug, (e.attributes[name] ?? null) as AttributeValue])),
      })),
    };
  }
}
