import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { basename, dirname } from 'node:path';
import type { FastifyReply } from 'fastify';
import { projectRoot } from '../common/project-root.js';

/** Files revalidate daily; their ETag (size and mtime) makes a revalidation a 304 without the body. */
const MAX_AGE_MS = 86_400_000;

/**
 * Gives every reply @fastify/static's sendFile (ETag, Last-Modified, 304, ranges, HEAD) for the pages
 * that serve files: the graph explorer, GraphiQL and Swagger UI. It serves no folder itself
 * (serve: false): each route names the files it allows, so nothing else in node_modules is reachable.
 */
export async function registerStaticFiles(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyStatic, {
    root: projectRoot(),
    serve: false,
    // RFC 9239 names text/javascript; `mime` still says application/javascript.
    setHeaders: (reply, path) => {
      if (path.endsWith('.js')) reply.header('content-type', 'text/javascript; charset=utf-8');
    },
  });
}

/** Sends one allow-listed file (an absolute path), cached for a day and revalidated by ETag. */
export function sendAsset(reply: FastifyReply, path: string): FastifyReply {
  return reply.sendFile(basename(path), dirname(path), { maxAge: MAX_AGE_MS });
}

/** Sends a page (an absolute path) that is always revalidated, so a new release's page is seen at once. */
export function sendPage(reply: FastifyReply, path: string): FastifyReply {
  return reply.header('cache-control', 'no-cache').sendFile(basename(path), dirname(path), { cacheControl: false });
}
