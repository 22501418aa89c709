import { STATUS_CODES } from 'node:http';

/** RFC 9457 problem details, the body of every 4xx/5xx answer. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://kubenotes.dev/problems/';

/**
 * A failure the service knows how to explain. Services throw these; the
 * problem-details filter (REST) and the GraphQL error formatter turn them into answers.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  toProblem(instance?: string): ProblemDetails {
    return {
      type: PROBLEM_BASE + this.code,
      title: STATUS_CODES[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, key: string) {
    super(404, 'not-found', `No ${resource} with slug '${key}'`, { resource, key });
  }
}

export class BadParameterError extends DomainError {
  constructor(param: string, detail: string, extra: Record<string, unknown> = {}) {
    super(400, 'bad-parameter', `Parameter '${param}' ${detail}`, { param, ...extra });
  }
}

export class UnavailableError extends DomainError {
  constructor(detail: string) {
    super(503, 'unavailable', detail);
  }
}

export function problem(status: number, detail: string, code = slugOfStatus(status), extra: Record<string, unknown> = {}): ProblemDetails {
  return { type: PROBLEM_BASE + code, title: STATUS_CODES[status] ?? 'Error', status, detail, ...extra };
}

function slugOfStatus(status: number): string {
  return (STATUS_CODES[status] ?? 'error').toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
