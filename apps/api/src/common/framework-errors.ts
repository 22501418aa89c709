import type { Duplex } from 'node:stream';
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

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a raw non-ASCII
 * byte in the URL, as `curl 'http://…?q=无头服务'` sends, or a malformed header)
 * get a 400 problem too instead of Fastify's plain JSON.
 */
export function clientErrorAsProblem(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const detail =
    error.code === 'HPE_INVALID_CHARACTER' || error.code === 'HPE_INVALID_URL'
      ? 'The request line or a header holds a character HTTP does not allow; percent-encode non-ASCII text in URLs (curl -G --data-urlencode)'
      : 'The request is not valid HTTP';
  const body = JSON.stringify(problem(400, detail, 'bad-request'));
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
