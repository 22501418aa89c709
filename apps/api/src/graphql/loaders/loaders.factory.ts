import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { EntitiesRepository } from '../../entities/entities.repository.js';
import { toEntityRef, type EntityRelation } from '../../entities/entity.mapper.js';
import type { EntitySource } from '../../entities/models/entity.model.js';
import { toSnippet, type Snippet } from '../../topics/topic.mapper.js';
import { TopicsRepository } from '../../topics/topics.repository.js';
import { groupByKey, oneByKey } from './group.js';
import { toTopicNode, type TopicNode } from './topic-node.js';

/**
 * One set per GraphQL request (built in the context), so caching never outlives
 * a request and a nested field costs one repository call per level, not per row.
 * Every loader is keyed by slug.
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

@Injectable()
export class LoadersFactory {
  constructor(
    private readonly topics: TopicsRepository,
    private readonly entities: EntitiesRepository,
  ) {}

  create(): GraphqlLoaders {
    const { topics, entities } = this;
    return {
      topic: new DataLoader(async (slugs) =>
        oneByKey(slugs, await topics.findNodesBySlugs(slugs), (row) => row.slug, toTopicNode)),
      childrenOfTopic: new DataLoader(async (slugs) =>
        groupByKey(slugs, await topics.findChildrenOfSlugs(slugs), (row) => row.parent?.slug ?? '', toTopicNode)),
      snippetsOfTopic: new DataLoader(async (slugs) =>
        groupByKey(slugs, await topics.findSnippetsOfSlugs(slugs), (row) => row.topic.slug, toSnippet)),
      entitiesOfTopic: new DataLoader(async (slugs) =>
        groupByKey(slugs, await entities.findMentionedEntities(slugs), (row) => row.topic.slug, (row) => toEntitySource(row.entity))),
      entity: new DataLoader(async (slugs) =>
        oneByKey(slugs, await entities.findNodesBySlugs(slugs), (row) => row.slug, toEntitySource)),
      topicsOfEntity: new DataLoader(async (slugs) =>
        groupByKey(slugs, await topics.findMentioningTopics(slugs), (row) => row.entity.slug, (row) => toTopicNode(row.topic))),
      relationsOfEntity: new DataLoader(async (slugs) => relationsBySlug(slugs, await entities.findRelationsOfSlugs(slugs))),
    };
  }
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
