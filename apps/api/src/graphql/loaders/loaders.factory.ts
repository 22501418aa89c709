import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { VersionedCache } from '../../common/versioned-cache.js';
import { ContentChanges } from '../../content-changes/content-changes.service.js';
import { EntitiesRepository } from '../../entities/entities.repository.js';
import { toEntityRef, type EntityRelation } from '../../entities/entity.mapper.js';
import type { EntitySource } from '../../entities/models/entity.model.js';
import { toSnippet, type Snippet } from '../../topics/topic.mapper.js';
import { TopicsRepository } from '../../topics/topics.repository.js';
import { groupByKey, oneByKey } from './group.js';
import { toTopicNode, type TopicNode } from './topic-node.js';

/**
 * One set per GraphQL request (built in the context): a nested field costs at
 * most one repository call per level, not per row. Every loader is keyed by slug.
 */
export interface GraphqlLoaders {
  topic: DataLoader<string, TopicNode | null>;
  childrenOfTopic: DataLoader<string, TopicNode[]>;
  snippetsOfTopic: DataLoader<string, Snippet[]>;
  entitiesOfTopic: DataLoader<string, EntitySource[]>;
  entity: DataLoader<string, EntitySource | null>;
  topicsOfEntity: DataLoader<string, TopicNode[]>;
  relationsOfEntity: DataLoader<string, EntityRelation[]>;
}

const LOADER_NAMES = ['topic', 'childrenOfTopic', 'snippetsOfTopic', 'entitiesOfTopic', 'entity', 'topicsOfEntity', 'relationsOfEntity'] as const satisfies readonly (keyof GraphqlLoaders)[];

type Batches = { [K in keyof GraphqlLoaders]: GraphqlLoaders[K] extends DataLoader<string, infer V> ? (slugs: string[]) => Promise<V[]> : never };

@Injectable()
export class LoadersFactory {
  /**
   * Across requests, each loader's values are kept per slug until the next write by
   * any process (ContentChanges.version): the graph only changes on ingest, and a
   * repeated query otherwise costs a database round trip per level.
   */
  private readonly caches = new Map<string, VersionedCache<unknown>>();

  constructor(
    private readonly topics: TopicsRepository,
    private readonly entities: EntitiesRepository,
    private readonly contentChanges: ContentChanges,
  ) {}

  /**
   * Built on first use: most queries touch one or two of the seven. The getters
   * live on a shared prototype, so a request's set costs one small object
   * (defining seven properties per request was 4% of a GraphQL topic's CPU).
   */
  create(): GraphqlLoaders {
    return new LazyLoaders(this) as unknown as GraphqlLoaders;
  }

  /** @internal for LazyLoaders */
  loader(name: keyof GraphqlLoaders): DataLoader<string, unknown> {
    const cache = this.cache(name);
    const batch = this.batches[name] as (slugs: string[]) => Promise<unknown[]>;
    return new DataLoader<string, unknown>((slugs) => cache.getMany(slugs, batch));
  }

  private readonly batches: Batches = {
    topic: async (slugs) =>
      oneByKey(slugs, await this.topics.findNodesBySlugs(slugs), (row) => row.slug, toTopicNode),
    childrenOfTopic: async (slugs) =>
      groupByKey(slugs, await this.topics.findChildrenOfSlugs(slugs), (row) => row.parent?.slug ?? '', toTopicNode),
    snippetsOfTopic: async (slugs) =>
      groupByKey(slugs, await this.topics.findSnippetsOfSlugs(slugs), (row) => row.topic.slug, toSnippet),
    entitiesOfTopic: async (slugs) =>
      groupByKey(slugs, await this.entities.findMentionedEntities(slugs), (row) => row.topic.slug, (row) => toEntitySource(row.entity)),
    entity: async (slugs) =>
      oneByKey(slugs, await this.entities.findNodesBySlugs(slugs), (row) => row.slug, toEntitySource),
    topicsOfEntity: async (slugs) =>
      groupByKey(slugs, await this.topics.findMentioningTopics(slugs), (row) => row.entity.slug, (row) => toTopicNode(row.topic)),
    relationsOfEntity: async (slugs) => relationsBySlug(slugs, await this.entities.findRelationsOfSlugs(slugs)),
  };

  private cache(name: string): VersionedCache<unknown> {
    let cache = this.caches.get(name);
    if (!cache) this.caches.set(name, (cache = new VersionedCache(() => this.contentChanges.version, { maxEntries: 5000 })));
    return cache;
  }
}

class LazyLoaders {
  readonly made: Partial<Record<keyof GraphqlLoaders, DataLoader<string, unknown>>> = {};
  constructor(readonly factory: LoadersFactory) {}
}
for (const name of LOADER_NAMES) {
  Object.defineProperty(LazyLoaders.prototype, name, {
    enumerable: true,
    get(this: LazyLoaders) {
      return (this.made[name] ??= this.factory.loader(name));
    },
  });
}

function toEntitySource(row: Omit<EntitySource, 'attributes'> & { attributes: unknown }): EntitySource {
  return { ...row, attributes: (row.attributes ?? {}) as Record<string, unknown> };
}

type RelationRow = Awaited<ReturnType<EntitiesRepository['findRelationsOfSlugs']>>[number];

/** Outgoing relations first, then incoming, each in id order: the order REST's Entity.relations has. */
function relationsBySlug(slugs: readonly string[], rows: RelationRow[]): EntityRelation[][] {
  const evidence = (row: RelationRow) => row.evidence.map((e) => e.topic.slug);
  const outgoing = groupByKey(slugs, rows, (row) => row.from.slug, (row): EntityRelation =>
    ({ type: row.type, direction: 'out', entity: toEntityRef(row.to), evidence: evidence(row) }));
  const incoming = groupByKey(slugs, rows, (row) => row.to.slug, (row): EntityRelation =>
    ({ type: row.type, direction: 'in', entity: toEntityRef(row.from), evidence: evidence(row) }));
  return slugs.map((_, i) => [...outgoing[i]!, ...incoming[i]!]);
}
