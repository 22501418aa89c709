import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problem } from './problems.js';

/**
 * Fastify answers a few malformed requests itself, before routing reaches Nest
 * and its problem-details filter: an undecodable URL (FST_ERR_BAD_URL) or a
 * path parameter over maxParamLength. These leave as problem JSON too.
 */
export function frameworkErrorsAsProblems(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply
    .code(status)
    .type('application/problem+json')
    .send({ ...problem(status, error.message), instance: request.url });
}
