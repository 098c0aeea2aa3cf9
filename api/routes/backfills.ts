// Historical backfills of a connector: start one, list them, read one's progress, cancel.
import { z } from '@hono/zod-openapi';
import { operation } from '../contract.ts';
import { createRouter, sameShape, workspaceOf } from '../router.ts';
import { BACKFILL_STATUSES } from '../../db/schema.ts';
import { idPattern } from '../../lib/ids.ts';
import { CHUNK_BOUNDS, DURATION_PATTERN } from '../../services/backfill-plan.ts';
import type { BackfillService, BackfillView } from '../../services/backfills.ts';
import { ChangesRangeSchema, ConnectorIdParam, json, jsonBody, orNull, page, PageQuery } from '../schemas.ts';

const tags = ['Backfills'];
const Window = z.object({ start: z.string(), end: z.string() });

const BackfillSchema = z
  .object({
    id: z.string(),
    connector_id: z.string(),
    status: z.enum(BACKFILL_STATUSES),
    window: Window,
    chunk: z.string().openapi({ description: 'Chunk length, ISO-8601 duration' }),
    concurrency: z.number(),
    chunks_total: z.number(),
    chunks_done: z.number().openapi({ description: 'Committed chunks, including skipped ones' }),
    chunks_failed: z.number(),
    chunks_running: z.number(),
    chunks_skipped: z.number().openapi({ description: 'Chunks an earlier failed or cancelled backfill of this connector had already committed' }),
    records: z.number().openapi({ description: 'Records fetched and committed by this backfill' }),
    records_added: z.number().openapi({ description: 'New records (first version)' }),
    records_updated: z.number().openapi({ description: 'Records whose content changed (a new version)' }),
    records_unchanged: z.number().openapi({ description: 'Fetched again with identical content: no new version' }),
    records_deleted: z.number().openapi({ description: 'Tombstones: deleted at the provider, or missing from a complete listing of a chunk' }),
    pages: z.number(),
    changes: orNull(ChangesRangeSchema).openapi({ description: 'Where this backfill\'s changes are in the changes feed; null while it changed nothing' }),
    current_window: Window.nullable().openapi({ description: 'The earliest chunk window in progress' }),
    estimated_seconds_left: z.number().nullable(),
    error: z.object({ code: z.string(), message: z.string(), chunk: z.number().optional(), window: Window.optional() }).nullable(),
    workflow_id: z.string(),
    workflow_runs: z.number().openapi({ description: 'Runs in the workflow\'s continue-as-new chain so far' }),
    temporal_ui_url: z.string(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    cancel_requested_at: z.string().nullable(),
  })
  .openapi('Backfill');

const BackfillParams = ConnectorIdParam.extend({
  backfill_id: z.string().regex(idPattern('bf'), 'must be a backfill id (bf_…)').openapi({ param: { name: 'backfill_id', in: 'path' } }),
});

const CreateBody = z.strictObject({
  start: z.iso.datetime({ offset: true }).openapi({ description: 'Inclusive start, ISO-8601', example: '2026-10-01T00:00:00Z' }),
  end: z.iso.datetime({ offset: true }).openapi({ description: 'Exclusive end, ISO-8601, not in the future', example: '2026-10-31T00:00:00Z' }),
  chunk: z
    .string()
    .max(40)
    .regex(DURATION_PATTERN, 'must be an ISO-8601 duration such as P1D, PT6H, PT30M or P1W')
    .optional()
    .openapi({ description: `ISO-8601 duration (PnW, PnD, PTnH, PTnM), PT1H–P31D, default ${CHUNK_BOUNDS.default}; at most ${CHUNK_BOUNDS.maxChunks} chunks`, example: 'P1D' }),
}).openapi({
  description: `Rules beyond this schema (each a 400 naming its field): \`start\` before \`end\`; \`end\` not in the future; \`start\` within the type's \`history_limit_days\`; a chunk of PT1H–P31D; at most ${CHUNK_BOUNDS.maxChunks} chunks.`,
});

const statusConflict = '`invalid_status` (backfills run only for connected connectors) or `conflict` (one is already active)';

const routes = {
  create: operation({
    operationId: 'createBackfill', temporal: true, conflict: statusConflict,
    method: 'post', path: '/connectors/{id}/backfills', tags, summary: 'Backfill [start, end) in chunks',
    description: 'Chunks already committed by an earlier failed or cancelled backfill of this connector with the same chunk window are skipped, so re-posting the same request resumes it.',
    request: { params: ConnectorIdParam, body: jsonBody(CreateBody) },
    responses: {
      202: {
        ...json(z.object({ backfill_id: z.string(), status: z.enum(BACKFILL_STATUSES), chunks_total: z.number(), chunks_skipped: z.number(), workflow_id: z.string(), temporal_ui_url: z.string(), status_url: z.string() }).openapi('BackfillAccepted'), 'Accepted: poll the backfill (`Location`, `status_url`)'),
        headers: { Location: { description: 'The backfill\'s URL', required: true, schema: { type: 'string', format: 'uri-reference' } } },
      },
    },
  }),
  list: operation({
    operationId: 'listBackfills',
    method: 'get', path: '/connectors/{id}/backfills', tags, summary: 'Backfills, newest first',
    request: { params: ConnectorIdParam, query: z.object(PageQuery) },
    responses: { 200: json(page(BackfillSchema), 'A page of backfills') },
  }),
  get: operation({
    operationId: 'getBackfill',
    method: 'get', path: '/connectors/{id}/backfills/{backfill_id}', tags, summary: 'One backfill and its progress',
    request: { params: BackfillParams },
    responses: { 200: json(BackfillSchema, 'The backfill') },
  }),
  cancel: operation({
    operationId: 'cancelBackfill', temporal: true, conflict: '`conflict`: the backfill already finished',
    method: 'post', path: '/connectors/{id}/backfills/{backfill_id}/cancel', tags, summary: 'Cancel: stop after the current page, keep what was committed',
    request: { params: BackfillParams },
    responses: { 202: json(BackfillSchema, 'Cancellation requested; poll until status is cancelled') },
  }),
};

export function backfillRoutes(backfills: BackfillService) {
  const app = createRouter();
  app.openapi(routes.create, async (c) => {
    const accepted = await backfills.create(workspaceOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(accepted, 202, { location: accepted.status_url });
  });
  app.openapi(routes.list, async (c) => c.json(await backfills.list(workspaceOf(c), c.req.valid('param').id, c.req.valid('query')), 200));
  app.openapi(routes.get, async (c) => {
    const p = c.req.valid('param');
    return c.json(await backfills.get(workspaceOf(c), p.id, p.backfill_id), 200);
  });
  app.openapi(routes.cancel, async (c) => {
    const p = c.req.valid('param');
    return c.json(await backfills.cancel(workspaceOf(c), p.id, p.backfill_id), 202);
  });
  return app;
}

sameShape<BackfillView, z.infer<typeof BackfillSchema>>(true);
