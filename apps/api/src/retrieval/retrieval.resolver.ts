import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Entity as EntityValue } from '../entities/entities.types.js';
import { Entity } from '../entities/models/entity.model.js';
import { Loaders } from '../graphql/graphql-context.js';
import type { GraphqlLoaders } from '../graphql/loaders/loaders.factory.js';
import { listComplexity } from '../graphql/relay.js';
import { Topic } from '../topics/models/topic.model.js';
import type { Topic as TopicValue } from '../topics/topics.types.js';
import { Passage, RetrieveArgs, retrieveComplexity } from './models/passage.model.js';
import { RetrievalService } from './retrieval.service.js';
import type { Passage as PassageValue } from './retrieval.types.js';

@Resolver(() => Passage)
export class RetrievalResolver {
  constructor(private readonly retrieval: RetrievalService) {}

  @Query(() => [Passage], { description: 'Passages with citations for a question, as POST /api/v1/retrieve', complexity: retrieveComplexity })
  async retrieve(@Args() args: RetrieveArgs): Promise<PassageValue[]> {
    return (await this.retrieval.retrieve({ query: args.query, topK: args.topK ?? undefined, maxChars: args.maxChars ?? undefined })).passages;
  }

  @ResolveField(() => [Entity], { description: 'Entities the passage names', complexity: listComplexity })
  async entities(@Parent() passage: PassageValue, @Loaders() loaders: GraphqlLoaders): Promise<EntityValue[]> {
    const entities = await loaders.entity.loadMany(passage.entities.map((e) => e.slug));
    return entities.filter((e): e is EntityValue => e !== null && !(e instanceof Error));
  }

  @ResolveField(() => Topic, { nullable: true, description: 'The whole topic the passage comes from' })
  topic(@Parent() passage: PassageValue, @Loaders() loaders: GraphqlLoaders): Promise<TopicValue | null> {
    return loaders.topic.load(passage.topicSlug);
  }
}
