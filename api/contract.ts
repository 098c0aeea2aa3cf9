// The contract of every operation, derived from what its route declares: its operationId and tag, exactly the
// error statuses it can answer (each with the one error shape) and the headers its responses carry. Route files
// call `operation()` instead of zod-openapi's `createRoute`; the router factory refuses a route without it.
import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import { ErrorSchema } from './schemas.ts';

/** What a route knows about itself that the document cannot infer from its request definition. */
export interface OperationFacts {
  operationId: string;
  /**
   * Why the operation answers 409 beyond `Idempotency-Key` (a status or type conflict, named by code in the
   * answer). Omitted: it cannot — a GET never does.
   */
  conflict?: string;
  /** It calls Temporal while answering: 503 `temporal_unavailable` (retry after `Retry-After`). */
  temporal?: boolean;
  /** A connect-session token may call it too (within its one connector): `security` lists both schemes. */
  connectSession?: boolean;
  /** The request is authenticated by something else (the OAuth state) or not at all: no key, no rate limit. */
  public?: boolean;
  /** Why it answers 404 although no path parameter names a resource (e.g. a query filter naming one). */
  notFound?: string;
  /** `false`: it reads no database (liveness), so it never answers 503 `database_unavailable`. */
  database?: false;
}

type Responses = RouteConfig['responses'];

/** Every POST that takes a key takes an `Idempotency-Key` (checked by api/middleware/idempotency.ts). */
const IDEMPOTENCY_HEADER = z.object({
  'idempotency-key': z
    .string()
    // Whitespace around a header value is not part of it (RFC 9110 §5.5): HTTP servers drop it.
    .regex(/^[ \t]*[\x21-\x7e]{1,255}[ \t]*$/, 'must be 1–255 printable ASCII characters')
    .optional()
    .openapi({ description: 'Makes the POST safe to retry: a repeat within 24 h returns the first response (`Idempotency-Replayed: true`); the same key with another request is a 422' }),
});
type Response = Responses[string];

/**
 * Response headers, declared once here and written out in every response that carries them (inline rather than
 * `$ref`: generators read a referenced header as always present).
 */
