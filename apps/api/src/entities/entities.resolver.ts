import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NotFoundError } from '../common/problems.js';
import { SlugInput } from '../common/slug.input.js';
import { Loaders } from '../graphql/graphql-context.js';
import type { GraphqlLoaders } from '../graphql/loaders/loaders.factory.js';
import { connectionComplexity, listComplexity, toConnection } from '../graphql/relay.js';
import { Topic } from '../topics/models/topic.model.js';
import type { Topic as TopicValue } from '../topics/topics.types.js';
import { EntitiesService } from './entities.service.js';
import type { Entity as EntityValue, EntityRelation } from './entities.types.js';
import { ListEntitiesInput } from './entities.inputs.js';
import { Entity, EntityConnection, Relation } from './models/entity.model.js';

/** Field resolvers here apply to every Entity implementation (ServiceType, Probe, ...). */
@Resolver(() => Entity)
export class EntitiesResolver {
  constructor(private readonly entitiesService: EntitiesService) {}

  @Query(() => Entity, { nullable: true, description: 'An entity by slug; null when there is none' })
  entity(@Args() { slug }: SlugInput, @Loaders() loaders: GraphqlLoaders): Promise<EntityValue | null> {
    return loaders.entity.load(slug);
  }

  @Query(() => EntityConnection, { description: 'Entities by slug, as GET /api/v1/entities', complexity: connectionComplexity })
  async entities(@Args() query: ListEntitiesInput) {
    const page = await this.entitiesService.list(query);
    return toConnection(page, page.items);
  }

  @ResolveField(() => [Topic], { description: 'Topics that mention it, in document order', complexity: listComplexity })
  async topics(@Parent() entity: EntityValue, @Loaders() loaders: GraphqlLoaders): Promise<TopicValue[]> {
    const topics = await loaders.topic.loadMany(entity.topics.map((topic) => topic.slug));
    return topics.filter((topic): topic is TopicValue => topic !== null && !(topic instanceof Error));
  }
}

@Resolver(() => Relation)
export class RelationResolver {
  @ResolveField(() => Entity, { description: 'The entity at the other end' })
  async entity(@Parent() relation: EntityRelation, @Loaders() loaders: GraphqlLoaders): Promise<EntityValue> {
    const entity = await loaders.entity.load(relation.entity.slug);
    if (!entity) throw new NotFoundError('entity', relation.entity.slug);
    return entity;
  }
}
