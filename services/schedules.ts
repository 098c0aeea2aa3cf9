// Each connector's schedule as the API sees it: validating a desired schedule (canonical time zones), storing
// it as a new desired version, and showing it with whether Temporal runs it yet (services/convergence.ts applies it).
import { sql } from 'kysely';
import type { Config } from '../config/config.ts';
import { findConnectorInWorkspace, findLiveConnector } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import { bumpDesiredVersion, findSchedule, markUnapplied } from '../db/schedules.repository.ts';
import { schedulePaused, scheduleExists } from '../lib/connector-rules.ts';
import { cronProblem, fireTimesAfter, parseCron } from '../lib/cron.ts';
import { DomainError, invalid } from '../lib/errors.ts';
import { desiredOf, scheduleOffsetSeconds, type Convergence, type DesiredSchedule } from './convergence.ts';
import type { Orchestrator } from './orchestrator.ts';
import { overdueOf } from './schedule-watch.ts';

export type ScheduleConfig = Pick<Config, 'DEFAULT_SYNC_INTERVAL_MINUTES'>;
export type { DesiredSchedule };

export const INTERVAL_BOUNDS = { min: 5, max: 10080 } as const;

/** The canonical IANA name of a time zone given in any letter case (`europe/berlin` → `Europe/Berlin`), or undefined. */
export function canonicalTimezone(tz: string): string | undefined {
  if (!tz || tz.length > 100) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Validates a PUT /schedule body; every problem is a 400 naming its field. Time zones come back canonical. */
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
  const given = body.timezone ?? 'UTC';
  const tz = canonicalTimezone(given);
  if (!tz) throw invalid('timezone', `"${given}" is not an IANA time zone (e.g. Europe/Berlin)`);
  return { cron: body.cron!.trim().split(/\s+/).join(' '), timezone: tz };
}

export interface ScheduleView {
  interval_minutes: number | null;
  cron: string | null;
  timezone: string | null;
  paused: boolean;
  /** When Temporal runs it next; null while paused, pending, or while this schedule is not applied yet. */
  next_run_at: string | null;
  schedule_id: string;
  /** Whether Temporal runs exactly this schedule (and pause state) now; false until it converges. */
  applied: boolean;
  /** Why the last attempt to apply it failed (it is retried), or null. */
  apply_error: string | null;
  /** Where in each interval this connector's ticks fall (seconds; a stable spread per connector), null for cron. */
  offset_seconds: number | null;
  /** Scheduled ticks that never ran (too late for the catch-up window, or could not be started), ever. */
  missed_ticks: number;
  last_missed_at: string | null;
  /** While no tick has run past the overdue threshold: when the first tick that did not start was due; else null. */
  overdue_since: string | null;
  /** Ticks due since the last one that ran, while overdue; 0 otherwise. */
  overdue_ticks: number;
}

/** The first time after `nowMs` of an interval schedule: epoch-aligned multiples of the interval, shifted by the offset. */
export function nextIntervalRun(nowMs: number, intervalMinutes: number, offsetSeconds: number): Date {
  const every = intervalMinutes * 60_000;
  const offset = offsetSeconds * 1000;
  return new Date(Math.floor((nowMs - offset) / every) * every + every + offset);
}

/** When a schedule of `want` next fires after `now` (undefined for a cron expression that never fires again). */
function nextRunOf(connectorId: string, want: DesiredSchedule, now: Date): Date | undefined {
  if ('cron' in want) return fireTimesAfter(parseCron(want.cron), want.timezone, now, 1)[0];
  return nextIntervalRun(now.getTime(), want.interval_minutes, scheduleOffsetSeconds(connectorId, want.interval_minutes));
}

