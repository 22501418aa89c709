import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SlugInput } from '../common/slug.input.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { CacheableResponse } from '../response-cache/cacheable-response.decorator.js';
import { DepthInput, GraphExportInput } from './graph.inputs.js';
import { GraphService } from './graph.service.js';
import { GraphDocument, Neighborhood } from './models/graph.model.js';

@ApiTags('graph')
@Controller('api/v1')
export class GraphController {
  constructor(private readonly graph: GraphService) {}

  @CacheableResponse()
  @Get('entities/:slug/neighbors')
  @ApiOperation({ summary: 'The entities within `depth` typed relations of one entity, both directions' })
  @ApiOkResponse({ type: Neighborhood })
  @ApiProblems(400, 404)
  neighbors(@Param() { slug }: SlugInput, @Query() { depth }: DepthInput) {
    return this.graph.neighbors(slug, depth);
  }

  @CacheableResponse()
  @Get('graph')
  @ApiOperation({ summary: 'The whole entity graph as JSON, Graphviz DOT or GraphML' })
  @ApiExtraModels(GraphDocument)
  @ApiOkResponse({
    description: 'Nodes and typed edges; the format chosen by `format`',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(GraphDocument) } },
      'text/vnd.graphviz': { schema: { type: 'string' }, example: 'digraph kubenotes {\n  "entity:clusterip" [label="ClusterIP"];\n}\n' },
      'application/graphml+xml': { schema: { type: 'string' } },
    },
  })
  @ApiProblems(400)
  async export(@Query() query: GraphExportInput, @Res({ passthrough: true }) reply: FastifyReply) {
    const graph = await this.graph.export(query.format, query.include === 'topics');
    reply.type(graph.contentType);
    return graph.body;
  }
}
