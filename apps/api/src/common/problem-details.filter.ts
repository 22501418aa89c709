import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { classifyError } from './error-classifier.js';
import { LOGGER } from './logger.js';
import type { ProblemDetails } from './problems.js';

/** Every REST error leaves as application/problem+json; nothing leaks a stack trace. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http') throw exception; // GraphQL formats its own errors
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toProblem(exception, request.url);
    if (body.status >= 500 && body.status !== 503) this.logger.error({ err: exception, url: request.url }, 'request failed');
    return reply.status(body.status).type('application/problem+json').send(body);
  }
}

/** The problem JSON of any failure (the error classifier decides its status). */
export function toProblem(exception: unknown, instance?: string): ProblemDetails {
  return classifyError(exception, instance).problem;
}
