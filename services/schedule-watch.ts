// Schedules whose ticks stopped running (interval and cron): a missed tick is otherwise only counted when the next tick runs, so a
// schedule Temporal no longer fires (deleted or paused behind Tributary's back, a scheduler that cannot start
// workflows) would show nothing. A periodic check (run by the reconciler loop) marks such a connector with the status
// reason `schedule_overdue` — its status stays — and the next tick that runs clears it, restoring the reason it had.
import { sql } from 'kysely';
import type { Config } from '../config/config.ts';
import { lockConnector, updateConnector } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import { CONNECTOR_RULES } from '../lib/connector-rules.ts';
import { fireTimesAfter, parseCron } from '../lib/cron.ts';
import { schedulesOverdue } from '../lib/metrics.ts';

export const OVERDUE_REASON = 'schedule_overdue';

export type ScheduleWatchConfig = Pick<Config, 'SCHEDULE_OVERDUE_AFTER_INTERVALS' | 'DEFAULT_SYNC_INTERVAL_MINUTES'>;

const active = sql`c.deleted_at is null and c.status in (${sql.join([...CONNECTOR_RULES.syncable])})`;
const base = sql`coalesce(s.last_tick_at, s.applied_at)`;

/**
 * Where an interval schedule stands against the threshold: active (connector may sync, not deleted), and no tick
 * since `base` (the last tick that ran, or when this version was applied) for more than the catch-up window (one
 * interval) plus `SCHEDULE_OVERDUE_AFTER_INTERVALS` intervals. Decided in SQL, over every interval schedule at once.
 */
function overdueCondition(config: ScheduleWatchConfig) {
  const every = sql`coalesce(s.interval_minutes, ${config.DEFAULT_SYNC_INTERVAL_MINUTES}) * interval '1 minute'`;
  return { every, overdue: sql`${active} and s.cron is null and ${base} < now() - (${config.SCHEDULE_OVERDUE_AFTER_INTERVALS} + 1) * ${every}` };
}

interface CronRow {
  cron: string;
  timezone: string | null;
  base: Date | string | null;
}

/** At most this many of a cron schedule's due ticks are counted (the message and the view say "at least" then). */
const MAX_COUNTED_TICKS = 1000;

/**
 * The same threshold for a cron schedule, in its own fire times: active, and its first `SCHEDULE_OVERDUE_AFTER_INTERVALS
 * + 1` fire times after `base` all passed (the first one's catch-up window, then that many more ticks) without a tick.
 * The mark's `since` is the first of them; `ticks` how many were due by `now`.
 */
export function cronOverdue(row: CronRow, afterIntervals: number, now = Date.now()): { since: Date; ticks: number } | undefined {
  if (!row.base) return undefined;
  const fires = fireTimesAfter(parseCron(row.cron), row.timezone ?? 'UTC', new Date(row.base), afterIntervals + 1);
  if (fires.length < afterIntervals + 1 || fires[afterIntervals]!.getTime() >= now) return undefined;
  return { since: fires[0]!, ticks: cronTicksDue(row, now) };
}

function cronTicksDue(row: CronRow, now: number): number {
  if (!row.base) return 0;
  return fireTimesAfter(parseCron(row.cron), row.timezone ?? 'UTC', new Date(row.base), MAX_COUNTED_TICKS).filter((t) => t.getTime() <= now).length;
}

/**
 * One check: marks what became overdue, clears what no longer is (paused, deleted, a new spec applied — a tick
 * clears its own connector at once, see `clearOverdue`). Interval schedules are judged in one query; cron schedules
 * by their fire times here. Every replica may run it: each change re-checks under the connector's lock. Returns how
 * many it marked and cleared.
 */
