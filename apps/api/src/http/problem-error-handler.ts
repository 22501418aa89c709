import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { toProblem } from '../common/problem-details.filter.js';

/**
 * Errors raised before a Nest handler runs (body too large, malformed JSON,
 * rate limit) go to Fastify's error handler of the route's context, and
 * contexts created before Nest installs its own keep Fastify's default one,
 * which answers plain JSON. Installed first, this one gives them problem JSON too.
 */
export function registerProblemErrorHandler(app: NestFastifyApplication): void {
  app.getHttpAdapter().getInstance().setErrorHandler((error, request, reply) => {
    const body = toProblem(error, request.url);
    if (body.status >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
    return reply.status(body.status).type('application/problem+json').send(body);
  });
}
