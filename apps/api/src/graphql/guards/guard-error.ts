/**
 * A request refused by a guard. Thrown before execution, so Mercurius answers
 * with `statusCode` and the error formatter keeps `extensions.code`.
 */
export class GraphqlGuardError extends Error {
  readonly extensions: { code: string; [key: string]: unknown };

  constructor(
    message: string,
    code: string,
    readonly statusCode = 400,
    extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'GraphqlGuardError';
    this.extensions = { code, ...extra };
  }
}
