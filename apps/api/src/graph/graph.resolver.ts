import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NotFoundError } from '../common/problems.js';
import type { Entity as EntityValue } from '../entities/entities.types.js';
import { Entity } from '../entities/models/entity.model.js';
import { Loaders } from '../graphql/graphql-context.js';
import type { GraphqlLoaders } from '../graphql/loaders/loaders.factory.js';
import { GraphContentInput, GraphExportInput, NeighborsInput } from './graph.inputs.js';
import { GraphService } from './graph.service.js';
import type { GraphDocument as GraphDocumentValue, NeighborNode as NeighborNodeValue, Neighborhood as NeighborhoodValue } from './graph.types.js';
import { GraphDocument, NeighborNode, Neighborhood, WHOLE_GRAPH_COMPLEXITY, neighborsComplexity } from './models/graph.model.js';

@Resolver(() => Neighborhood)
export class GraphResolver {
  constructor(private readonly graphService: GraphService) {}

  @Query(() => Neighborhood, { description: 'The neighbourhood of an entity, as GET /api/v1/entities/{slug}/neighbors', complexity: neighborsComplexity })
  neighbors(@Args() { slug, depth }: NeighborsInput): Promise<NeighborhoodValue> {
    return this.graphService.neighbors(slug, depth);
  }

  @Query(() => GraphDocument, { description: 'The whole graph, as GET /api/v1/graph?format=json', complexity: WHOLE_GRAPH_COMPLEXITY })
  graph(@Args() { include }: GraphContentInput): Promise<GraphDocumentValue> {
    return this.graphService.whole(include === 'topics');
  }

  @Query(() => String, { description: 'The whole graph as text in a format (JSON, Graphviz DOT, GraphML), as GET /api/v1/graph', complexity: WHOLE_GRAPH_COMPLEXITY })
  async graphExport(@Args() { format, include }: GraphExportInput): Promise<string> {
    const { body } = await this.graphService.export(format, include === 'topics');
    return typeof body === 'string' ? body : JSON.stringify(body);
  }
}

@Resolver(() => NeighborNode)
export class SubgraphNodeResolver {
  @ResolveField(() => Entity, { description: 'The whole entity (typed fields, topics, relations)' })
  async entity(@Parent() node: NeighborNodeValue, @Loaders() loaders: GraphqlLoaders): Promise<EntityValue> {
    const entity = await loaders.entity.load(node.slug);
    if (!entity) throw new NotFoundError('entity', node.slug);
    return entity;
  }
}
