// One error for every failed call: the HTTP status and the API's `{error: {code, message, details}}`, with the
// request id to quote and, on 429/503, how long to wait.
export interface FieldIssue {
  field: string;
  message: string;
}

export class TributaryError extends Error {
  override readonly name = 'TributaryError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
    readonly requestId: string | null = null,
    /** Seconds, from `Retry-After` (429, 503, an Idempotency-Key still in progress). */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }

  static from(response: Response, body: unknown): TributaryError {
    const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    const retry = Number(response.headers.get('retry-after'));
    return new TributaryError(
      response.status,
      typeof e?.code === 'string' ? e.code : `http_${response.status}`,
      typeof e?.message === 'string' ? e.message : `HTTP ${response.status} ${response.statusText}`.trim(),
      Array.isArray(e?.details) ? (e.details as FieldIssue[]) : [],
      response.headers.get('x-request-id'),
      Number.isFinite(retry) && response.headers.has('retry-after') ? retry : null,
    );
  }
}
