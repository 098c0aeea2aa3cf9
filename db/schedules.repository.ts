// The connector_schedules table: each connector's desired schedule, its desired and applied versions, and the
// short lease under which one process at a time brings Temporal up to the desired version. No query here holds
// a transaction open: leases are claimed and released by single statements, so no lock spans a Temporal call.
import { sql } from 'kysely';
import { fireTimesAfter, parseCron } from '../lib/cron.ts';
import type { DbOrTx } from './db.ts';
import type { ConnectorSchedulesTable } from './schema.ts';
import type { Selectable } from 'kysely';

export type ScheduleRow = Selectable<ConnectorSchedulesTable>;
export type ScheduleSpecValues = Pick<ConnectorSchedulesTable, 'interval_minutes' | 'cron' | 'timezone'>;

export async function findSchedule(db: DbOrTx, connectorId: string): Promise<ScheduleRow | undefined> {
  return db.selectFrom('connector_schedules').selectAll().where('connector_id', '=', connectorId).executeTakeFirst();
}

/** A new connector's row: its spec, already "applied" (a pending connector has no schedule to create). */
export async function insertSchedule(db: DbOrTx, connectorId: string, spec: ScheduleSpecValues): Promise<void> {
  await db.insertInto('connector_schedules').values({ connector_id: connectorId, ...spec, desired_version: 1, applied_version: 1 }).execute();
}

/**
 * A new desired state (call it in the transaction that changed the spec, the connector's schedule-relevant
 * status, or deleted it): the version grows and the row is due at once. Returns the new version.
 */
export async function bumpDesiredVersion(db: DbOrTx, connectorId: string, spec?: ScheduleSpecValues): Promise<number> {
  const row = await db
    .insertInto('connector_schedules')
    .values({ connector_id: connectorId, ...(spec ?? {}) })
    .onConflict((oc) =>
      oc.column('connector_id').doUpdateSet((eb) => ({
        ...(spec ? { ...spec, updated_at: new Date() } : {}),
        desired_version: sql<number>`${eb.ref('connector_schedules.desired_version')} + 1`,
        next_attempt_at: null,
        attempts: 0,
      })),
    )
    .returning('desired_version')
    .executeTakeFirstOrThrow();
  return row.desired_version;
}

