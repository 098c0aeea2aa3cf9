// Schemas shared by route files: the error shape, ids, pagination, the connector view.
import { z } from '@hono/zod-openapi';
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
