import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { BadParameterError } from '../common/problems.js';
import { Loaders } from '../graphql/graphql-context.js';
import type { GraphqlLoaders } from '../graphql/loaders/loaders.factory.js';
import { Topic } from '../topics/models/topic.model.js';
import type { Topic as TopicValue } from '../topics/topics.types.js';
import { DEFAULT_SEARCH_LIMIT, MAX_QUERY_CHARS } from './search.dto.js';
import { SearchArgs, SearchHit, SearchResult, searchComplexity } from './models/search.model.js';
import { SearchService } from './search.service.js';
import type { SearchHit as SearchHitValue, SearchResult as SearchResultValue } from './search.types.js';

@Resolver(() => SearchHit)
export class SearchResolver {
  constructor(private readonly searchService: SearchService) {}

  @Query(() => SearchResult, { description: 'Full-text search, as GET /api/v1/search', complexity: searchComplexity })
  search(@Args() args: SearchArgs): Promise<SearchResultValue> {
    const q = args.query.trim();
    if (!q) throw new BadParameterError('query', `must be 1 to ${MAX_QUERY_CHARS} characters, not only spaces`);
    return this.searchService.search({ q, kinds: args.kinds ?? undefined, types: args.types ?? undefined, limit: args.limit ?? DEFAULT_SEARCH_LIMIT });
  }

  @ResolveField(() => Topic, { nullable: true, description: 'The whole topic the hit belongs to' })
  topic(@Parent() hit: SearchHitValue, @Loaders() loaders: GraphqlLoaders): Promise<TopicValue | null> | null {
    return hit.topicSlug === null ? null : loaders.topic.load(hit.topicSlug);
  }
}
