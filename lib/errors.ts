// Domain errors with string-literal codes; the HTTP edge maps them to `{error: {code, message, details}}`.
export type ErrorCode =
  | 'invalid_request'
  | 'invalid_json'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthorized'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'invalid_status'
  | 'wrong_auth_method'
  | 'no_credentials'
  | 'oauth_not_configured'
  | 'idempotency_key_mismatch'
  | 'idempotency_in_progress'
  | 'idempotency_secret_withheld'
  | 'rate_limited'
  | 'unavailable'
  | 'temporal_unavailable'
  | 'database_unavailable'
  | 'internal';

export interface FieldIssue {
  field: string;
  message: string;
}

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  invalid_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  invalid_status: 409,
  wrong_auth_method: 409,
  no_credentials: 409,
  oauth_not_configured: 409,
  idempotency_key_mismatch: 422,
  idempotency_in_progress: 409,
  idempotency_secret_withheld: 409,
  rate_limited: 429,
  unavailable: 503,
  temporal_unavailable: 503,
  database_unavailable: 503,
  internal: 500,
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: FieldIssue[] = [],
    /** Response headers the answer carries (e.g. Retry-After on a 503). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const invalid = (field: string, message: string): DomainError =>
  new DomainError('invalid_request', `${field}: ${message}`, [{ field, message }]);

/** One 400 naming every bad field. */
export const invalidFields = (issues: FieldIssue[]): DomainError =>
  new DomainError('invalid_request', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);

export const notFound = (what: string, id: string): DomainError => new DomainError('not_found', `${what} ${id} not found`);

/** How long a client should wait before retrying a request refused because a dependency is down. */
export const RETRY_AFTER_SECONDS = 5;

/** Temporal is unreachable (or too slow) and the request needs it now: the same request may be retried. */
export const temporalUnavailable = (what: string): DomainError =>
  new DomainError('temporal_unavailable', `Temporal is unavailable: ${what} could not be done; retry in a few seconds`, [], { 'retry-after': String(RETRY_AFTER_SECONDS) });

// PostgreSQL's answers that mean "not now" rather than "wrong": lock/statement timeouts, shutdown, connection loss.
const PG_UNAVAILABLE = new Set(['55P03', '57014', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08006']);
const NET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/**
 * The database was unreachable, overloaded or a lock/statement timed out: a 503 the client may retry, not a
 * 500. Recognised by the error's code (pg and node) or the pool's acquire-timeout message.
 */
export function asUnavailable(err: unknown): DomainError | undefined {
  if (err instanceof DomainError) return undefined;
  const code = (err as { code?: unknown } | null)?.code;
  const message = (err as Error | null)?.message ?? '';
  const db = (typeof code === 'string' && (PG_UNAVAILABLE.has(code) || NET_UNAVAILABLE.has(code))) || /timeout exceeded when trying to connect|Connection terminated/i.test(message);
  if (!db) return undefined;
  return new DomainError('database_unavailable', 'the database is busy or unavailable; retry in a few seconds', [], { 'retry-after': String(RETRY_AFTER_SECONDS) });
}
