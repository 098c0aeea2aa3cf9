// Domain errors with string-literal codes; the HTTP edge maps them to `{error: {code, message, details}}`.
export type ErrorCode =
  | 'invalid_request'
  | 'invalid_json'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthorized'
  | 'origin_not_allowed'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'invalid_status'
  | 'wrong_auth_method'
  | 'no_credentials'
  | 'oauth_not_configured'
  | 'wrong_type'
  | 'session_connector_exists'
  | 'idempotency_key_mismatch'
  | 'idempotency_in_progress'
  | 'idempotency_secret_withheld'
  | 'rate_limited'
  | 'unavailable'
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
  origin_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  invalid_status: 409,
  wrong_auth_method: 409,
  no_credentials: 409,
  oauth_not_configured: 409,
  wrong_type: 409,
  session_connector_exists: 409,
  idempotency_key_mismatch: 422,
  idempotency_in_progress: 409,
  idempotency_secret_withheld: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: FieldIssue[] = [],
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