export function createScheduleService(deps: { db: Db; orchestrator: Orchestrator; convergence: Convergence; config: ScheduleConfig }) {
  const { db, orchestrator, convergence, config } = deps;

  /** The schedule as the API shows it: the desired spec from the database; its next run from Temporal once applied. */
  async function view(workspaceId: string, connectorId: string, justApplied = false): Promise<ScheduleView> {
    const c = await findConnectorInWorkspace(db, workspaceId, connectorId);
    const row = await findSchedule(db, connectorId);
    const want = desiredOf(row, config.DEFAULT_SYNC_INTERVAL_MINUTES);
    let applied = !row || row.applied_version >= row.desired_version;
    let nextRun: string | null = null;
    if (justApplied && applied && scheduleExists(c)) {
      // Just written to Temporal: the next run follows from the spec, as Temporal computes it (an interval
      // epoch-aligned plus the connector's offset; a cron expression's next fire time in its zone). A describe here
      // would be a query to the schedule's own workflow while it is still taking the update in: the slowest call of
      // a PUT (up to seconds under load), and it can answer with the previous spec's next run.
      nextRun = schedulePaused(c.status) ? null : nextRunOf(connectorId, want, new Date())?.toISOString() ?? null;
    } else if (applied && scheduleExists(c)) {
      const d = await orchestrator.schedules.describe(connectorId).catch((err) => {
        if (err instanceof DomainError && err.code === 'temporal_unavailable') return undefined; // the stored schedule still stands
        throw err;
      });
      // Drift (a schedule deleted or unpaused by hand): apply the stored version again.
      if (d && (!d.exists || d.paused !== schedulePaused(c.status))) {
        await markUnapplied(db, connectorId);
        applied = false;
      } else nextRun = d?.next_run_at ?? null;
    }
    return {
      interval_minutes: 'interval_minutes' in want ? want.interval_minutes : null,
      cron: 'cron' in want ? want.cron : null,
      timezone: 'cron' in want ? want.timezone : null,
      paused: schedulePaused(c.status),
      next_run_at: nextRun,
      schedule_id: orchestrator.scheduleId(connectorId),
      applied,
      apply_error: applied ? null : (row?.last_error ?? null),
      offset_seconds: 'interval_minutes' in want ? scheduleOffsetSeconds(connectorId, want.interval_minutes) : null,
      missed_ticks: Number(row?.missed_ticks ?? 0),
      last_missed_at: row?.last_missed_at ? new Date(row.last_missed_at).toISOString() : null,
      ...overdueOf(row, config.DEFAULT_SYNC_INTERVAL_MINUTES),
    };
  }

  return {
    view,

    /**
     * Stores the workspace's connector's desired schedule (a new desired version, one statement) and converges
     * Temporal to it inline. `applied: false` in the answer means it is stored and will be applied by the
     * reconciler (Temporal unreachable, or a concurrent change still being applied).
     */
    async setDesired(workspaceId: string, connectorId: string, want: DesiredSchedule): Promise<ScheduleView> {
      await findConnectorInWorkspace(db, workspaceId, connectorId);
      const values = 'cron' in want ? { interval_minutes: null, cron: want.cron, timezone: want.timezone } : { interval_minutes: want.interval_minutes, cron: null, timezone: null };
      await bumpDesiredVersion(db, connectorId, values);
      const applied = await convergence.converge(connectorId);
      return view(workspaceId, connectorId, applied);
    },

    /**
     * Every connector's Temporal state is applied again by the reconciler (an operator's repair after changes
     * made behind Tributary's back), and schedules of connectors that no longer exist are deleted.
     */
    async resyncAll(): Promise<{ marked: number; orphansRemoved: number }> {
      await markUnapplied(db);
      const marked = Number((await db.selectFrom('connector_schedules').select((eb) => eb.fn.countAll<number>().as('n')).where('applied_version', '<', sql<number>`desired_version`).executeTakeFirstOrThrow()).n);
      let orphansRemoved = 0;
      for (const connectorId of await orchestrator.schedules.listConnectorIds()) {
        if (!(await findLiveConnector(db, connectorId))) {
          await orchestrator.schedules.remove(connectorId);
          orphansRemoved++;
        }
      }
      return { marked, orphansRemoved };
    },
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
