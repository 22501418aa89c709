import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import type { EntityType } from '../../../../../seed/ontology/types.js';
import { EntityTypeEnum } from '../../entities/models/entity-type.enum.js';
import { LIST_SIZE_ESTIMATE, listComplexity } from '../../graphql/relay.js';
import { MAX_DEPTH } from '../graph.service.js';

@ArgsType()
export class NeighborsArgs {
  @Field(() => String)
  @IsString() @MaxLength(200)
  slug: string;

  @Field(() => Int, { nullable: true, description: `Hops to follow, 1 to ${MAX_DEPTH} (default 1)` })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_DEPTH)
  depth?: number;
}

@ObjectType({ description: 'An entity reached from the start, with its distance in hops (0 for the start)' })
export class SubgraphNode {
  @Field()
  slug: string;

  @Field()
  name: string;

  @Field(() => EntityTypeEnum)
  type: EntityType;

  @Field(() => Int)
  depth: number;
}

@ObjectType({ description: 'A typed relation between two entities of the subgraph' })
export class SubgraphEdge {
  @Field({ description: 'Slug of the subject entity' })
  from: string;

  @Field({ description: 'Slug of the object entity' })
  to: string;

  @Field()
  type: string;

  @Field(() => [String], { description: 'Slugs of the topics that mention both ends' })
  evidence: string[];
}

@ObjectType({ description: 'Entities within `depth` hops of `root` over typed relations (both directions)' })
export class Subgraph {
  @Field()
  root: string;

  @Field(() => Int)
  depth: number;

  @Field(() => [SubgraphNode], { complexity: listComplexity })
  nodes: SubgraphNode[];

  @Field(() => [SubgraphEdge], { complexity: listComplexity })
  edges: SubgraphEdge[];
}

/** Each hop past the first multiplies the nodes (the nodes and edges lists count one hop themselves). */
export function neighborsComplexity({ args, childComplexity }: Pick<ComplexityEstimatorArgs, 'args' | 'childComplexity'>): number {
  const depth = typeof args.depth === 'number' ? Math.min(Math.max(args.depth, 1), MAX_DEPTH) : 1;
  return 1 + childComplexity * LIST_SIZE_ESTIMATE ** (depth - 1);
}
