import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../common/problems.js';
import { explorerAsset } from './explorer-assets.js';

/** The explorer's static files (the page itself is answered on GET /graphql, see ../http-hooks.ts). */
@ApiExcludeController()
@Controller('graphql/explorer')
export class ExplorerController {
  @Get(':file')
  file(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const asset = explorerAsset(file);
    if (!asset) throw new NotFoundError('explorer file', file);
    // Revalidated daily; the ETag makes a revalidation a 304 without the 3.5 MB bundle.
    reply.header('cache-control', 'public, max-age=86400').header('etag', asset.etag);
    if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
    return reply.type(asset.contentType).send(asset.body);
  }
}
