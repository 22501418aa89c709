import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { UnavailableError } from '../common/problems.js';

/**
 * Remembers when shutdown began: Nest calls beforeClose() first, before the
 * shutdown hooks close the database and the server stops listening.
 */
export class ShutdownAwareFastifyAdapter extends FastifyAdapter {
  shuttingDown = false;

  override beforeClose(): void {
    this.shuttingDown = true;
    super.beforeClose();
  }
}

/**
 * Requests that arrive while the service shuts down (on a kept-alive
 * connection) get a 503 problem with Connection: close, like every other
 * error, instead of Nest's and Fastify's plain JSON 503s (both turned off in
 * createApp). Registered before the other hooks, so it answers before any work.
 */
export function registerShutdownAnswer(app: NestFastifyApplication, adapter: ShutdownAwareFastifyAdapter): void {
  app.getHttpAdapter().getInstance().addHook('onRequest', (request, reply, done) => {
    if (!adapter.shuttingDown) return done();
    if (request.raw.httpVersionMajor !== 2) reply.header('connection', 'close');
    const body = new UnavailableError('The service is shutting down; retry shortly or on another instance.').toProblem(request.url);
    void reply.code(503).type('application/problem+json').send(body);
  });
}
