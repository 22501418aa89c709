import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logger.js';
import { toProblem } from '../../common/problem-details.filter.js';
import { DifyError } from './dify-error.js';

/**
 * The one place that answers in Dify's own error format, `{ error_code, error_msg }`,
 * instead of RFC 9457 problem JSON: Dify defines it for external knowledge APIs.
 * Errors without a Dify code (validation 400, 503, 500) carry their HTTP status as error_code.
 */
@Catch()
export class DifyErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof DifyError) {
      return reply.status(exception.status).send({ error_code: exception.code, error_msg: exception.message });
    }
    const problem = toProblem(exception, request.url);
    if (problem.status >= 500) this.logger.error({ err: exception, url: request.url }, 'dify retrieval failed');
    return reply.status(problem.status).send({ error_code: problem.status, error_msg: problem.detail });
  }
}
