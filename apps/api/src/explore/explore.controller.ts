import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NotFoundError } from '../common/problems.js';
import { sendAsset, sendPage } from '../http/static-files.js';
import { EXPLORE_PAGE, exploreAsset } from './explore-assets.js';

/**
 * GET /explore: a page drawing the entity graph, and its files. Not part of the
 * REST API (excluded from OpenAPI): the page itself calls only public routes.
 */
@ApiExcludeController()
@Controller('explore')
export class ExploreController {
  @Get()
  page(@Res() reply: FastifyReply) {
    return sendPage(reply, EXPLORE_PAGE);
  }

  @Get('assets/:file')
  file(@Param('file') file: string, @Res() reply: FastifyReply) {
    const path = exploreAsset(file);
    if (!path) throw new NotFoundError('explorer file', file);
    // Revalidated daily; the ETag makes a revalidation a 304 without the 440 kB Cytoscape bundle.
    return sendAsset(reply, path);
  }
}
