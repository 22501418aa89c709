import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { GRAPH_FORMATS, GRAPH_INCLUDES, type GraphFormat } from './graph.model.js';
import { MAX_DEPTH } from './graph.service.js';

export class NeighborsQuery {
  @ApiPropertyOptional({ description: `Hops to follow, 1 to ${MAX_DEPTH}`, minimum: 1, maximum: MAX_DEPTH, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt({ message: `depth must be an integer from 1 to ${MAX_DEPTH}` })
  @Min(1, { message: `depth must be an integer from 1 to ${MAX_DEPTH}` }) @Max(MAX_DEPTH, { message: `depth must be an integer from 1 to ${MAX_DEPTH}` })
  depth?: number;
}

export class GraphQuery {
  @ApiPropertyOptional({ enum: GRAPH_FORMATS, default: 'json', description: 'json, Graphviz DOT or GraphML' })
  @IsOptional() @IsIn(GRAPH_FORMATS, { message: `format must be one of: ${GRAPH_FORMATS.join(', ')}` })
  format?: GraphFormat;

  @ApiPropertyOptional({ enum: GRAPH_INCLUDES, description: 'Also the topics, with MENTIONS edges from each topic to the entities it names' })
  @IsOptional() @IsIn(GRAPH_INCLUDES, { message: `include must be one of: ${GRAPH_INCLUDES.join(', ')}` })
  include?: (typeof GRAPH_INCLUDES)[number];
}
