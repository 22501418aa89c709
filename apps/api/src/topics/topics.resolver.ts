import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NotFoundError } from '../common/problems.js';
import { Entity, type EntitySource } from '../entities/models/entity.model.js';
import { Loaders } from '../graphql/graphql-context.js';
import type { GraphqlLoaders } from '../graphql/loaders/loaders.factory.js';
import type { TopicNode } from '../graphql/loaders/topic-node.js';
import { connectionComplexity, listComplexity, toConnection } from '../graphql/relay.js';
import { Snippet } from './models/snippet.model.js';
import { Topic, TopicConnection } from './models/topic.model.js';
import { TopicsArgs } from './models/topics.args.js';
import type { Snippet as SnippetValue, Topic as TopicValue } from './topic.mapper.js';
import { TopicsService } from './topics.service.js';

/** A Topic as resolvers see it: from TopicsService.get (with snippets) or from a loader. */
type TopicParent = Omit<TopicNode, 'cursor'> & { snippets?: SnippetValue[] };

@Resolver(() => Topic)
export class TopicsResolver {
  constructor(private readonly topicsService: TopicsService) {}

  @Query(() => Topic, { nullable: true, description: 'A topic by slug; null when there is none' })
  topic(@Args('slug') slug: string): Promise<TopicValue | null> {
    return this.topicsService.get(slug).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
  }

  @Query(() => TopicConnection, { description: 'Topics in document order, as GET /api/v1/topics', complexity: connectionComplexity })
  async topics(@Args() args: TopicsArgs, @Loaders() loaders: GraphqlLoaders) {
    const page = await this.topicsService.list({ parent: args.parent ?? undefined, entity: args.entity ?? undefined, limit: args.first ?? undefined, cursor: args.after ?? undefined });
    // One batched read gives every node its body and the cursor the service accepts back.
    const nodes = (await loaders.topic.loadMany(page.items.map((item) => item.slug))).filter(
      (node): node is TopicNode => node !== null && !(node instanceof Error),
    );
    return toConnection(nodes, page.nextCursor !== null, (node) => node.cursor);
  }

  @ResolveField(() => Topic, { nullable: true })
  parent(@Parent() topic: TopicParent, @Loaders() loaders: GraphqlLoaders): Promise<TopicNode | null> | null {
    return topic.parentSlug === null ? null : loaders.topic.load(topic.parentSlug);
  }

  @ResolveField(() => [Topic], { complexity: listComplexity })
  children(@Parent() topic: TopicParent, @Loaders() loaders: GraphqlLoaders): Promise<TopicNode[]> {
    return loaders.childrenOfTopic.load(topic.slug);
  }

  @ResolveField(() => [Snippet], { complexity: listComplexity })
  snippets(@Parent() topic: TopicParent, @Loaders() loaders: GraphqlLoaders): SnippetValue[] | Promise<SnippetValue[]> {
    return topic.snippets ?? loaders.snippetsOfTopic.load(topic.slug);
  }

  @ResolveField(() => [Entity], { description: 'Entities the topic mentions, most-mentioned first', complexity: listComplexity })
  entities(@Parent() topic: TopicParent, @Loaders() loaders: GraphqlLoaders): Promise<EntitySource[]> {
    return loaders.entitiesOfTopic.load(topic.slug);
  }
}
