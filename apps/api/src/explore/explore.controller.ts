import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../common/problems.js';
import { exploreAsset, explorePage, type ExploreAsset } from './explore-assets.js';

/**
 * GET /explore: a page drawing the entity graph, and its files. Not part of the
 * REST API (excluded from OpenAPI): the page itself calls only public routes.
 */
@ApiExcludeController()
@Controller('explore')
export class ExploreController {
  @Get()
  page(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    // no-cache: always revalidated, so a new release's page is seen at once.
    return send(request, reply.header('cache-control', 'no-cache'), explorePage());
  }

  @Get('assets/:file')
  file(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const asset = exploreAsset(file);
    if (!asset) throw new NotFoundError('explorer file', file);
    // Revalidated daily; the ETag makes a revalidation a 304 without the 440 kB Cytoscape bundle.
    return send(request, reply.header('cache-control', 'public, max-age=86400'), asset);
  }
}

function send(request: FastifyRequest, reply: FastifyReply, asset: ExploreAsset) {
  reply.header('etag', asset.etag);
  if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
  return reply.type(asset.contentType).send(asset.body);
}
