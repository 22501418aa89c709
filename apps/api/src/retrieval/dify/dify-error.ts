/** Dify's documented error codes (External Knowledge API). */
export const DIFY_ERRORS = {
  badAuthorizationHeader: { code: 1001, status: 403, message: "Invalid Authorization header format. Expected 'Bearer <api-key>' format." },
  authorizationFailed: { code: 1002, status: 403, message: 'Authorization failed' },
  knowledgeNotFound: { code: 2001, status: 404, message: 'The knowledge does not exist' },
} as const;

/** An error answered as Dify's `{ error_code, error_msg }`, not problem JSON. */
export class DifyError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'DifyError';
  }

  static of(kind: keyof typeof DIFY_ERRORS, detail?: string): DifyError {
    const e = DIFY_ERRORS[kind];
    return new DifyError(e.status, e.code, detail ? `${e.message}: ${detail}` : e.message);
  }
}
