// Each connector's Temporal Schedule, reconciled to what the database says (desired spec, connector status).
import type { ScheduleSpec } from '@temporalio/client';
import type { Config } from '../config/config.ts';
import { sql } from 'kysely';
import { connectorIdsPastPending, findConnector, findConnectorInWorkspace, findLiveConnector } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import { schedulePaused, scheduleExists } from '../lib/connector-rules.ts';
import { invalid } from '../lib/errors.ts';
import type { Orchestrator } from './orchestrator.ts';

export type ScheduleConfig = Pick<Config, 'DEFAULT_SYNC_INTERVAL_MINUTES'>;

export const INTERVAL_BOUNDS = { min: 5, max: 10080 } as const;

export type DesiredSchedule = { interval_minutes: number } | { cron: string; timezone: string };

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

export interface ScheduleView {
  interval_minutes: number | null;
  cron: string | null;
  timezone: string | null;
  paused: boolean;
  next_run_at: string | null;
  schedule_id: string;
}

function specOf(want: DesiredSchedule): ScheduleSpec {
  return 'cron' in want ? { cronExpressions: [want.cron], timezone: want.timezone } : { intervals: [{ every: `${want.interval_minutes} minutes` }] };
}

export function createScheduleService(deps: { db: Db; orchestrator: Orchestrator; config: ScheduleConfig }) {
  const { db, orchestrator, config } = deps;

  async function desired(connectorId: string): Promise<DesiredSchedule> {
    const row = await db.selectFrom('connector_schedules').selectAll().where('connector_id', '=', connectorId).executeTakeFirst();
    if (row?.cron) return { cron: row.cron, timezone: row.timezone ?? 'UTC' };
    return { interval_minutes: row?.interval_minutes ?? config.DEFAULT_SYNC_INTERVAL_MINUTES };
  }

  /**
   * Brings the connector's Temporal Schedule in line with the database: created, updated, paused or
   * deleted. Reconciliations of one connector are serialized (a Postgres advisory lock held while the
   * status is read and Temporal is changed), so a stale one can never undo a newer one.
   */
  async function reconcile(connectorId: string): Promise<void> {
    await db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`schedule:${connectorId}`}, 0))`.execute(tx);
      const c = await findConnector(tx, connectorId);
      if (!c || !scheduleExists(c)) {
        await orchestrator.schedules.remove(connectorId);
        return;
      }
      const paused = schedulePaused(c.status);
      await orchestrator.schedules.upsert(c, { spec: specOf(await desired(connectorId)), paused, note: paused ? `connector is ${c.status}` : 'connector active' });
    });
  }

  /** The schedule as the API shows it: the desired spec from the database, its state and next run from Temporal. */
  async function view(workspaceId: string, connectorId: string): Promise<ScheduleView> {
    const c = await findConnectorInWorkspace(db, workspaceId, connectorId);
    const want = await desired(connectorId);
    const d = await orchestrator.schedules.describe(connectorId);
    return {
      interval_minutes: 'interval_minutes' in want ? want.interval_minutes : null,
      cron: 'cron' in want ? want.cron : null,
      timezone: 'cron' in want ? want.timezone : null,
      paused: schedulePaused(c.status) || d.paused,
      next_run_at: d.next_run_at,
      schedule_id: orchestrator.scheduleId(connectorId),
    };
  }

  return {
    desired,
    reconcile,
    view,

    /** Reconciles every connector that should have a schedule, and deletes schedules of connectors that are gone. */
    async reconcileAll(): Promise<{ reconciled: number; failed: number }> {
      const ids = await connectorIdsPastPending(db);
      let failed = 0;
      for (const id of ids) await reconcile(id).catch(() => failed++);
      for (const connectorId of await orchestrator.schedules.listConnectorIds()) {
        if (!(await findLiveConnector(db, connectorId))) await orchestrator.schedules.remove(connectorId).catch(() => failed++);
      }
      return { reconciled: ids.length, failed };
    },

    /** Stores the workspace's connector's desired schedule and reconciles Temporal to it. */
    async setDesired(workspaceId: string, connectorId: string, want: DesiredSchedule): Promise<ScheduleView> {
      await findConnectorInWorkspace(db, workspaceId, connectorId);
      const values = 'cron' in want ? { interval_minutes: null, cron: want.cron, timezone: want.timezone } : { interval_minutes: want.interval_minutes, cron: null, timezone: null };
      await db
        .insertInto('connector_schedules')
        .values({ connector_id: connectorId, ...values })
        .onConflict((oc) => oc.column('connector_id').doUpdateSet({ ...values, updated_at: new Date() }))
        .execute();
      await reconcile(connectorId);
      return view(workspaceId, connectorId);
    },
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
