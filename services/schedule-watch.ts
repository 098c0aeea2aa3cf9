// Schedules whose ticks stopped running: a missed tick is otherwise only counted when the next tick runs, so a
// schedule Temporal no longer fires (deleted or paused behind Tributary's back, a scheduler that cannot start
// workflows) would show nothing. A periodic check (run by the reconciler loop) marks such a connector with the status
// reason `schedule_overdue` — its status stays — and the next tick that runs clears it, restoring the reason it had.
import { sql } from 'kysely';
import type { Config } from '../config/config.ts';
import { lockConnector, updateConnector } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import { CONNECTOR_RULES } from '../lib/connector-rules.ts';
import { schedulesOverdue } from '../lib/metrics.ts';

export const OVERDUE_REASON = 'schedule_overdue';

export type ScheduleWatchConfig = Pick<Config, 'SCHEDULE_OVERDUE_AFTER_INTERVALS' | 'DEFAULT_SYNC_INTERVAL_MINUTES'>;

/**
 * Where a schedule stands against the threshold: active (connector may sync, not deleted), an interval schedule
 * (cron schedules are not checked), and no tick since `base` (the last tick that ran, or when this version was
 * applied) for more than the catch-up window (one interval) plus `SCHEDULE_OVERDUE_AFTER_INTERVALS` intervals.
 */
function overdueCondition(config: ScheduleWatchConfig) {
  const every = sql`coalesce(s.interval_minutes, ${config.DEFAULT_SYNC_INTERVAL_MINUTES}) * interval '1 minute'`;
  const base = sql`coalesce(s.last_tick_at, s.applied_at)`;
  const active = sql`c.deleted_at is null and c.status in (${sql.join([...CONNECTOR_RULES.syncable])}) and s.cron is null`;
  return { every, base, overdue: sql`${active} and ${base} < now() - (${config.SCHEDULE_OVERDUE_AFTER_INTERVALS} + 1) * ${every}` };
}

/**
 * One check: marks what became overdue, clears what no longer is (paused, deleted, a new spec applied — a tick
 * clears its own connector at once, see `clearOverdue`). Every replica may run it: each change re-checks under the
 * connector's lock. Returns how many it marked and cleared.
 */
export async function checkOverdueSchedules(db: Db, config: ScheduleWatchConfig): Promise<{ marked: number; cleared: number }> {
  const { overdue } = overdueCondition(config);
  const found = await sql<{ id: string; overdue: boolean }>`
    select s.connector_id as id, (${overdue}) as overdue from connector_schedules s join connectors c on c.id = s.connector_id
    where (s.overdue_since is null and ${overdue}) or (s.overdue_since is not null and not coalesce(${overdue}, false))`.execute(db);
  let marked = 0;
  let cleared = 0;
  for (const row of found.rows) {
    if (row.overdue) marked += (await markOverdue(db, row.id, config)) ? 1 : 0;
    else cleared += (await clearOverdue(db, row.id)) ? 1 : 0;
  }
  return { marked, cleared };
}

/**
 * Under the connector's lock (taken first, as the status machine does, so the two cannot deadlock) the schedule is
 * checked again and marked, and the connector's reason saved and replaced. Its status does not change.
 */
async function markOverdue(db: Db, id: string, config: ScheduleWatchConfig): Promise<boolean> {
  const { every, base, overdue } = overdueCondition(config);
  return db.transaction().execute(async (tx) => {
    const c = await lockConnector(tx, id);
    if (!c) return false;
    const r = await sql<{ base: Date; ticks: number }>`
      update connector_schedules s set overdue_since = ${base} + ${every},
        overdue_prev_reason = ${c.status_reason}, overdue_prev_message = ${c.status_message}
      from connectors c where c.id = s.connector_id and s.connector_id = ${id} and s.overdue_since is null and ${overdue}
      returning ${base} as base, floor(extract(epoch from now() - ${base}) / extract(epoch from ${every}))::int as ticks`.execute(tx);
    const m = r.rows[0];
    if (!m) return false;
    const message = `no scheduled sync has started since ${new Date(m.base).toISOString()}: ${m.ticks} ticks were due by now and did not start ` +
      `(Temporal is not running this connector's schedule; see GET /v1/connectors/${id}/schedule)`;
    await updateConnector(tx, id, { status_reason: OVERDUE_REASON, status_message: message });
    schedulesOverdue.inc({ connector_type: c.type });
    return true;
  });
}

/**
 * A tick ran (or the schedule is no longer overdue): clears the mark, and gives the connector back the reason it had
 * — unless something else set a reason since (a failed sync, a pause), which then stands. No status history row
 * either way: the status never changed. Returns whether there was a mark to clear.
 */
export async function clearOverdue(db: Db, id: string): Promise<boolean> {
  const marked = await db.selectFrom('connector_schedules').select('overdue_since').where('connector_id', '=', id).executeTakeFirst();
  if (!marked?.overdue_since) return false;
  return db.transaction().execute(async (tx) => {
    const c = await lockConnector(tx, id);
    const s = await tx
      .selectFrom('connector_schedules')
      .select(['overdue_prev_reason', 'overdue_prev_message'])
      .where('connector_id', '=', id)
      .where('overdue_since', 'is not', null)
      .forUpdate()
      .executeTakeFirst();
    if (!s) return false;
    await tx.updateTable('connector_schedules').set({ overdue_since: null, overdue_prev_reason: null, overdue_prev_message: null }).where('connector_id', '=', id).execute();
    if (c?.status_reason === OVERDUE_REASON) await updateConnector(tx, id, { status_reason: s.overdue_prev_reason, status_message: s.overdue_prev_message });
    return true;
  });
}

/** The schedule view's `overdue_since` and `overdue_ticks` (ticks due since the last one that ran, counted now). */
export function overdueOf(
  row: { overdue_since: Date | string | null; last_tick_at: Date | string | null; applied_at: Date | string | null; interval_minutes: number | null } | undefined,
  defaultMinutes: number,
  now = Date.now(),
): { overdue_since: string | null; overdue_ticks: number } {
  const base = row?.last_tick_at ?? row?.applied_at;
  if (!row?.overdue_since || !base) return { overdue_since: null, overdue_ticks: 0 };
  const every = (row.interval_minutes ?? defaultMinutes) * 60_000;
  return { overdue_since: new Date(row.overdue_since).toISOString(), overdue_ticks: Math.max(1, Math.floor((now - new Date(base).getTime()) / every)) };
}
