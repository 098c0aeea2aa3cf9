// Sync now, sync history, ingested records, the schedule, pause and resume.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { SYNC_RUN_STATUSES } from '../../db/schema.ts';
import { DomainError } from '../../lib/errors.ts';
import { idPattern } from '../../lib/ids.ts';
import { INTERVAL_BOUNDS, parseDesiredSchedule, type ScheduleService } from '../../services/schedules.ts';
import type { SyncService } from '../../services/sync.ts';
import type { AppEnv } from '../env.ts';
import { validationHook } from '../middleware/errors.ts';
import { ConnectorIdParam, ConnectorSchema, errorResponses, json, PageQuery } from '../schemas.ts';

const tags = ['Syncs'];

const SyncRunSchema = z
  .object({
    id: z.string(),
    connector_id: z.string(),
    status: z.enum(SYNC_RUN_STATUSES),
    trigger: z.enum(['schedule', 'manual', 'onboarding']),
    window: z.object({ start: z.string(), end: z.string() }).nullable(),
    records_fetched: z.number(),
    records_inserted: z.number(),
    records_updated: z.number(),
    pages: z.number(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    log: z.array(z.object({ at: z.string(), level: z.enum(['info', 'warn', 'error']), message: z.string() })),
    workflow_id: z.string().nullable(),
    temporal_ui_url: z.string().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .openapi('SyncRun');

const ScheduleSchema = z
  .object({
    interval_minutes: z.number().nullable(),
    cron: z.string().nullable(),
    timezone: z.string().nullable(),
    paused: z.boolean(),
    next_run_at: z.string().nullable(),
    schedule_id: z.string(),
  })
  .openapi('Schedule');

const RunParams = ConnectorIdParam.extend({
  run_id: z.string().regex(idPattern('run'), 'must be a sync run id (run_…)').openapi({ param: { name: 'run_id', in: 'path' } }),
});

const routes = {
  sync: createRoute({
    method: 'post', path: '/connectors/{id}/sync', tags, summary: 'Sync now (or get the sync already in flight)',
    request: { params: ConnectorIdParam },
    responses: { 202: json(z.object({ sync_run_id: z.string(), already_running: z.boolean(), status_url: z.string() }), 'Accepted: poll the run'), ...errorResponses },
  }),
  runs: createRoute({
    method: 'get', path: '/connectors/{id}/sync-runs', tags, summary: 'Sync history, newest first',
    request: { params: ConnectorIdParam, query: z.object(PageQuery) },
    responses: { 200: json(z.object({ data: z.array(SyncRunSchema), next_cursor: z.string().nullable() }), 'A page of runs'), ...errorResponses },
  }),
  run: createRoute({
    method: 'get', path: '/connectors/{id}/sync-runs/{run_id}', tags, summary: 'One sync run',
    request: { params: RunParams },
    responses: { 200: json(SyncRunSchema, 'The run'), ...errorResponses },
  }),
  records: createRoute({
    method: 'get', path: '/connectors/{id}/records', tags, summary: 'What the connector ingested, newest first',
    request: {
      params: ConnectorIdParam,
      query: z.object({ ...PageQuery, limit: z.coerce.number().int().min(1).max(500).default(50), kind: z.string().max(64).optional(), since: z.iso.datetime({ offset: true }).optional().openapi({ description: 'ISO-8601; records that occurred at or after it' }) }),
    },
    responses: {
      200: json(z.object({ data: z.array(z.object({ kind: z.string(), external_id: z.string(), occurred_at: z.string(), title: z.string(), url: z.string().nullable(), raw: z.unknown(), first_seen_at: z.string(), updated_at: z.string() })), next_cursor: z.string().nullable() }), 'A page of records'),
      ...errorResponses,
    },
  }),
  getSchedule: createRoute({
    method: 'get', path: '/connectors/{id}/schedule', tags, summary: 'The sync schedule and its next run',
    request: { params: ConnectorIdParam },
    responses: { 200: json(ScheduleSchema, 'The schedule'), ...errorResponses },
  }),
  putSchedule: createRoute({
    method: 'put', path: '/connectors/{id}/schedule', tags, summary: 'Set the sync schedule',
    description: `Either {"interval_minutes": n} (${INTERVAL_BOUNDS.min}–${INTERVAL_BOUNDS.max}) or {"cron": "m h dom mon dow", "timezone": "Europe/Berlin"} (timezone defaults to UTC).`,
    request: {
      params: ConnectorIdParam,
      body: { required: true, content: { 'application/json': { schema: z.strictObject({ interval_minutes: z.number().optional(), cron: z.string().max(200).optional(), timezone: z.string().max(100).optional() }) } } },
    },
    responses: { 200: json(ScheduleSchema, 'The schedule'), ...errorResponses },
  }),
  pause: createRoute({
    method: 'post', path: '/connectors/{id}/pause', tags, summary: 'Pause: no scheduled or manual syncs until resumed',
    request: { params: ConnectorIdParam },
    responses: { 200: json(ConnectorSchema, 'The connector'), ...errorResponses },
  }),
  resume: createRoute({
    method: 'post', path: '/connectors/{id}/resume', tags, summary: 'Resume a paused connector and its schedule',
    request: { params: ConnectorIdParam },
    responses: { 200: json(ConnectorSchema, 'The connector'), ...errorResponses },
  }),
};

export function syncRoutes(sync: SyncService, schedules: ScheduleService, view: (workspaceId: string, id: string) => Promise<z.infer<typeof ConnectorSchema>>) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const ws = (c: { get(k: 'workspaceId'): string }) => c.get('workspaceId');

  async function scheduleView(workspaceId: string, id: string) {
    const c = await sync.loadConnector(workspaceId, id);
    const want = await schedules.desired(id);
    const d = await schedules.describe(id);
    return {
      interval_minutes: 'interval_minutes' in want ? want.interval_minutes : null,
      cron: 'cron' in want ? want.cron : null,
      timezone: 'cron' in want ? want.timezone : null,
      paused: c.status === 'paused' || c.status === 'oauth_expired' || d.paused,
      next_run_at: d.next_run_at,
      schedule_id: `sync-schedule/${id}`,
    };
  }

  app.openapi(routes.sync, async (c) => c.json(await sync.syncNow(ws(c), c.req.valid('param').id), 202));
  app.openapi(routes.runs, async (c) => c.json(await sync.listRuns(ws(c), c.req.valid('param').id, c.req.valid('query')), 200));
  app.openapi(routes.run, async (c) => {
    const p = c.req.valid('param');
    return c.json(await sync.getRun(ws(c), p.id, p.run_id), 200);
  });
  app.openapi(routes.records, async (c) => c.json(await sync.listRecords(ws(c), c.req.valid('param').id, c.req.valid('query')), 200));
  app.openapi(routes.getSchedule, async (c) => c.json(await scheduleView(ws(c), c.req.valid('param').id), 200));
  app.openapi(routes.putSchedule, async (c) => {
    const id = c.req.valid('param').id;
    const conn = await sync.loadConnector(ws(c), id);
    const want = parseDesiredSchedule(c.req.valid('json'));
    if (conn.deleted_at) throw new DomainError('invalid_status', `connector ${id} is deleted`);
    await schedules.setDesired(id, want);
    return c.json(await scheduleView(ws(c), id), 200);
  });
  app.openapi(routes.pause, async (c) => {
    const id = c.req.valid('param').id;
    await sync.pause(ws(c), id);
    return c.json(await view(ws(c), id), 200);
  });
  app.openapi(routes.resume, async (c) => {
    const id = c.req.valid('param').id;
    await sync.resume(ws(c), id);
    return c.json(await view(ws(c), id), 200);
  });
  return app;
}