export async function checkOverdueSchedules(db: Db, config: ScheduleWatchConfig): Promise<{ marked: number; cleared: number }> {
  const { overdue } = overdueCondition(config);
  const found = await sql<{ id: string; overdue: boolean }>`
    select s.connector_id as id, (${overdue}) as overdue from connector_schedules s join connectors c on c.id = s.connector_id
    where s.cron is null and ((s.overdue_since is null and ${overdue}) or (s.overdue_since is not null and not coalesce(${overdue}, false)))`.execute(db);
  const crons = await sql<CronRow & { id: string; active: boolean; marked: boolean }>`
    select s.connector_id as id, s.cron, s.timezone, ${base} as base, (${active}) as active, s.overdue_since is not null as marked
    from connector_schedules s join connectors c on c.id = s.connector_id
    where s.cron is not null and (${active} or s.overdue_since is not null)`.execute(db);
  for (const r of crons.rows) {
    const due = r.active && cronOverdue(r, config.SCHEDULE_OVERDUE_AFTER_INTERVALS) !== undefined;
    if (due !== r.marked) found.rows.push({ id: r.id, overdue: due });
  }
  let marked = 0;
  let cleared = 0;
  for (const row of found.rows) {
    if (row.overdue) marked += (await markOverdue(db, row.id, config)) ? 1 : 0;
    else cleared += (await clearOverdue(db, row.id)) ? 1 : 0;
  }
  return { marked, cleared };
}

/** Whether schedule `id` is overdue now, read under the caller's lock: since when, the base, and the ticks due. */
async function judge(tx: Db, id: string, config: ScheduleWatchConfig): Promise<{ since: Date; base: Date; ticks: number } | undefined> {
  const { every, overdue } = overdueCondition(config);
  const r = await sql<CronRow & { active: boolean; since: Date | null; ticks: number | null; interval_overdue: boolean }>`
    select s.cron, s.timezone, ${base} as base, (${active}) as active, (${overdue}) as interval_overdue, ${base} + ${every} as since,
      floor(extract(epoch from now() - ${base}) / extract(epoch from ${every}))::int as ticks
    from connector_schedules s join connectors c on c.id = s.connector_id
    where s.connector_id = ${id} and s.overdue_since is null for update of s`.execute(tx);
  const row = r.rows[0];
  if (!row?.base) return undefined;
  if (row.cron === null) return row.interval_overdue ? { since: new Date(row.since!), base: new Date(row.base), ticks: row.ticks! } : undefined;
  const verdict = row.active ? cronOverdue(row, config.SCHEDULE_OVERDUE_AFTER_INTERVALS) : undefined;
  return verdict && { ...verdict, base: new Date(row.base) };
}

/**
 * Under the connector's lock (taken first, as the status machine does, so the two cannot deadlock) the schedule is
 * checked again and marked, and the connector's reason saved and replaced. Its status does not change.
 */
async function markOverdue(db: Db, id: string, config: ScheduleWatchConfig): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const c = await lockConnector(tx, id);
    if (!c) return false;
    const m = await judge(tx, id, config);
    if (!m) return false;
    await tx.updateTable('connector_schedules')
      .set({ overdue_since: m.since, overdue_prev_reason: c.status_reason, overdue_prev_message: c.status_message })
      .where('connector_id', '=', id)
      .execute();
    const ticks = m.ticks >= MAX_COUNTED_TICKS ? `at least ${m.ticks}` : String(m.ticks);
    const message = `no scheduled sync has started since ${new Date(m.base).toISOString()}: ${ticks} ticks were due by now and did not start ` +
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
  row: {
    overdue_since: Date | string | null; last_tick_at: Date | string | null; applied_at: Date | string | null; interval_minutes: number | null;
    cron: string | null; timezone: string | null;
  } | undefined,
  defaultMinutes: number,
  now = Date.now(),
): { overdue_since: string | null; overdue_ticks: number } {
  const base = row?.last_tick_at ?? row?.applied_at;
  if (!row?.overdue_since || !base) return { overdue_since: null, overdue_ticks: 0 };
  if (row.cron !== null) return { overdue_since: new Date(row.overdue_since).toISOString(), overdue_ticks: Math.max(1, cronTicksDue({ cron: row.cron, timezone: row.timezone, base }, now)) };
  const every = (row.interval_minutes ?? defaultMinutes) * 60_000;
  return { overdue_since: new Date(row.overdue_since).toISOString(), overdue_ticks: Math.max(1, Math.floor((now - new Date(base).getTime()) / every)) };
}
