import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { EntitiesService } from '../../entities/entities.service.js';
import type { Entity } from '../../entities/entities.types.js';
import { TopicsService } from '../../topics/topics.service.js';
import type { RelatedTopic, Topic } from '../../topics/topics.types.js';

/**
 * One set per GraphQL request (built in the context), gone with it: a nested
 * field costs one batched service read per level, not one per row, and the
 * services' own mappers shape every value (what REST answers is what GraphQL
 * shows). Repeated reads across requests are the response cache's job.
 */
export interface GraphqlLoaders {
  topic: DataLoader<string, Topic | null>;
  entity: DataLoader<string, Entity | null>;
  /** Related topics by topic slug, `limit` of them (null for a slug that names no topic). */
  related(limit?: number): DataLoader<string, RelatedTopic[] | null>;
}

@Injectable()
export class LoadersFactory {
  constructor(
    readonly topics: TopicsService,
    readonly entities: EntitiesService,
  ) {}

  create(): GraphqlLoaders {
    return new RequestLoaders(this);
  }
}

/** Loaders are made on first use: most queries touch one or two. */
class RequestLoaders implements GraphqlLoaders {
  private topicLoader?: DataLoader<string, Topic | null>;
  private entityLoader?: DataLoader<string, Entity | null>;
  private readonly relatedLoaders = new Map<number | undefined, DataLoader<string, RelatedTopic[] | null>>();

  constructor(private readonly services: LoadersFactory) {}

  get topic(): DataLoader<string, Topic | null> {
    return (this.topicLoader ??= new DataLoader((slugs) => this.services.topics.getMany(slugs)));
  }

  get entity(): DataLoader<string, Entity | null> {
    return (this.entityLoader ??= new DataLoader((slugs) => this.services.entities.getMany(slugs)));
  }

  related(limit?: number): DataLoader<string, RelatedTopic[] | null> {
    let loader = this.relatedLoaders.get(limit);
    if (!loader) this.relatedLoaders.set(limit, (loader = new DataLoader((slugs) => this.services.topics.relatedMany(slugs, limit))));
    return loader;
  }
}
