// Each connector's Temporal Schedule, reconciled to what the database says (desired spec, connector status).
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import type { Config } from '../config/config.ts';
import { sql } from 'kysely';
import type { Db } from '../db/db.ts';
import type { ConnectorRow } from '../db/schema.ts';
import { invalid } from '../lib/errors.ts';
import { connectorSearchAttributes, workflowIds } from '../lib/temporal.ts';
import type { SyncRunSettings } from '../workflows/sync.ts';

export type ScheduleConfig = Pick<
  Config,
  'TEMPORAL_TASK_QUEUE' | 'DEFAULT_SYNC_INTERVAL_MINUTES' | 'SYNC_MAX_ATTEMPTS' | 'SYNC_RETRY_INITIAL_MS' | 'SYNC_HEARTBEAT_TIMEOUT_SECONDS'
>;

export const INTERVAL_BOUNDS = { min: 5, max: 10080 } as const;

export type DesiredSchedule = { interval_minutes: number } | { cron: string; timezone: string };

export function syncSettings(config: ScheduleConfig): SyncRunSettings {
  return { maxAttempts: config.SYNC_MAX_ATTEMPTS, initialRetryMs: config.SYNC_RETRY_INITIAL_MS, heartbeatTimeoutSeconds: config.SYNC_HEARTBEAT_TIMEOUT_SECONDS };
}

