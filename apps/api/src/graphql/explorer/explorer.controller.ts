import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NotFoundError } from '../../common/problems.js';
import { sendAsset } from '../../http/static-files.js';
import { explorerAsset } from './explorer-assets.js';

/** The explorer's static files (the page itself is answered on GET /graphql, see ../http-hooks.ts). */
@ApiExcludeController()
@Controller('graphql/explorer')
export class ExplorerController {
  @Get(':file')
  file(@Param('file') file: string, @Res() reply: FastifyReply) {
    const path = explorerAsset(file);
    if (!path) throw new NotFoundError('explorer file', file);
    // Revalidated daily; the ETag makes a revalidation a 304 without the 3.5 MB bundle.
    return sendAsset(reply, path);
  }
}
