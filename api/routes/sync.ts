// Sync now, sync history, ingested records, the schedule, pause and resume.
import { z } from '@hono/zod-openapi';
import { operation } from '../contract.ts';
import { createRouter, sameShape, workspaceOf } from '../router.ts';
import { SYNC_RUN_STATUSES } from '../../db/schema.ts';
import { idPattern } from '../../lib/ids.ts';
import type { ConnectorService } from '../../services/connectors.ts';
import { INTERVAL_BOUNDS, parseDesiredSchedule, type ScheduleService, type ScheduleView } from '../../services/schedules.ts';
import type { SyncRunView } from '../../services/sync-runs.ts';
import type { SyncService } from '../../services/sync.ts';
import { ChangesRangeSchema, ConnectorIdParam, ConnectorSchema, json, jsonBody, orNull, page, PageQuery, RecordContent } from '../schemas.ts';
import { CRON_PATTERN, TIMEZONE_PATTERN } from '../schedule-schemas.ts';

const tags = ['Syncs'];

const SyncRunSchema = z
  .object({
    id: z.string(),
    connector_id: z.string(),
    status: z.enum(SYNC_RUN_STATUSES),
    trigger: z.enum(['schedule', 'manual', 'onboarding']),
    window: z.object({ start: z.string(), end: z.string() }).nullable(),
    records_fetched: z.number().openapi({ description: 'Records read from the provider (= added + updated + unchanged + deleted by the provider)' }),
    records_added: z.number().openapi({ description: 'New records (first version)' }),
    records_updated: z.number().openapi({ description: 'Records whose content changed (a new version)' }),
    records_unchanged: z.number().openapi({ description: 'Fetched again with identical content: no new version' }),
    records_deleted: z.number().openapi({ description: 'Tombstones: deleted at the provider, or missing from a complete listing' }),
    pages: z.number(),
    changes: orNull(ChangesRangeSchema).openapi({ description: 'Where this run\'s changes are in the changes feed: read `GET /v1/connectors/{id}/changes?after=…&until=…`; null when it changed nothing' }),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    log: z.array(z.object({ at: z.string(), level: z.enum(['info', 'warn', 'error']), message: z.string() })),
    workflow_id: z.string().nullable(),
    temporal_ui_url: z.string().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .openapi('SyncRun');

const RecordSchema = z
  .object({
    ...RecordContent,
    first_seen_at: z.string(),
    last_changed_at: z.string().openapi({ description: 'When its content last changed (its current version\'s time)' }),
    version: z.number().openapi({ description: 'Starts at 1; grows by one with each real change (a re-fetch of identical content is not one)' }),
  })
  .openapi('Record');

const ScheduleSchema = z
  .object({
    interval_minutes: z.number().nullable(),
    cron: z.string().nullable(),
    timezone: z.string().nullable(),
    paused: z.boolean(),
    next_run_at: z.string().nullable().openapi({ description: 'When Temporal runs it next; null while paused or pending, and until this schedule is applied' }),
    schedule_id: z.string(),
    applied: z.boolean().openapi({ description: 'Whether Temporal runs exactly this schedule (and pause state) now; false while it converges (e.g. Temporal unreachable)' }),
    apply_error: z.string().nullable().openapi({ description: 'Why the last attempt to apply it to Temporal failed (it is retried), or null' }),
    offset_seconds: z.number().nullable().openapi({ description: 'Where in each interval this connector\'s ticks fall, in seconds: derived from its id, stable, so connectors do not all start at once (null for cron)' }),
    missed_ticks: z.number().openapi({ description: 'Scheduled ticks that never ran — later than the catch-up window of one interval, or their start failed — counted when the next tick runs' }),
    last_missed_at: z.string().nullable().openapi({ description: 'When a missed tick was last counted, or null' }),
    overdue_since: z.string().nullable().openapi({ description: 'Set while no scheduled tick has run for the catch-up window plus SCHEDULE_OVERDUE_AFTER_INTERVALS intervals (the connector\'s status_reason is then `schedule_overdue`; its status is unchanged): when the first tick that did not start was due. Null otherwise; the next tick that runs clears it' }),
    overdue_ticks: z.number().openapi({ description: 'While overdue: ticks due since the last one that ran (counted now); 0 otherwise' }),
  })
  .openapi('Schedule');

const RunParams = ConnectorIdParam.extend({
  run_id: z.string().regex(idPattern('run'), 'must be a sync run id (run_…)').openapi({ param: { name: 'run_id', in: 'path' } }),
});

const statusConflict = '`invalid_status`: the connector\'s status forbids it (the message says which and what to do)';

const ScheduleBody = z
  .union([
    z.strictObject({ interval_minutes: z.number().int().min(INTERVAL_BOUNDS.min).max(INTERVAL_BOUNDS.max).openapi({ description: `Every n minutes, ${INTERVAL_BOUNDS.min}–${INTERVAL_BOUNDS.max}` }) }).openapi('IntervalSchedule'),
    z
      .strictObject({
        cron: z.string().max(200).regex(new RegExp(CRON_PATTERN), 'must be a 5-field cron expression: minute hour day-of-month month day-of-week').openapi({ example: '30 9 * * MON-FRI', description: 'minute hour day-of-month month day-of-week; values in range, names (JAN, MON) allowed; a range must not run backwards' }),
        timezone: z.string().min(1).max(100).regex(new RegExp(TIMEZONE_PATTERN), 'must be an IANA time zone name').optional().openapi({ example: 'Europe/Berlin', description: 'An IANA time zone of the server\'s time-zone database (default UTC)' }),
      })
      .openapi('CronSchedule'),
  ])
  .openapi({ description: 'Exactly one form: an interval, or a cron expression with a time zone' }, { unionPreferredType: 'oneOf' });

const routes = {
  sync: operation({
    operationId: 'syncConnector', temporal: true, conflict: statusConflict,
    method: 'post', path: '/connectors/{id}/sync', tags, summary: 'Sync now (or get the sync already in flight)',
    request: { params: ConnectorIdParam },
    responses: {
      202: {
        ...json(z.object({ sync_run_id: z.string(), already_running: z.boolean(), status_url: z.string() }).openapi('SyncAccepted'), 'Accepted: poll the run (`Location`, `status_url`)'),
        headers: { Location: { description: 'The run\'s URL', required: true, schema: { type: 'string', format: 'uri-reference' } } },
      },
    },
  }),
  runs: operation({
    operationId: 'listSyncRuns',
    method: 'get', path: '/connectors/{id}/sync-runs', tags, summary: 'Sync history, newest first',
    request: { params: ConnectorIdParam, query: z.object(PageQuery) },
    responses: { 200: json(page(SyncRunSchema), 'A page of runs') },
  }),
  run: operation({
    operationId: 'getSyncRun',
    method: 'get', path: '/connectors/{id}/sync-runs/{run_id}', tags, summary: 'One sync run',
    request: { params: RunParams },
    responses: { 200: json(SyncRunSchema, 'The run') },
  }),
  records: operation({
    operationId: 'listRecords',
    method: 'get', path: '/connectors/{id}/records', tags, summary: 'What the connector ingested, newest first',
    request: {
      params: ConnectorIdParam,
      query: z.object({
        ...PageQuery,
        limit: z.coerce.number().int().min(1).max(500).default(50),
        kind: z.string().max(64).optional(),
        since: z.iso.datetime({ offset: true }).optional().openapi({ description: 'ISO-8601; records that occurred at or after it' }),
        include_deleted: z.enum(['true', 'false']).transform((v) => v === 'true').optional().openapi({ description: 'Also tombstones (records deleted at the provider); default false' }),
      }),
    },
    responses: { 200: json(page(RecordSchema), 'A page of records') },
  }),
  getSchedule: operation({
    operationId: 'getSchedule', temporal: true,
    method: 'get', path: '/connectors/{id}/schedule', tags, summary: 'The sync schedule and its next run',
    request: { params: ConnectorIdParam },
    responses: { 200: json(ScheduleSchema, 'The schedule') },
  }),
  putSchedule: operation({
    operationId: 'putSchedule', temporal: true,
    method: 'put', path: '/connectors/{id}/schedule', tags, summary: 'Set the sync schedule',
    description: `Either {"interval_minutes": n} (${INTERVAL_BOUNDS.min}–${INTERVAL_BOUNDS.max}) or {"cron": "m h dom mon dow", "timezone": "Europe/Berlin"} (timezone defaults to UTC; any letter case, stored canonical). 200 once Temporal runs it; 202 when it is stored and will be applied as soon as Temporal can be reached (\`applied: false\`).`,
    request: { params: ConnectorIdParam, body: jsonBody(ScheduleBody) },
    responses: { 200: json(ScheduleSchema, 'The schedule, applied in Temporal'), 202: json(ScheduleSchema, 'The schedule, stored; Temporal converges to it shortly') },
  }),
  pause: operation({
    operationId: 'pauseConnector', temporal: true, conflict: statusConflict,
    method: 'post', path: '/connectors/{id}/pause', tags, summary: 'Pause: no scheduled or manual syncs until resumed',
    request: { params: ConnectorIdParam },
    responses: { 200: json(ConnectorSchema, 'The connector') },
  }),
  resume: operation({
    operationId: 'resumeConnector', temporal: true, conflict: statusConflict,
    method: 'post', path: '/connectors/{id}/resume', tags, summary: 'Resume a paused connector and its schedule',
    request: { params: ConnectorIdParam },
    responses: { 200: json(ConnectorSchema, 'The connector') },
  }),
};

export function syncRoutes(sync: SyncService, schedules: ScheduleService, connectors: ConnectorService) {
  const app = createRouter();
  app.openapi(routes.sync, async (c) => {
    const accepted = await sync.syncNow(workspaceOf(c), c.req.valid('param').id);
    return c.json(accepted, 202, { location: accepted.status_url });
  });
  app.openapi(routes.runs, async (c) => c.json(await sync.listRuns(workspaceOf(c), c.req.valid('param').id, c.req.valid('query')), 200));
  app.openapi(routes.run, async (c) => {
    const p = c.req.valid('param');
    return c.json(await sync.getRun(workspaceOf(c), p.id, p.run_id), 200);
  });
  app.openapi(routes.records, async (c) => c.json(await sync.listRecords(workspaceOf(c), c.req.valid('param').id, c.req.valid('query')), 200));
  app.openapi(routes.getSchedule, async (c) => c.json(await schedules.view(workspaceOf(c), c.req.valid('param').id), 200));
  app.openapi(routes.putSchedule, async (c) => {
    const want = parseDesiredSchedule(c.req.valid('json') as { interval_minutes?: number; cron?: string; timezone?: string });
    const view = await schedules.setDesired(workspaceOf(c), c.req.valid('param').id, want);
    return view.applied ? c.json(view, 200) : c.json(view, 202);
  });
  app.openapi(routes.pause, async (c) => {
    const id = c.req.valid('param').id;
    await sync.pause(workspaceOf(c), id);
    return c.json(await connectors.get(workspaceOf(c), id), 200);
  });
  app.openapi(routes.resume, async (c) => {
    const id = c.req.valid('param').id;
    await sync.resume(workspaceOf(c), id);
    return c.json(await connectors.get(workspaceOf(c), id), 200);
  });
  return app;
}

sameShape<SyncRunView, z.infer<typeof SyncRunSchema>>(true);
sameShape<ScheduleView, z.infer<typeof ScheduleSchema>>(true);
