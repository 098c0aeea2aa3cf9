// Temporal converges to the database, one connector at a time: its schedule created, updated, paused or
// deleted to match the desired version, and — once the connector is deleted — everything still running for
// it stopped. A short lease in the row lets one process apply a connector's version at a time; the database
// is never locked across a Temporal call; the applied version is recorded by compare-and-set. API calls
// converge inline (best effort); the reconciler loop (services/reconciler.ts) retries whatever is left.
import type { ScheduleSpec } from '@temporalio/client';
import type { Config } from '../config/config.ts';
import { findConnector } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import { claimLease, findSchedule, recordApplied, recordFailure, releaseLease, type ScheduleRow } from '../db/schedules.repository.ts';
import { schedulePaused, scheduleExists } from '../lib/connector-rules.ts';
import { randomToken } from '../lib/crypto.ts';
import { requestBackfillCancel } from './backfills.ts';
import type { Orchestrator } from './orchestrator.ts';

export type ConvergenceConfig = Pick<Config, 'DEFAULT_SYNC_INTERVAL_MINUTES' | 'SCHEDULE_APPLY_WAIT_MS' | 'RECONCILE_MAX_BACKOFF_MS'>;

/** How long a claim on a connector lasts; far longer than the Temporal calls of one apply (each has its own deadline). */
export const LEASE_MS = 60_000;
/** A lease holder re-applies while newer versions keep arriving, up to this many times, then leaves the rest to the reconciler. */
const MAX_ROUNDS = 10;

export type DesiredSchedule = { interval_minutes: number } | { cron: string; timezone: string };

/** The desired schedule a row stands for (no interval and no cron: the default interval). */
export function desiredOf(row: Pick<ScheduleRow, 'interval_minutes' | 'cron' | 'timezone'> | undefined, defaultMinutes: number): DesiredSchedule {
  if (row?.cron) return { cron: row.cron, timezone: row.timezone ?? 'UTC' };
  return { interval_minutes: row?.interval_minutes ?? defaultMinutes };
}

/**
 * Where in its interval a connector's ticks fall: a stable offset from its id (FNV-1a, in whole seconds), so 10,000
 * connectors on 5-minute schedules start ~33 a second instead of 10,000 in the same second (Temporal aligns interval
 * schedules to the Unix epoch, and a burst is what makes schedule starts late — docs/SCALING.md).
 */
export function scheduleOffsetSeconds(connectorId: string, intervalMinutes: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < connectorId.length; i++) h = Math.imul(h ^ connectorId.charCodeAt(i), 0x01000193) >>> 0;
  return h % (intervalMinutes * 60);
}

/**
 * How late a tick may still start: one interval (a late tick runs late rather than never, and after an outage each
 * connector catches up once, not once per missed tick). Cron schedules get the default interval.
 */
export function catchupMinutes(want: DesiredSchedule, defaultMinutes: number): number {
  return 'cron' in want ? defaultMinutes : want.interval_minutes;
}

