import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NotFoundError } from '../common/problems.js';
import { SlugInput } from '../common/slug.input.js';
import { Entity } from '../entities/models/entity.model.js';
import type { Entity as EntityValue } from '../entities/entities.types.js';
import { Loaders } from '../graphql/graphql-context.js';
import type { GraphqlLoaders } from '../graphql/loaders/loaders.factory.js';
import { connectionComplexity, listComplexity, toConnection } from '../graphql/relay.js';
import { RelatedTopic, Topic, TopicConnection } from './models/topic.model.js';
import { ListTopicsInput, RelatedTopicsInput } from './topics.inputs.js';
import { TopicsService } from './topics.service.js';
import type { RelatedTopic as RelatedTopicValue, Topic as TopicValue } from './topics.types.js';

/** The fields where GraphQL answers whole objects (REST answers summaries and references) load them per level. */
@Resolver(() => Topic)
export class TopicsResolver {
  constructor(private readonly topicsService: TopicsService) {}

  @Query(() => Topic, { nullable: true, description: 'A topic by slug; null when there is none' })
  topic(@Args() { slug }: SlugInput, @Loaders() loaders: GraphqlLoaders): Promise<TopicValue | null> {
    return loaders.topic.load(slug);
  }

  @Query(() => TopicConnection, { description: 'Topics in document order, as GET /api/v1/topics', complexity: connectionComplexity })
  async topics(@Args() query: ListTopicsInput, @Loaders() loaders: GraphqlLoaders) {
    const page = await this.topicsService.list(query);
    return toConnection(page, await loaders.topic.loadMany(page.items.map((item) => item.slug)));
  }

  @ResolveField(() => Topic, { nullable: true })
  parent(@Parent() topic: TopicValue, @Loaders() loaders: GraphqlLoaders): Promise<TopicValue | null> | null {
    return topic.parentSlug === null ? null : loaders.topic.load(topic.parentSlug);
  }

  @ResolveField(() => [Topic], { complexity: listComplexity })
  children(@Parent() topic: TopicValue, @Loaders() loaders: GraphqlLoaders): Promise<TopicValue[]> {
    return loadAll(loaders.topic, topic.children.map((child) => child.slug));
  }

  @ResolveField(() => [Entity], { description: 'Entities the topic mentions, most-mentioned first', complexity: listComplexity })
  entities(@Parent() topic: TopicValue, @Loaders() loaders: GraphqlLoaders): Promise<EntityValue[]> {
    return loadAll(loaders.entity, topic.entities.map((entity) => entity.slug));
  }

  @ResolveField(() => [RelatedTopic], { description: 'Topics related through the entities both mention, best first (as GET /topics/{slug}/related)', complexity: listComplexity })
  async related(@Parent() topic: TopicValue, @Args() { limit }: RelatedTopicsInput, @Loaders() loaders: GraphqlLoaders): Promise<RelatedTopicValue[]> {
    return (await loaders.related(limit).load(topic.slug)) ?? [];
  }
}

@Resolver(() => RelatedTopic)
export class RelatedTopicResolver {
  @ResolveField(() => Topic)
  async topic(@Parent() related: RelatedTopicValue, @Loaders() loaders: GraphqlLoaders): Promise<TopicValue> {
    const topic = await loaders.topic.load(related.topic.slug);
    if (!topic) throw new NotFoundError('topic', related.topic.slug);
    return topic;
  }

  @ResolveField(() => [Entity], { description: 'The shared entities that relate the two topics, most specific first' })
  via(@Parent() related: RelatedTopicValue, @Loaders() loaders: GraphqlLoaders): Promise<EntityValue[]> {
    return loadAll(loaders.entity, related.via.map((entity) => entity.slug));
  }
}

/** Loads every key; a key whose value vanished meanwhile (a concurrent delete) is left out. */
async function loadAll<V>(loader: { loadMany(keys: readonly string[]): Promise<Array<V | null | Error>> }, keys: readonly string[]): Promise<V[]> {
  return (await loader.loadMany(keys)).filter((value): value is V => value !== null && !(value instanceof Error));
}
