import { HttpException } from '@nestjs/common';
import { isDatabaseUnavailable } from './database-errors.js';
import { DomainError, problem, UnavailableError, type ProblemDetails } from './problems.js';

/**
 * The one place a failure becomes an answer, for both doors: REST sends
 * `problem` with `status`; GraphQL reports `graphqlCode` in `extensions.code`
 * with the same message. Anything unexpected is `internal`: logged, its message masked.
 */
export interface ClassifiedError {
  status: number;
  problem: ProblemDetails;
  graphqlCode: string;
  internal: boolean;
}

/** GraphQL codes of the HTTP statuses our failures carry. */
const GRAPHQL_CODES: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** Domain error codes whose GraphQL name is not simply the code upper-cased. */
const DOMAIN_GRAPHQL_CODES: Record<string, string> = {
  'not-found': 'NOT_FOUND',
  'bad-parameter': 'BAD_USER_INPUT',
  unavailable: 'SERVICE_UNAVAILABLE',
};

/**
 * PostgreSQL class 22, "data exception" (a NUL or invalid UTF-8 in text, a
 * number out of range, a malformed literal): a value the doors should have
 * refused. Answered 400 as a safety net, never 500.
 */
const DATA_EXCEPTION = /^22[0-9A-Z]{3}$/;

export function classifyError(error: unknown, instance?: string): ClassifiedError {
  const at = instance ? { instance } : {};
  if (error instanceof DomainError) {
    return { status: error.status, problem: error.toProblem(instance), graphqlCode: domainCode(error), internal: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const messages = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
    const detail = Array.isArray(messages) ? messages.join('; ') : String(messages ?? error.message);
    const body = { ...problem(status, detail), ...at, ...(Array.isArray(messages) ? { errors: messages } : {}) };
    return { status, problem: body, graphqlCode: codeOfStatus(status), internal: status >= 500 };
  }
  // The database being away is an outage to retry, not our bug: 503, never 500.
  if (isDatabaseUnavailable(error)) {
    const unavailable = new UnavailableError('The database is unreachable; retry shortly.');
    return { status: 503, problem: unavailable.toProblem(instance), graphqlCode: 'SERVICE_UNAVAILABLE', internal: false };
  }
  const sqlState = codesOf(error).find((code) => DATA_EXCEPTION.test(code));
  if (sqlState) {
    const body = { ...problem(400, `A value in the request cannot be stored or compared (SQLSTATE ${sqlState})`, 'bad-value'), ...at };
    return { status: 400, problem: body, graphqlCode: 'BAD_USER_INPUT', internal: false };
  }
  // Fastify's own errors (body too large, bad JSON, wrong content type) carry a 4xx statusCode.
  const frameworkStatus = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof frameworkStatus === 'number' && frameworkStatus >= 400 && frameworkStatus < 500) {
    return { status: frameworkStatus, problem: { ...problem(frameworkStatus, (error as Error).message), ...at }, graphqlCode: codeOfStatus(frameworkStatus), internal: false };
  }
  return {
    status: 500,
    problem: { ...problem(500, 'The server failed to answer this request; it has been logged.'), ...at },
    graphqlCode: 'INTERNAL_SERVER_ERROR',
    internal: true,
  };
}

export function codeOfStatus(status: number): string {
  return GRAPHQL_CODES[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : `HTTP_${status}`);
}

function domainCode(error: DomainError): string {
  return DOMAIN_GRAPHQL_CODES[error.code] ?? error.code.toUpperCase().replace(/-/g, '_');
}

/** Every code in the cause chain: pg's SQLSTATE `code`, Prisma's `code` and its driver adapter's `originalCode`. */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const e = current as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    for (const code of [e.originalCode, e.code]) if (typeof code === 'string') codes.push(code);
    pending.push(e.cause, e.meta?.driverAdapterError);
  }
  return codes;
}
