import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from './database-errors.js';
import { LOGGER } from './logger.js';
import { DomainError, problem, UnavailableError, type ProblemDetails } from './problems.js';

/** Every REST error leaves as application/problem+json; nothing leaks a stack trace. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http') throw exception; // GraphQL formats its own errors
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toProblem(exception, request.url);
    if (body.status >= 500) this.logger.error({ err: exception, url: request.url }, 'request failed');
    return reply.status(body.status).type('application/problem+json').send(body);
  }
}

export function toProblem(exception: unknown, instance?: string): ProblemDetails {
  if (exception instanceof DomainError) return exception.toProblem(instance);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const messages = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
    const detail = Array.isArray(messages) ? messages.join('; ') : String(messages ?? exception.message);
    return { ...problem(status, detail), ...(instance ? { instance } : {}), ...(Array.isArray(messages) ? { errors: messages } : {}) };
  }
  // The database being away is an outage to retry, not our bug: 503, never 500.
  if (isDatabaseUnavailable(exception)) return new UnavailableError('The database is unreachable; retry shortly.').toProblem(instance);
  const status = statusOfFrameworkError(exception);
  if (status) return { ...problem(status, (exception as Error).message), ...(instance ? { instance } : {}) };
  return { ...problem(500, 'The server failed to answer this request; it has been logged.'), ...(instance ? { instance } : {}) };
}

/** Fastify's own errors (body too large, bad JSON, wrong content type) carry a 4xx statusCode. */
function statusOfFrameworkError(exception: unknown): number | undefined {
  const code = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 ? code : undefined;
}
