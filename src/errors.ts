// The closed catalogue of error codes and their HTTP status. Add a code here before using it.
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_CURSOR: 400,
  PUBLICATION_GRID: 400, // a ministry asked for an aggregate off the publication grid (docs/fairness.md)
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  CONSENT_REQUIRED: 409,
  PROFILE_INCOMPLETE: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  IDEMPOTENCY_NOT_REPLAYABLE: 409,
  IDEMPOTENCY_REPLY_LOST: 409,
  CANDIDATE_UNAVAILABLE: 409,
  VACANCY_NOT_OPEN: 409,
  CONTEST_ALREADY_OPEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  CONTEST_LIMIT: 429,
  INTERNAL: 500,
  NOT_IMPLEMENTED: 501,
  INSUFFICIENT_STORAGE: 507,
  SERVICE_UNAVAILABLE: 503,
  EMBEDDER_UNAVAILABLE: 503,
  NOT_READY: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, details?: unknown, headers?: Record<string, string>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.statusCode = ERROR_STATUS[code];
    this.details = details;
    this.headers = headers;
  }
}

export const notFound = (what: string, id: string): AppError => new AppError('NOT_FOUND', `${what} ${id} was not found`);

export const validationFailed = (path: string, rule: string, message: string): AppError =>
  new AppError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, rule, message }]);

/** A ministry asked for an aggregate off its publication grid (docs/fairness.md §3.6, docs/screening.md). */
export const offPublicationGrid = (path: string, message: string): AppError =>
  new AppError('PUBLICATION_GRID', `${path}: ${message}`, [{ path, rule: 'publication-grid', message }]);
