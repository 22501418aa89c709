import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { ENTITY_TYPES, type EntityType } from '../../../../../seed/ontology/types.js';
import { EntityTypeEnum } from '../../entities/models/entity-type.enum.js';
import { LIST_SIZE_ESTIMATE, listComplexity } from '../../graphql/relay.js';
import type * as T from '../graph.types.js';
import { MAX_DEPTH } from '../graph.types.js';

// One class per shape: each is the GraphQL type and the OpenAPI schema at once.

@ObjectType('SubgraphNode', { description: 'An entity reached from the start, with its distance in hops (0 for the start)' })
export class NeighborNode implements T.NeighborNode {
  @Field()
  @ApiProperty({ example: 'nodeport' })
  slug: string;

  @Field()
  @ApiProperty({ example: 'NodePort' })
  name: string;

  @Field(() => EntityTypeEnum)
  @ApiProperty({ enum: ENTITY_TYPES, enumName: 'EntityType', example: 'SERVICE_TYPE' })
  type: EntityType;

  @Field(() => Int)
  @ApiProperty({ description: 'Hops from the start entity; 0 for the start itself', example: 1 })
  depth: number;
}

@ObjectType('SubgraphEdge', { description: 'A typed relation between two entities of the subgraph' })
export class NeighborEdge implements T.NeighborEdge {
  @Field({ description: 'Slug of the subject entity' })
  @ApiProperty({ description: 'Slug of the subject entity', example: 'loadbalancer' })
  from: string;

  @Field({ description: 'Slug of the object entity' })
  @ApiProperty({ description: 'Slug of the object entity', example: 'nodeport' })
  to: string;

  @Field()
  @ApiProperty({ description: 'Relation type', example: 'EXTENDS' })
  type: string;

  @Field(() => [String], { description: 'Slugs of the topics that mention both ends' })
  @ApiProperty({ type: [String], description: 'Slugs of the topics that mention both ends' })
  evidence: string[];
}

@ObjectType('Subgraph', { description: 'Entities within `depth` hops of `root` over typed relations (both directions)' })
export class Neighborhood implements T.Neighborhood {
  @Field()
  @ApiProperty({ description: 'Slug of the start entity', example: 'nodeport' })
  root: string;

  @Field(() => Int)
  @ApiProperty({ example: 1 })
  depth: number;

  @Field(() => [NeighborNode], { complexity: listComplexity })
  @ApiProperty({ type: [NeighborNode] })
  nodes: NeighborNode[];

  @Field(() => [NeighborEdge], { complexity: listComplexity })
  @ApiProperty({ type: [NeighborEdge] })
  edges: NeighborEdge[];
}

@ObjectType({ description: 'An entity or a topic of the whole graph' })
export class GraphNode implements T.GraphNode {
  @Field({ description: '`entity:<slug>` or `topic:<slug>`' })
  @ApiProperty({ description: '`entity:<slug>` or `topic:<slug>`', example: 'entity:clusterip' })
  id: string;

  @Field({ description: 'entity or topic' })
  @ApiProperty({ enum: ['entity', 'topic'] })
  kind: 'entity' | 'topic';

  @Field()
  @ApiProperty({ example: 'clusterip' })
  slug: string;

  @Field({ description: 'Entity name or topic title' })
  @ApiProperty({ description: 'Entity name or topic title', example: 'ClusterIP' })
  label: string;

  @Field(() => EntityTypeEnum, { nullable: true, description: 'Null for topics' })
  @ApiProperty({ enum: ENTITY_TYPES, enumName: 'EntityType', nullable: true, description: 'Null for topics' })
  type: EntityType | null;
}

@ObjectType({ description: 'A typed relation, or a topic MENTIONS an entity' })
export class GraphEdge implements T.GraphEdge {
  @Field()
  @ApiProperty({ example: 'entity:kube-controller-manager' })
  from: string;

  @Field()
  @ApiProperty({ example: 'entity:node-controller' })
  to: string;

  @Field({ description: 'Relation type, or MENTIONS for topic -> entity' })
  @ApiProperty({ description: 'Relation type, or MENTIONS for topic -> entity', example: 'RUNS' })
  type: string;

  @Field(() => [String], { description: 'Relations: slugs of the topics that mention both ends' })
  @ApiProperty({ type: [String], description: 'Relations: slugs of the topics that mention both ends' })
  evidence: string[];

  @Field(() => Int, { description: 'MENTIONS: how often the topic names the entity; relations: 1' })
  @ApiProperty({ description: 'MENTIONS: how often the topic names the entity; relations: 1', example: 1 })
  weight: number;
}

@ObjectType({ description: 'The whole entity graph (with include TOPICS, the topics too)' })
export class GraphDocument implements T.GraphDocument {
  @Field(() => [GraphNode])
  @ApiProperty({ type: [GraphNode] })
  nodes: GraphNode[];

  @Field(() => [GraphEdge])
  @ApiProperty({ type: [GraphEdge] })
  edges: GraphEdge[];
}

/** Each hop past the first multiplies the nodes (the nodes and edges lists count one hop themselves). */
export function neighborsComplexity({ args, childComplexity }: Pick<ComplexityEstimatorArgs, 'args' | 'childComplexity'>): number {
  const depth = typeof args.depth === 'number' ? Math.min(Math.max(args.depth, 1), MAX_DEPTH) : 1;
  return 1 + childComplexity * LIST_SIZE_ESTIMATE ** (depth - 1);
}

/** The whole graph is hundreds of entities and relations (thousands of topics with TOPICS): priced as a large page. */
export const WHOLE_GRAPH_COMPLEXITY = 1000;
