import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders } from '../graphql/graphql-context.js';
import type { GraphqlLoaders } from '../graphql/loaders/loaders.factory.js';
import { Topic } from '../topics/models/topic.model.js';
import type { Topic as TopicValue } from '../topics/topics.types.js';
import { SearchHit, SearchResult, searchComplexity } from './models/search.model.js';
import { SearchInput, toSearchQuery } from './search.inputs.js';
import { SearchService } from './search.service.js';
import type { SearchHit as SearchHitValue, SearchResult as SearchResultValue } from './search.types.js';

@Resolver(() => SearchHit)
export class SearchResolver {
  constructor(private readonly searchService: SearchService) {}

  @Query(() => SearchResult, { description: 'Full-text search, as GET /api/v1/search', complexity: searchComplexity })
  search(@Args() input: SearchInput): Promise<SearchResultValue> {
    return this.searchService.search(toSearchQuery(input));
  }

  @ResolveField(() => Topic, { nullable: true, description: 'The whole topic the hit belongs to' })
  topic(@Parent() hit: SearchHitValue, @Loaders() loaders: GraphqlLoaders): Promise<TopicValue | null> | null {
    return hit.topicSlug === null ? null : loaders.topic.load(hit.topicSlug);
  }
}
