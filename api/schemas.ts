// Schemas shared by route files: the error shape, ids, pagination, the connector view.
import { z, type RouteConfig } from '@hono/zod-openapi';
import { CONNECTOR_STATUSES } from '../db/schema.ts';
import { idPattern } from '../lib/ids.ts';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  })
  .openapi('Error');

const errorJson = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

/**
 * Error statuses an operation can answer whatever its handler does, derived from its definition so that none is
 * forgotten (the router factory applies it to every route):
 * - 400 always: input is refused before routing (NUL characters, invalid UTF-8 or percent-encodings);
 * - 401 and 429 when it takes an API key (authentication, then the rate limits);
 * - 404 when it addresses a resource by path;
 * - 413 and 415 when it takes a body (size limit, media type);
 * - 409 and 422 for a POST (`Idempotency-Key` still in progress, reused with another request, or its first
 *   response carried a secret).
 * A route's own declaration of a status wins: it describes that operation's reasons. Making every operation's list
 * exact (only what it can really answer) starts here.
 */
export function withStandardErrors<R extends RouteConfig>(route: R): R {
  const secured = !(Array.isArray(route.security) && route.security.length === 0);
  const standard: Record<number, ReturnType<typeof errorJson>> = { 400: errorJson('Invalid input: which field and why') };
  if (secured) {
    standard[401] = errorJson('Missing or invalid API key (`WWW-Authenticate: Bearer`)');
    standard[429] = errorJson('Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers');
  }
  if (route.request?.params) standard[404] = errorJson('Not found (also for another workspace\'s resources)');
  if (route.request?.body) {
    standard[413] = errorJson('Request body too large (the connection is then closed)');
    standard[415] = errorJson('The body is not `application/json`');
  }
  if (route.method === 'post') {
    standard[409] = errorJson('Conflict: an earlier request with this `Idempotency-Key` is still in progress, or its response carried a secret and is not replayed');
    standard[422] = errorJson('This `Idempotency-Key` was used with a different request');
  }
  return { ...route, responses: { ...standard, ...route.responses } };
}

export const errorResponses = {
  400: { description: 'Invalid input: which field and why', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Missing or invalid API key', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'Not found (also for another workspace\'s resources)', content: { 'application/json': { schema: ErrorSchema } } },
  409: { description: 'The connector\'s status or type forbids this action', content: { 'application/json': { schema: ErrorSchema } } },
  503: {
    description: '`temporal_unavailable` (the request needs Temporal now and it cannot be reached) or `database_unavailable`; nothing was left half-done — retry after `Retry-After` seconds',
    headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } },
    content: { 'application/json': { schema: ErrorSchema } },
  },
} as const;

export const ConnectorIdParam = z.object({
  id: z.string().regex(idPattern('con'), 'must be a connector id (con_…)').openapi({ param: { name: 'id', in: 'path' }, example: 'con_01jdq0c6w8e7k9t2m3n4p5q6r7' }),
});

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: 'Page size, 1–100' }),
  cursor: z.string().max(200).optional().openapi({ description: 'next_cursor from the previous page' }),
};

export const ConnectorSchema = z
  .object({
    id: z.string(),
    workspace_id: z.string(),
    type: z.string(),
    name: z.string(),
    auth: z.enum(['oauth2', 'api_key']),
    status: z.enum(CONNECTOR_STATUSES),
    status_reason: z.string().nullable(),
    status_message: z.string().nullable(),
    status_changed_at: z.string(),
    has_credentials: z.boolean(),
    config: z.record(z.string(), z.union([z.string(), z.array(z.string())])).openapi({ description: 'Non-secret settings of the type (`config_fields` in the catalog)', example: { orgs: ['acme'], repos: [] } }),
    last_test: z
      .object({
        at: z.string(),
        success: z.boolean(),
        latency_ms: z.number().nullable(),
        error: z.object({ code: z.string(), message: z.string() }).nullable(),
      })
      .nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Connector');

/** A record's content: what the records list shows, and what a change carries (the record at that version). */
export const RecordContent = {
  kind: z.string(),
  external_id: z.string(),
  occurred_at: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  raw: z.unknown(),
  deleted_at: z.string().nullable().openapi({ description: 'Tombstone: when it was found deleted at the provider' }),
};

export const ChangesRangeSchema = z
  .object({
    after: z.string().openapi({ description: 'Feed cursor just before the first change' }),
    until: z.string().openapi({ description: 'Feed cursor of the last change (inclusive)' }),
    count: z.number().openapi({ description: 'How many changes are this run\'s (others may interleave: filter by `source`)' }),
  })
  .openapi('ChangesRange');

export const TestResultSchema = z
  .object({
    success: z.boolean(),
    latency_ms: z.number(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .openapi('ConnectionTestResult');

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
