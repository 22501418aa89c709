import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MetricsService } from './metrics.service.js';

/**
 * Counts and times every answered request in a Fastify onResponse hook, labelled
 * with the matched route pattern (`/api/v1/topics/:slug`), never the raw URL, so
 * the number of series stays bounded whatever clients send.
 */
export function registerMetrics(app: NestFastifyApplication): void {
  const metrics = app.get(MetricsService);
  app.getHttpAdapter().getInstance().addHook('onResponse', (request, reply, done) => {
    metrics.requestServed(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