/** Takes the connector's lease if nobody holds it (or it expired); the row as it was then, or undefined. */
export async function claimLease(db: DbOrTx, connectorId: string, owner: string, leaseMs: number): Promise<ScheduleRow | undefined> {
  return db
    .updateTable('connector_schedules')
    .set({ lease_owner: owner, lease_until: sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval` })
    .where('connector_id', '=', connectorId)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
    .returningAll()
    .executeTakeFirst();
}

/**
 * Leases up to `limit` rows whose applied version lags and whose retry time has come, skipping rows another
 * process is claiming (FOR UPDATE SKIP LOCKED inside one statement), so replicas share the work.
 */
export async function claimDue(db: DbOrTx, owner: string, limit: number, leaseMs: number): Promise<string[]> {
  const rows = await sql<{ connector_id: string }>`
    update connector_schedules set lease_owner = ${owner}, lease_until = now() + ${`${leaseMs} milliseconds`}::interval
    where connector_id in (
      select connector_id from connector_schedules
      where applied_version < desired_version
        and (next_attempt_at is null or next_attempt_at <= now())
        and (lease_until is null or lease_until < now())
      order by next_attempt_at nulls first, connector_id
      limit ${limit}
      for update skip locked)
    returning connector_id`.execute(db);
  return rows.rows.map((r) => r.connector_id);
}

/**
 * Compare-and-set: records that Temporal now reflects `version`, if we still hold the lease, and releases the lease
 * unless a newer version is already desired (its holder goes on). Returns the row's desired version then.
 */
export async function recordApplied(db: DbOrTx, connectorId: string, owner: string, version: number): Promise<number | undefined> {
  const caughtUp = sql<boolean>`desired_version <= greatest(applied_version, ${version})`;
  const row = await db
    .updateTable('connector_schedules')
    // The tick gap restarts: a new spec or a pause in between is no missed tick.
    .set((eb) => ({
      applied_version: sql<number>`greatest(${eb.ref('applied_version')}, ${version})`, applied_at: new Date(), attempts: 0, last_error: null, next_attempt_at: null, last_tick_at: null,
      lease_owner: sql<string | null>`case when ${caughtUp} then null else lease_owner end`,
      lease_until: sql<Date | null>`case when ${caughtUp} then null else lease_until end`,
    }))
    .where('connector_id', '=', connectorId)
    .where('lease_owner', '=', owner)
    .returning('desired_version')
    .executeTakeFirst();
  return row?.desired_version;
}

/**
 * The apply failed: release the lease and retry later — 0.5 s doubling per failed attempt, at most
 * `maxBackoffMs` — keeping the reason for the API to show.
 */
export async function recordFailure(db: DbOrTx, connectorId: string, owner: string, error: string, maxBackoffMs: number): Promise<void> {
  await db
    .updateTable('connector_schedules')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 500),
      next_attempt_at: sql<Date>`now() + least(${maxBackoffMs}, 500 * power(2, least(attempts, 20))) * interval '1 millisecond'`,
      lease_owner: null,
      lease_until: null,
    }))
    .where('connector_id', '=', connectorId)
    .where('lease_owner', '=', owner)
    .execute();
}

export async function releaseLease(db: DbOrTx, connectorId: string, owner: string): Promise<void> {
  await db.updateTable('connector_schedules').set({ lease_owner: null, lease_until: null }).where('connector_id', '=', connectorId).where('lease_owner', '=', owner).execute();
}

/** Temporal was found not to match (e.g. a schedule deleted by hand): apply the current version again. */
export async function markUnapplied(db: DbOrTx, connectorId?: string): Promise<void> {
  let q = db.updateTable('connector_schedules').set((eb) => ({ applied_version: sql<number>`${eb.ref('desired_version')} - 1`, next_attempt_at: null, attempts: 0 }));
  if (connectorId) q = q.where('connector_id', '=', connectorId);
  await q.where('applied_version', '>=', sql<number>`desired_version`).execute();
}

/** How long after a sync's end a tick that did not run is still put down to that sync (its workflow closes just after). */
export const OVERLAP_SLACK_MS = 30_000;
/** At most this many skipped ticks are recorded as rows for one gap (all of them are counted). */
const MAX_OVERLAP_ROWS = 1000;

export interface TickRecord {
  /** Ticks between the previous one and this that never ran. */
  missed: number;
  /** When each tick that fell while `busyUntil`'s sync ran was due (skipped by the schedule's overlap policy). */
  overlapped: Date[];
  /** Whether the schedule may be marked overdue (it is, or — a repeated tick, nothing read — it may be). */
  mayBeOverdue: boolean;
}

/**
 * A scheduled tick due at `dueAt` ran. The ticks between the previous one and this did not: those of an interval
 * schedule that fell more than half an interval past a due time were dropped by Temporal after the catch-up window, or
 * their start failed, and are counted missed — unless they fell while the previous tick's sync still ran (`busyUntil`,
 * when it ended, plus `OVERLAP_SLACK_MS`), when the schedule's overlap policy skipped them: those are returned in
 * `overlapped` (a cron schedule's too, from its fire times) for the caller to record, and not counted missed.
 * Out-of-order or repeated ticks change nothing. One statement; run it in the transaction that records the skipped.
 */
export async function recordTick(db: DbOrTx, connectorId: string, dueAt: Date, defaultMinutes: number, busyUntil: Date | null = null): Promise<TickRecord> {
  const busy = busyUntil ? new Date(busyUntil.getTime() + OVERLAP_SLACK_MS) : null;
  const row = await sql<{ missed: string; busy: string; prev: Date | null; every: number; cron: string | null; timezone: string | null; overdue: boolean }>`
    update connector_schedules s set
      last_tick_at = ${dueAt},
      missed_ticks = s.missed_ticks + m.gap - m.busy,
      last_missed_at = case when m.gap - m.busy > 0 then now() else s.last_missed_at end
    from (
      select g.*, least(g.gap, g.busy_raw) as busy from (
        select connector_id, last_tick_at as prev, cron, timezone, coalesce(interval_minutes, ${defaultMinutes}) as every,
          case when cron is null and last_tick_at is not null
            then greatest(0, round(extract(epoch from (${dueAt}::timestamptz - last_tick_at)) / (60 * coalesce(interval_minutes, ${defaultMinutes})))::bigint - 1)
            else 0 end as gap,
          case when cron is null and last_tick_at is not null and ${busy}::timestamptz is not null
            then greatest(0, floor(extract(epoch from (${busy}::timestamptz - last_tick_at)) / (60 * coalesce(interval_minutes, ${defaultMinutes})))::bigint)
            else 0 end as busy_raw
        from connector_schedules where connector_id = ${connectorId} for update) g) m
    where s.connector_id = m.connector_id and (s.last_tick_at is null or s.last_tick_at < ${dueAt})
    returning m.gap - m.busy as missed, m.busy, m.prev, m.every, m.cron, m.timezone, s.overdue_since is not null as overdue`.execute(db);
  const r = row.rows[0];
  if (!r) return { missed: 0, overlapped: [], mayBeOverdue: true };
  let overlapped: Date[] = [];
  if (busy && r.prev) {
    const prev = new Date(r.prev);
    if (r.cron && r.timezone) {
      const spec = parseCron(r.cron);
      const first = fireTimesAfter(spec, r.timezone, prev, 1)[0];
      if (first && first < dueAt && first <= busy) overlapped = fireTimesAfter(spec, r.timezone, prev, MAX_OVERLAP_ROWS).filter((t) => t < dueAt && t <= busy);
    } else {
      const every = Number(r.every) * 60_000;
      overlapped = Array.from({ length: Math.min(Number(r.busy), MAX_OVERLAP_ROWS) }, (_, k) => new Date(prev.getTime() + (k + 1) * every));
    }
  }
  return { missed: Number(r.missed), overlapped, mayBeOverdue: r.overdue };
}
