import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NotFoundError } from '../common/problems.js';
import { Entity, type EntitySource } from '../entities/models/entity.model.js';
import { Loaders } from '../graphql/graphql-context.js';
import type { GraphqlLoaders } from '../graphql/loaders/loaders.factory.js';
import { GraphService, type NeighborNode, type Neighborhood } from './graph.service.js';
import { NeighborsArgs, Subgraph, SubgraphNode, neighborsComplexity } from './models/subgraph.model.js';

@Resolver(() => Subgraph)
export class GraphResolver {
  constructor(private readonly graph: GraphService) {}

  @Query(() => Subgraph, { description: 'The neighbourhood of an entity, as GET /api/v1/entities/{slug}/neighbors', complexity: neighborsComplexity })
  neighbors(@Args() args: NeighborsArgs): Promise<Neighborhood> {
    return this.graph.neighbors(args.slug, args.depth ?? undefined);
  }
}

@Resolver(() => SubgraphNode)
export class SubgraphNodeResolver {
  @ResolveField(() => Entity, { description: 'The whole entity (typed fields, topics, relations)' })
  async entity(@Parent() node: NeighborNode, @Loaders() loaders: GraphqlLoaders): Promise<EntitySource> {
    const entity = await loaders.entity.load(node.slug);
    if (!entity) throw new NotFoundError('entity', node.slug);
    return entity;
  }
}