const HEADERS = {
  'X-Request-Id': { description: 'The request\'s id (also in the API\'s log lines); quote it when reporting a problem', schema: { type: 'string' } },
  'RateLimit-Limit': { description: 'Requests allowed per window in the bucket closest to its limit (the API key\'s or the workspace\'s)', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Requests left in that bucket\'s window', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the window moves on', schema: { type: 'integer' } },
  'RateLimit-Policy': { description: 'The limits, e.g. `600;w=60`', schema: { type: 'string' } },
  'Retry-After': { description: 'Seconds to wait before retrying', required: true, schema: { type: 'integer' } },
  'WWW-Authenticate': { description: 'RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent', required: true, schema: { type: 'string' } },
  Location: { description: 'The URL of the resource this request made', required: true, schema: { type: 'string', format: 'uri-reference' } },
  'Idempotency-Replayed': { description: '`true` when this is the stored first response to a repeated `Idempotency-Key`', schema: { type: 'string', enum: ['true'] } },
  'Idempotent-Replayed': { description: 'Deprecated alias of `Idempotency-Replayed`, sent with it', deprecated: true, schema: { type: 'string', enum: ['true'] } },
  Connection: { description: '`close`: the server closes the connection after this answer', required: true, schema: { type: 'string', enum: ['close'] } },
  'Access-Control-Allow-Origin': { description: 'CORS: the calling origin, when a connect session allows it', schema: { type: 'string' } },
} as const;

const ref = (name: keyof typeof HEADERS) => HEADERS[name];

const RATE_LIMIT = { 'RateLimit-Limit': ref('RateLimit-Limit'), 'RateLimit-Remaining': ref('RateLimit-Remaining'), 'RateLimit-Reset': ref('RateLimit-Reset'), 'RateLimit-Policy': ref('RateLimit-Policy') };

/** An error answer (the one error shape) with its reasons, for a status an operation declares itself. */
export const errorResponse = (description: string, headers: Record<string, unknown> = {}): Response => ({
  description,
  headers: { 'X-Request-Id': ref('X-Request-Id'), ...headers } as never,
  content: { 'application/json': { schema: ErrorSchema } },
});

/** Node answers an oversized request head itself, before the app: no body, no request id. */
const HEADERS_TOO_LARGE: Response = { description: 'Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body' };

/**
 * The route with its contract: the facts removed, `operationId` kept, and responses completed with every error
 * status it can answer and the headers of every response:
 * - 400 always (input is refused before routing: NUL characters, invalid UTF-8 or percent-encodings; then the
 *   request's own schema); 431 always (the HTTP server's header limit);
 * - 401 (`WWW-Authenticate`) and 429 (`Retry-After`) when it takes a key; `RateLimit-*` on its answers;
 * - 403 when a connect session may call it (an `Origin` the session does not allow);
 * - 404 when it addresses a resource by path;
 * - 413 (`Connection: close`) and 415 when it reads a body;
 * - 409 and 422 for a POST (`Idempotency-Key` in progress, or its first response carried a secret; reused with
 *   another request), and 409 where `conflict` says so;
 * - 503 `database_unavailable` unless `database: false`, and `temporal_unavailable` where `temporal` says so;
 * - `Location` on a 201; `Idempotency-Replayed` on a POST's success.
 * A route's own declaration of a status wins: it describes that operation's reasons.
 */
export function operation<R extends RouteConfig>(route: R & OperationFacts): R {
  const { conflict, temporal, connectSession, public: isPublic, notFound, database, ...rest } = route;
  const secured = !isPublic;
  const post = route.method === 'post';
  const errors: Record<string, Response> = {
    400: errorResponse('Invalid input: `details` names each field and why'),
    431: HEADERS_TOO_LARGE,
  };
  if (secured) {
    errors[401] = errorResponse(connectSession ? 'Missing, invalid, expired, revoked or used API key or connect-session token' : 'Missing, invalid, expired or revoked API key (a connect-session token is refused here)', { 'WWW-Authenticate': ref('WWW-Authenticate') });
    errors[429] = errorResponse('Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers', { 'Retry-After': ref('Retry-After'), ...RATE_LIMIT });
  }
  if (connectSession) errors[403] = errorResponse('`origin_not_allowed`: a connect session called from an `Origin` it does not list');
  if (route.request?.params) errors[404] = errorResponse('Not found (also for another workspace\'s resources, or outside a connect session\'s connector)');
  else if (notFound) errors[404] = errorResponse(notFound);
  if (route.request?.body) {
    errors[413] = errorResponse('Request body too large; the connection is then closed', { Connection: ref('Connection') });
    errors[415] = errorResponse('The body is not `application/json`');
  }
  const conflicts = [conflict, post ? '`idempotency_in_progress` (an earlier request with this `Idempotency-Key` still runs: `Retry-After`) or `idempotency_secret_withheld` (its response carried a secret, which is never replayed)' : undefined].filter(Boolean);
  if (conflicts.length) errors[409] = errorResponse(`Conflict: ${conflicts.join('; ')}`, post ? { 'Retry-After': { description: 'With `idempotency_in_progress`: seconds to wait', schema: { type: 'integer' } } } : {});
  if (post) errors[422] = errorResponse('`idempotency_key_mismatch`: this `Idempotency-Key` was used with a different request');
  const unavailable = [
    temporal ? '`temporal_unavailable` (the request needs Temporal and it cannot be reached)' : undefined,
    database === false ? undefined : '`database_unavailable` (PostgreSQL is busy or unreachable)',
  ].filter(Boolean);
  if (unavailable.length) errors[503] = errorResponse(`${unavailable.join(' or ')}: nothing was left half-done — retry after \`Retry-After\``, { 'Retry-After': ref('Retry-After') });

  const own: Record<string, Response> = {};
  for (const [status, response] of Object.entries(route.responses)) own[status] = withHeaders(Number(status), response, { secured, post, connectSession: Boolean(connectSession) });
  const responses = { ...errors, ...own };
  const security = isPublic ? [] : connectSession ? [{ bearerAuth: [] }, { connectSession: [] }] : undefined;
  const request = post && secured ? { ...rest.request, headers: IDEMPOTENCY_HEADER } : rest.request;
  return createRoute({ ...rest, ...(request ? { request } : {}), ...(security ? { security } : {}), responses } as R);
}

function withHeaders(status: number, response: Response, op: { secured: boolean; post: boolean; connectSession: boolean }): Response {
  if ('$ref' in response) return response;
  const headers: Record<string, unknown> = { 'X-Request-Id': ref('X-Request-Id') };
  if (op.secured && status < 400) Object.assign(headers, RATE_LIMIT);
  if (status === 201) headers.Location = ref('Location');
  if (op.post && status < 300) Object.assign(headers, { 'Idempotency-Replayed': ref('Idempotency-Replayed'), 'Idempotent-Replayed': ref('Idempotent-Replayed') });
  if (op.connectSession) headers['Access-Control-Allow-Origin'] = ref('Access-Control-Allow-Origin');
  return { ...response, headers: { ...headers, ...(response.headers as object | undefined) } as never };
}

/** The facts a route was declared with are gone from it; the router checks the one that must be there. */
export function assertContract(route: RouteConfig): void {
  if (!route.operationId) throw new Error(`route ${route.method.toUpperCase()} ${route.path} has no operationId: declare it with operation()`);
  if (!route.tags?.length) throw new Error(`route ${route.method.toUpperCase()} ${route.path} has no tag`);
}
