import { ArgsType, Field, Int, IntersectionType, registerEnumType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SlugInput } from '../common/slug.input.js';
import { GRAPH_FORMATS, GRAPH_INCLUDES, MAX_DEPTH, type GraphFormat, type GraphInclude } from './graph.types.js';

const depthMessage = `depth must be an integer from 1 to ${MAX_DEPTH}`;

/** How far a neighbourhood reaches: REST's `?depth=`, GraphQL's `depth`. */
@ArgsType()
export class DepthInput {
  @Field(() => Int, { nullable: true, description: `Hops to follow, 1 to ${MAX_DEPTH} (default 1)` })
  @ApiPropertyOptional({ description: `Hops to follow, 1 to ${MAX_DEPTH}`, minimum: 1, maximum: MAX_DEPTH, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt({ message: depthMessage }) @Min(1, { message: depthMessage }) @Max(MAX_DEPTH, { message: depthMessage })
  depth?: number;
}

/** GraphQL `neighbors(slug, depth)`; REST takes the same two from its path and query. */
@ArgsType()
export class NeighborsInput extends IntersectionType(SlugInput, DepthInput, ArgsType) {}

export enum GraphFormatEnum {
  JSON = 'json',
  DOT = 'dot',
  GRAPHML = 'graphml',
}
registerEnumType(GraphFormatEnum, { name: 'GraphFormat', description: 'JSON, Graphviz DOT or GraphML' });

export enum GraphIncludeEnum {
  TOPICS = 'topics',
}
registerEnumType(GraphIncludeEnum, { name: 'GraphInclude', description: 'What the graph holds beside entities and relations' });

/** What the whole graph holds: REST's `?include=topics`, GraphQL's `include: TOPICS`. */
@ArgsType()
export class GraphContentInput {
  @Field(() => GraphIncludeEnum, { nullable: true, description: 'TOPICS: also the topics, with MENTIONS edges from each topic to the entities it names' })
  @ApiPropertyOptional({ enum: GRAPH_INCLUDES, description: 'Also the topics, with MENTIONS edges from each topic to the entities it names' })
  @IsOptional() @IsIn(GRAPH_INCLUDES, { message: `include must be one of: ${GRAPH_INCLUDES.join(', ')}` })
  include?: GraphInclude;
}

/** GET /api/v1/graph and GraphQL `graphExport`: the whole graph in a format. */
@ArgsType()
export class GraphExportInput extends GraphContentInput {
  @Field(() => GraphFormatEnum, { nullable: true, description: 'JSON, Graphviz DOT or GraphML (default JSON)' })
  @ApiPropertyOptional({ enum: GRAPH_FORMATS, default: 'json', description: 'json, Graphviz DOT or GraphML' })
  @IsOptional() @IsIn(GRAPH_FORMATS, { message: `format must be one of: ${GRAPH_FORMATS.join(', ')}` })
  format?: GraphFormat;
}
