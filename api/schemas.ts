// Schemas shared by route files: the error shape, ids, cursors and pagination, URLs, the connector view.
import { z } from '@hono/zod-openapi';
import { CONNECTOR_STATUSES } from '../db/schema.ts';
import { idPattern } from '../lib/ids.ts';
import { ConnectorTypeName } from './type-schemas.ts';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  })
  .openapi('Error');

export const ConnectorIdParam = z.object({
  id: z.string().regex(idPattern('con'), 'must be a connector id (con_…)').openapi({ param: { name: 'id', in: 'path' }, example: 'con_01jdq0c6w8e7k9t2m3n4p5q6r7' }),
});

/** An opaque cursor the server handed out (base64url); anything else is a 400 naming the parameter. */
export const cursorParam = (description: string) => z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor returned by this endpoint').optional().openapi({ description });

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: 'Page size, 1–100' }),
  cursor: cursorParam('`next_cursor` of the previous page (opaque: only cursors this endpoint returned)'),
};

/** A page of a list: `data`, and `next_cursor` (null on the last page). */
export const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });

/**
 * An http(s) URL without credentials in it: what `new URL()` and the server's checks take. The host is a name
 * whose last label is not numeric (WHATWG parsers read `a.1` as a broken IPv4 address) and no label an IDNA
 * `xn--` one (those must decode), or a dotted IPv4 address.
 */
export const HTTP_URL_PATTERN = '^https?://(?:(?![Xx][Nn]--)[A-Za-z0-9-]+\\.)*(?:(?![Xx][Nn]--)[A-Za-z][A-Za-z0-9-]*|(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]))(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?(?:[/?#][\\x21-\\x7e]*)?$';


export const ConnectorSchema = z
  .object({
    id: z.string(),
    workspace_id: z.string(),
    type: ConnectorTypeName,
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

/**
 * A nullable reference to a component. (`.nullable()` on a registered schema would make the component itself
 * nullable in the document, and a description beside a `$ref` reads as `X & unknown` to generators.)
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

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

/** A JSON request body: the `request.body` of a route (required unless `required` is false). */
export const jsonBody = <T extends z.ZodType, R extends boolean = true>(schema: T, required: R = true as R) => ({
  required,
  content: { 'application/json': { schema } },
});

/** An absolute http(s) URL (`format: uri`, and the pattern above). */
export const httpUrl = (max = 2000) => z.string().max(max).regex(new RegExp(HTTP_URL_PATTERN), 'must be an absolute http(s) URL without credentials').openapi({ format: 'uri' });