const CRON_FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/** Validates a 5-field cron expression; returns a reason when it is not one, undefined when it is. */
export function cronProblem(expr: string): string | undefined {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`;
  for (let i = 0; i < 5; i++) {
    const f = CRON_FIELDS[i]!;
    const value = (v: string) => {
      const byName = f.names?.indexOf(v.toUpperCase());
      if (byName !== undefined && byName >= 0) return byName + (f.name === 'month' ? 1 : 0);
      return /^\d+$/.test(v) ? Number(v) : NaN;
    };
    for (const item of parts[i]!.split(',')) {
      const m = /^(\*|([A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?)(?:\/(\d+))?$/.exec(item);
      if (!m) return `${f.name} field "${parts[i]}" is not valid`;
      if (m[4] !== undefined && Number(m[4]) < 1) return `${f.name} step must be at least 1`;
      for (const v of [m[2], m[3]]) {
        if (v === undefined) continue;
        const n = value(v);
        if (Number.isNaN(n) || n < f.min || n > f.max) return `${f.name} value "${v}" is outside ${f.min}–${f.max}`;
      }
      if (m[3] !== undefined && value(m[2]!) > value(m[3])) return `${f.name} range "${item}" runs backwards`;
    }
  }
  return undefined;
}

export function timezoneValid(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

/** Validates a PUT /schedule body; every problem is a 400 naming its field. */
export function parseDesiredSchedule(body: { interval_minutes?: number; cron?: string; timezone?: string }): DesiredSchedule {
  const hasInterval = body.interval_minutes !== undefined;
  const hasCron = body.cron !== undefined;
  if (hasInterval === hasCron) throw invalid(hasInterval ? 'cron' : 'interval_minutes', 'give either interval_minutes, or cron with timezone — exactly one of them');
  if (hasInterval) {
    if (body.timezone !== undefined) throw invalid('timezone', 'only applies to cron schedules');
    const n = body.interval_minutes!;
    if (!Number.isInteger(n) || n < INTERVAL_BOUNDS.min || n > INTERVAL_BOUNDS.max) throw invalid('interval_minutes', `must be a whole number of minutes between ${INTERVAL_BOUNDS.min} and ${INTERVAL_BOUNDS.max}`);
    return { interval_minutes: n };
  }
  const problem = cronProblem(body.cron!);
  if (problem) throw invalid('cron', problem);
  const tz = body.timezone ?? 'UTC';
  if (!timezoneValid(tz)) throw invalid('timezone', `"${tz}" is not an IANA time zone (e.g. Europe/Berlin)`);
  return { cron: body.cron!.trim(), timezone: tz };
}

export function createScheduleService(deps: { db: Db; temporal: Client; config: ScheduleConfig }) {
  const { db, temporal, config } = deps;

  async function desired(connectorId: string): Promise<DesiredSchedule> {
    const row = await db.selectFrom('connector_schedules').selectAll().where('connector_id', '=', connectorId).executeTakeFirst();
    if (row?.cron) return { cron: row.cron, timezone: row.timezone ?? 'UTC' };
    return { interval_minutes: row?.interval_minutes ?? config.DEFAULT_SYNC_INTERVAL_MINUTES };
  }

  function options(c: ConnectorRow, want: DesiredSchedule, paused: boolean): ScheduleOptions {
    return {
      scheduleId: workflowIds.schedule(c.id),
      spec: 'cron' in want ? { cronExpressions: [want.cron], timezone: want.timezone } : { intervals: [{ every: `${want.interval_minutes} minutes` }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'scheduledSyncWorkflow',
        workflowId: workflowIds.scheduledSync(c.id),
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args: [{ connectorId: c.id, settings: syncSettings(config) }],
        typedSearchAttributes: connectorSearchAttributes(c),
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
      state: { paused, note: paused ? `connector is ${c.status}` : undefined },
    };
  }

  /**
   * Brings the connector's Temporal Schedule in line with the database: created, updated, paused or
   * deleted. Reconciliations of one connector are serialized (a Postgres advisory lock held while the
   * status is read and Temporal is changed), so a stale one can never undo a newer one.
   */
  async function reconcile(connectorId: string): Promise<void> {
    await db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`schedule:${connectorId}`}, 0))`.execute(tx);
      const c = await tx.selectFrom('connectors').selectAll().where('id', '=', connectorId).executeTakeFirst();
      const handle = temporal.schedule.getHandle(workflowIds.schedule(connectorId));
      const shouldExist = Boolean(c && !c.deleted_at && c.status !== 'pending');
      let existing;
      try {
        existing = await handle.describe();
      } catch (err) {
        if (!(err instanceof ScheduleNotFoundError)) throw err;
      }
      if (!shouldExist) {
        if (existing) await handle.delete().catch((e) => (e instanceof ScheduleNotFoundError ? undefined : Promise.reject(e)));
        return;
      }
      const want = await desired(connectorId);
      const paused = c!.status === 'paused' || c!.status === 'oauth_expired';
      const opts = options(c!, want, paused);
      if (!existing) {
        await temporal.schedule.create(opts);
        return;
      }
      await handle.update((prev) => ({
        ...prev,
        spec: opts.spec,
        action: opts.action,
        policies: { ...prev.policies, overlap: ScheduleOverlapPolicy.SKIP },
        state: { ...prev.state, paused, note: paused ? `connector is ${c!.status}` : 'connector active' },
      }));
    });
  }

  return {
    desired,
    reconcile,

    /** Reconciles every connector that should have a schedule, and deletes schedules of connectors that are gone. */
    async reconcileAll(): Promise<{ reconciled: number; failed: number }> {
      const rows = await db.selectFrom('connectors').select('id').where((eb) => eb.or([eb('deleted_at', 'is not', null), eb('status', '!=', 'pending')])).execute();
      let failed = 0;
      for (const r of rows) await reconcile(r.id).catch(() => failed++);
      for await (const s of temporal.schedule.list()) {
        const m = /^sync-schedule\/(con_[0-9a-z]+)$/.exec(s.scheduleId);
        if (!m) continue;
        const known = await db.selectFrom('connectors').select('id').where('id', '=', m[1]!).where('deleted_at', 'is', null).executeTakeFirst();
        if (!known) await temporal.schedule.getHandle(s.scheduleId).delete().catch(() => failed++);
      }
      return { reconciled: rows.length, failed };
    },

    async describe(connectorId: string): Promise<{ exists: boolean; paused: boolean; next_run_at: string | null; recent_actions: number }> {
      try {
        const d = await temporal.schedule.getHandle(workflowIds.schedule(connectorId)).describe();
        return { exists: true, paused: d.state.paused, next_run_at: d.state.paused ? null : (d.info.nextActionTimes[0]?.toISOString() ?? null), recent_actions: d.info.recentActions.length };
      } catch (err) {
        if (err instanceof ScheduleNotFoundError) return { exists: false, paused: false, next_run_at: null, recent_actions: 0 };
        throw err;
      }
    },

    async setDesired(connectorId: string, want: DesiredSchedule): Promise<void> {
      const values = 'cron' in want ? { interval_minutes: null, cron: want.cron, timezone: want.timezone } : { interval_minutes: want.interval_minutes, cron: null, timezone: null };
      await db
        .insertInto('connector_schedules')
        .values({ connector_id: connectorId, ...values })
        .onConflict((oc) => oc.column('connector_id').doUpdateSet({ ...values, updated_at: new Date() }))
        .execute();
      await reconcile(connectorId);
    },
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
