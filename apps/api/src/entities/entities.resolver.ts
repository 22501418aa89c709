import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { encodeCursor } from '../common/pagination.js';
import { NotFoundError } from '../common/problems.js';
import { Loaders } from '../graphql/graphql-context.js';
import type { GraphqlLoaders } from '../graphql/loaders/loaders.factory.js';
import type { TopicNode } from '../graphql/loaders/topic-node.js';
import { connectionComplexity, listComplexity, toConnection } from '../graphql/relay.js';
import { Topic } from '../topics/models/topic.model.js';
import { EntitiesService } from './entities.service.js';
import type { Entity as EntityValue, EntityRelation } from './entity.mapper.js';
import { EntitiesArgs } from './models/entities.args.js';
import { Entity, EntityConnection, Relation, type EntitySource } from './models/entity.model.js';

/** An Entity as resolvers see it: from EntitiesService (with relations) or from a loader. */
type EntityParent = EntitySource & { relations?: EntityRelation[] };

/** Field resolvers here apply to every Entity implementation (ServiceType, Probe, ...). */
@Resolver(() => Entity)
export class EntitiesResolver {
  constructor(private readonly entitiesService: EntitiesService) {}

  @Query(() => Entity, { nullable: true, description: 'An entity by slug; null when there is none' })
  entity(@Args('slug') slug: string): Promise<EntityValue | null> {
    return this.entitiesService.get(slug).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
  }

  @Query(() => EntityConnection, { description: 'Entities by slug, as GET /api/v1/entities', complexity: connectionComplexity })
  async entities(@Args() args: EntitiesArgs) {
    const page = await this.entitiesService.list({ type: args.type ?? undefined, q: args.q ?? undefined, limit: args.first ?? undefined, cursor: args.after ?? undefined });
    // Same key as EntitiesService.list's cursors: the slug.
    return toConnection(page.items, page.nextCursor !== null, (entity) => encodeCursor({ s: entity.slug }));
  }

  @ResolveField(() => [Topic], { description: 'Topics that mention it, in document order', complexity: listComplexity })
  topics(@Parent() entity: EntityParent, @Loaders() loaders: GraphqlLoaders): Promise<TopicNode[]> {
    return loaders.topicsOfEntity.load(entity.slug);
  }

  @ResolveField(() => [Relation], { description: 'Outgoing relations, then incoming', complexity: listComplexity })
  relations(@Parent() entity: EntityParent, @Loaders() loaders: GraphqlLoaders): EntityRelation[] | Promise<EntityRelation[]> {
    return entity.relations ?? loaders.relationsOfEntity.load(entity.slug);
  }
}

@Resolver(() => Relation)
export class RelationResolver {
  @ResolveField(() => Entity, { description: 'The entity at the other end' })
  async entity(@Parent() relation: EntityRelation, @Loaders() loaders: GraphqlLoaders): Promise<EntitySource> {
    const entity = await loaders.entity.load(relation.entity.slug);
    if (!entity) throw new NotFoundError('entity', relation.entity.slug);
    return entity;
  }
}
