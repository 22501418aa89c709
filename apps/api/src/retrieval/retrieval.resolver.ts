import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Entity as EntityValue } from '../entities/entities.types.js';
import { Entity } from '../entities/models/entity.model.js';
import { Loaders } from '../graphql/graphql-context.js';
import type { GraphqlLoaders } from '../graphql/loaders/loaders.factory.js';
import { listComplexity } from '../graphql/relay.js';
import { Topic } from '../topics/models/topic.model.js';
import type { Topic as TopicValue } from '../topics/topics.types.js';
import { Passage, RetrieveResult, retrieveComplexity } from './models/passage.model.js';
import { RetrieveInput } from './retrieval.inputs.js';
import { RetrievalService } from './retrieval.service.js';
import type { Passage as PassageValue, RetrieveResult as RetrieveResultValue } from './retrieval.types.js';

@Resolver(() => Passage)
export class RetrievalResolver {
  constructor(private readonly retrievalService: RetrievalService) {}

  /** Kept as the contract gives it (a list); `retrieval` answers REST's whole shape. */
  @Query(() => [Passage], { description: 'Passages with citations for a question, as the passages of POST /api/v1/retrieve', complexity: retrieveComplexity })
  async retrieve(@Args() input: RetrieveInput): Promise<PassageValue[]> {
    return (await this.retrievalService.retrieve(input)).passages;
  }

  @Query(() => RetrieveResult, { description: 'Passages with citations for a question and the engine that found them: POST /api/v1/retrieve\'s answer', complexity: retrieveComplexity })
  retrieval(@Args() input: RetrieveInput): Promise<RetrieveResultValue> {
    return this.retrievalService.retrieve(input);
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
