import { HttpException } from '@nestjs/common';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { classifyError } from '../common/error-classifier.js';
import { isDatabaseUnavailable } from '../common/database-errors.js';
import { DomainError } from '../common/problems.js';

/**
 * The one place where failures become GraphQL errors with `extensions.code`,
 * as the problem-details filter is for REST. Domain errors keep their message;
 * anything unexpected is logged and masked.
 */
const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

type Failure = Error & { statusCode?: number; errors?: unknown; extensions?: Record<string, unknown> };

/** Mercurius wraps validation failures in one error holding the real ones in `.errors`. */
function unwrap(error: GraphQLError): GraphQLError[] {
  const inner = (error.originalError as Failure | undefined)?.errors;
  if (!Array.isArray(inner)) return [error];
  return inner.map((e: Error) => (e instanceof GraphQLError ? e : new GraphQLError(e.message, { originalError: e, extensions: (e as Failure).extensions })));
}

function codeOf(error: GraphQLError): { code: string; message?: string } {
  const original = error.originalError as Failure | undefined;
  if (typeof error.extensions?.code === 'string') return { code: error.extensions.code };
  // A variable graphql-js could not coerce (an unknown enum value, say) carries the scalar's own error as originalError.
  if (error.message.startsWith('Variable "$')) return { code: 'BAD_USER_INPUT' };
  if (!original) {
    if (error.message.startsWith('Syntax Error')) return { code: 'GRAPHQL_PARSE_FAILED' };
    return { code: 'GRAPHQL_VALIDATION_FAILED' };
  }
  if (typeof original.extensions?.code === 'string') return { code: original.extensions.code };
  // Mercurius's own request errors (bad method, body, media type) before execution.
  if (!(original instanceof HttpException) && typeof original.statusCode === 'number' && original.statusCode < 500 && !isDomainFailure(original)) {
    return { code: HTTP_CODES[original.statusCode] ?? 'BAD_REQUEST' };
  }
  // Everything a resolver throws is classified as REST classifies it.
  const classified = classifyError(original);
  if (classified.internal) return { code: classified.graphqlCode, message: 'The server failed to resolve this field; it has been logged.' };
  return { code: classified.graphqlCode, message: classified.problem.detail };
}

/** Errors the classifier knows better than their statusCode (ours, and the database's). */
function isDomainFailure(error: Error): boolean {
  return error instanceof DomainError || isDatabaseUnavailable(error);
}

export function formatGraphqlError(error: GraphQLError, logger: Logger): GraphQLFormattedError {
  const { code, message } = codeOf(error);
  if (code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error.originalError ?? error, path: error.path }, 'GraphQL resolver failed');
  const formatted = error.toJSON();
  return { ...formatted, message: message ?? formatted.message, extensions: { ...formatted.extensions, code } };
}

/**
 * Mercurius's errorFormatter. `execution.data` is absent when the request
 * failed before execution (parse, validation, guards, body): then the status
 * comes from the failure (400, 405, 413) and the response has no `data`, as
 * GraphQL over HTTP asks; once executed, the answer is 200 with partial data.
 */
export function createErrorFormatter(logger: Logger) {
  return (execution: ExecutionResult & { errors: readonly GraphQLError[] }, _context: unknown) => {
    const errors = execution.errors.flatMap(unwrap);
    const formatted = errors.map((error) => formatGraphqlError(error, logger));
    if ('data' in execution && execution.data !== undefined) {
      // Nothing could be answered because a dependency is down: the request failed as a whole, as REST says.
      const nothing = execution.data === null || Object.values(execution.data).every((value) => value === null);
      const unavailable = formatted.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE');
      return { statusCode: nothing && unavailable ? 503 : 200, response: { data: execution.data, errors: formatted } };
    }
    const statuses = errors.map((e) => (e.originalError as Failure | undefined)?.statusCode).concat(
      (execution.errors[0]?.originalError as Failure | undefined)?.statusCode,
    );
    const failed = formatted.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
    const statusCode = statuses.find((s): s is number => typeof s === 'number') ?? (failed ? 500 : 400);
    return { statusCode, response: { errors: formatted } as unknown as ExecutionResult };
  };
}