export function specOf(connectorId: string, want: DesiredSchedule): ScheduleSpec {
  if ('cron' in want) return { cronExpressions: [want.cron], timezone: want.timezone };
  return { intervals: [{ every: `${want.interval_minutes} minutes`, offset: `${scheduleOffsetSeconds(connectorId, want.interval_minutes)} seconds` }] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createConvergence(deps: { db: Db; orchestrator: Orchestrator; config: ConvergenceConfig }) {
  const { db, orchestrator, config } = deps;

  /** A deleted connector: no schedule, no onboarding, no running sync or backfill. Every step is idempotent. */
  async function stopEverything(connectorId: string): Promise<void> {
    await orchestrator.schedules.remove(connectorId);
    await orchestrator.stopOnboarding(connectorId, 'connector deleted');
    const runs = await db.selectFrom('sync_runs').select(['id', 'workflow_id']).where('connector_id', '=', connectorId).where('status', 'in', ['queued', 'running']).execute();
    for (const r of runs) {
      if (r.workflow_id && (await orchestrator.cancelWorkflow(r.workflow_id)) === 'requested') continue; // its workflow records `cancelled`
      await db.updateTable('sync_runs').set({ status: 'cancelled', finished_at: new Date() }).where('id', '=', r.id).where('status', 'in', ['queued', 'running']).execute();
    }
    const backfills = await db.selectFrom('backfills').select(['id', 'workflow_id']).where('connector_id', '=', connectorId).where('status', 'in', ['queued', 'running']).execute();
    for (const b of backfills) await requestBackfillCancel(db, orchestrator, b, new Date());
  }

  /** Makes Temporal match the row's desired state (read fresh: the connector's status decides paused or absent). */
  async function applyOnce(connectorId: string, row: ScheduleRow): Promise<void> {
    const c = await findConnector(db, connectorId);
    if (!c || c.deleted_at) return stopEverything(connectorId);
    if (!scheduleExists(c)) return orchestrator.schedules.remove(connectorId);
    const paused = schedulePaused(c.status);
    const want = desiredOf(row, config.DEFAULT_SYNC_INTERVAL_MINUTES);
    await orchestrator.schedules.upsert(c, {
      spec: specOf(connectorId, want),
      catchupWindow: `${catchupMinutes(want, config.DEFAULT_SYNC_INTERVAL_MINUTES)} minutes`,
      paused,
      note: paused ? `connector is ${c.status}` : 'connector active',
      neverApplied: row.applied_at === null,
    });
  }

  /**
   * Under our lease: apply the desired version, record it (compare-and-set on the lease; the same statement releases
   * the lease when no newer version arrived meanwhile), and go again while newer versions did. `claimed`: the row as
   * the claim returned it, so the first round reads nothing. A failure is recorded with its backoff ('failed').
   * 'applied': Temporal reflects at least the row's desired version as first read; 'unsure': the lease was lost to
   * another holder (it records its own) or newer versions kept coming — the caller reads the row to know.
   */
  async function applyLeased(connectorId: string, owner: string, claimed?: ScheduleRow): Promise<'applied' | 'unsure' | 'failed'> {
    try {
      for (let round = 0; ; round++) {
        const row = round === 0 && claimed ? claimed : await findSchedule(db, connectorId);
        if (!row || row.applied_version >= row.desired_version || round === MAX_ROUNDS) {
          await releaseLease(db, connectorId, owner);
          return round === 0 ? 'applied' : 'unsure';
        }
        await applyOnce(connectorId, row);
        const desired = await recordApplied(db, connectorId, owner, row.desired_version);
        if (desired === undefined) return 'unsure';
        if (desired <= row.desired_version) return 'applied';
      }
    } catch (err) {
      await recordFailure(db, connectorId, owner, (err as Error).message, config.RECONCILE_MAX_BACKOFF_MS).catch(() => undefined);
      return 'failed';
    }
  }

  return {
    /** The reconciler's step for a connector it leased (`claimDue`): false when the apply failed (recorded, retried later). */
    async convergeLeased(connectorId: string, owner: string): Promise<boolean> {
      return (await applyLeased(connectorId, owner)) !== 'failed';
    },

    /**
     * Inline, best effort: brings Temporal up to the connector's current desired version now, or waits up to
     * `waitMs` for whoever holds the lease to get there. True when Temporal reflects at least the version that
     * was current when called; false leaves it to the reconciler (the failure is recorded on the row).
     * Uncontended it is three statements: the claim (which reads the row), the connector, the record (which releases).
     */
    async converge(connectorId: string, waitMs = config.SCHEDULE_APPLY_WAIT_MS): Promise<boolean> {
      // The version to reach: the claimed row's, or — someone else holds the lease — the row's as first read after
      // the call (either is at least the version current when called).
      let target: number | undefined;
      const deadline = Date.now() + waitMs;
      for (;;) {
        const owner = `inline:${randomToken(9)}`;
        const claimed = await claimLease(db, connectorId, owner, LEASE_MS);
        if (claimed) {
          target ??= claimed.desired_version;
          const outcome = await applyLeased(connectorId, owner, claimed);
          if (outcome === 'failed') return false;
          if (outcome === 'applied' && claimed.desired_version >= target) return true;
        }
        const row = await findSchedule(db, connectorId);
        if (!row) return true;
        target ??= row.desired_version;
        if (row.applied_version >= target) return true;
        if (row.last_error && row.attempts > 0 && !row.lease_owner) return false; // the last try failed: don't spin on it
        if (Date.now() >= deadline) return false;
        await sleep(50);
      }
    },
  };
}

export type Convergence = ReturnType<typeof createConvergence>;
