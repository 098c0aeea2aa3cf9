// Sync activities: claim a run (one per connector, enforced by Postgres), page through the provider,
// commit each page's records together with the run's progress, and finish the run.
import { activityInfo, ApplicationFailure, cancellationSignal } from '@temporalio/activity';
import { sql } from 'kysely';
import { findConnector, findLiveConnector, lockConnector } from '../db/connectors.repository.ts';
import { isUniqueViolation, type Db, type DbOrTx } from '../db/db.ts';
import { recordTick } from '../db/schedules.repository.ts';
import type { SyncLogLine, SyncProgress } from '../db/schema.ts';
import { workflowIds } from '../contracts/ids.ts';
import { canSync } from '../lib/connector-rules.ts';
import { newId } from '../lib/ids.ts';
import { recordsIngested, scheduledTicks, scheduledTicksMissed, scheduleLag, syncRunDuration, syncRuns } from '../lib/metrics.ts';
import type { NormalizedRecord } from '../providers/types.ts';
import { emitEvent } from '../services/events.ts';
import { changesRangeOf } from '../services/changes.ts';
import { openChangeBatch } from '../services/records.ts';
import { clearOverdue } from '../services/schedule-watch.ts';
import { transitionStatus } from '../services/status.ts';
import { appendRunLog, claimSyncRun, withLogLine } from '../services/sync-runs.ts';
import { heartbeatIfRemote, staleAttempt, type PageWalker, type WalkedPage } from './page-walker.ts';

/** A batch of pages is committed once it holds this many records, or is this old. */
export const FLUSH_RECORDS = 1000;
const FLUSH_MS = 1000;
/** How many pages fetching may run ahead of writing. */
export const FETCH_AHEAD_PAGES = 20;

export interface ScheduledClaim {
  syncRunId: string;
  skipped: boolean;
  type: string;
  workspaceId: string;
  reason?: string;
}

export interface SyncSettings {
  pageSize: number;
  lookbackMs: number;
  lagMs: number;
}

/**
 * A tick's first pass over its pages, inside its own workflow task (a local activity): at most `pages` page fetches
 * and `ms` of wall time, then the rest continues on the I/O queue from the committed position.
 */
export interface LocalPass {
  pages: number;
  ms: number;
}

export interface SyncPagesResult {
  pages: number;
  fetched: number;
  /** False when a local pass stopped short of the window's end (or found no free lane): the I/O queue continues. */
  complete: boolean;
}

export interface SyncActivityDeps {
  db: Db;
  walker: PageWalker;
  settings: SyncSettings;
  /** Local passes one worker runs at once; past it a tick's pages go straight to the I/O queue. */
  localPasses: number;
  /** The interval of a connector without a stored one (to count missed ticks). */
  defaultIntervalMinutes: number;
  now?: () => number;
}

/** The connector's latest scheduled run that was not skipped: the sync a tick that runs its sync itself last ran. */
async function previousScheduledRun(db: DbOrTx, connectorId: string): Promise<{ id: string; finished_at: Date | null } | undefined> {
  return db.selectFrom('sync_runs').select(['id', 'finished_at'])
    .where('connector_id', '=', connectorId).where('trigger', '=', 'schedule').where('status', '!=', 'skipped')
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export function createSyncActivities(deps: SyncActivityDeps) {
  const { db, walker, settings } = deps;
  const now = deps.now ?? Date.now;
  let localPassesRunning = 0;

  async function loadRun(runId: string) {
    const run = await db.selectFrom('sync_runs').selectAll().where('id', '=', runId).executeTakeFirst();
    if (!run) throw ApplicationFailure.nonRetryable(`sync run ${runId} not found`, 'RunGone');
    return run;
  }

  /**
   * Pages through every kind the provider ingests. Records are committed in batches of pages, each in
   * one transaction with the run's new position, so a retry (worker killed, provider error) resumes
   * at the first uncommitted page and nothing is counted twice. `limit`: a local pass's (see `syncPages`).
   */
  async function walkPages(syncRunId: string, limit?: { pages: number; until: number }): Promise<SyncPagesResult> {
    const run = await loadRun(syncRunId);
    if (run.status !== 'running') return { pages: run.pages, fetched: run.records_fetched, complete: true };
    const connector = await findConnector(db, run.connector_id);
    if (!connector) throw ApplicationFailure.nonRetryable(`connector ${run.connector_id} not found`, 'ConnectorGone');
    const walk = await walker.open(connector, connector);
    const window = { start: new Date(run.window_start!).toISOString(), end: new Date(run.window_end!).toISOString() };
    let progress: SyncProgress = (run.progress as SyncProgress | null) ?? { kindIndex: 0, pageCursor: null };
    const at = `${walk.kinds[progress.kindIndex] ?? 'end'} page ${progress.pageCursor ?? 'first'}`;
    if (activityInfo().attempt > 1) await appendRunLog(db, run.id, 'warn', `attempt ${activityInfo().attempt}: resuming at ${at}`);
    else if (!limit && (progress.kindIndex > 0 || progress.pageCursor !== null)) await appendRunLog(db, run.id, 'info', `continuing on the I/O queue at ${at}`);
    let pages = run.pages;
    let fetched = run.records_fetched;

    // Pages are committed in batches (by size or age) together with the run's position.
    let buffer: NormalizedRecord[] = [];
    let listings: NonNullable<WalkedPage['listing']>[] = [];
    let bufferedPages = 0;
    let bufferedTo: SyncProgress = progress;
    let lastFlush = now();
    // `doneKind`: the batch ends that kind, and the run's log says so in the same statement as its new position.
    const flush = async (doneKind?: string) => {
      if (bufferedPages === 0) return;
      const before = progress;
      const to = bufferedTo;
      const batch = buffer;
      const batchListings = listings;
      const batchPages = bufferedPages;
      const write = async (tx: DbOrTx) => {
        const changes = openChangeBatch({ workspaceId: connector.workspace_id, connectorId: connector.id, source: { type: 'sync_run', id: run.id } });
        await changes.upsert(tx, batch);
        for (const l of batchListings) await changes.tombstoneMissing(tx, l.kind, l.window, l.seen);
        const counts = changes.counts;
        const updated = await tx
          .updateTable('sync_runs')
          .set((eb) => ({
            progress: JSON.stringify(to),
            pages: eb('pages', '+', batchPages),
            records_fetched: eb('records_fetched', '+', batch.length),
            records_added: eb('records_added', '+', counts.added),
            records_updated: eb('records_updated', '+', counts.updated),
            records_unchanged: eb('records_unchanged', '+', counts.unchanged),
            records_deleted: eb('records_deleted', '+', counts.deleted),
            ...(doneKind ? { log: withLogLine('info', `${doneKind}: done`) } : {}),
          }))
          .where('id', '=', run.id)
          .where('status', '=', 'running')
          .where(sql<boolean>`progress = ${JSON.stringify(before)}::jsonb`)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) {
          const current = await tx.selectFrom('sync_runs').select('status').where('id', '=', run.id).executeTakeFirst();
          // Cancelled or finished meanwhile: nothing to retry. Otherwise another attempt committed these pages first.
          if (current?.status !== 'running') throw ApplicationFailure.nonRetryable(`sync run ${run.id} is ${current?.status ?? 'gone'}`, 'RunClosed');
          throw staleAttempt(`sync run ${run.id}`);
        }
        // Last statement: the feed position (the counter's lock is held only until this commit).
        await changes.commit(tx);
      };
      // Pages that brought no record (an incremental sync with nothing new, often) write only the run's position:
      // one statement, no transaction around it.
      if (batch.length === 0 && batchListings.length === 0) await write(db);
      else await db.transaction().execute(write);
      pages += batchPages;
      fetched += batch.length;
      recordsIngested.inc({ connector_type: connector.type, source: 'sync' }, batch.length);
      progress = to;
      buffer = [];
      listings = [];
      bufferedPages = 0;
      lastFlush = now();
      heartbeatIfRemote(progress);
    };

    heartbeatIfRemote(progress);
    try {
      for await (const page of walk.pages({
        window,
        selection: 'changed',
        start: progress,
        pageSize: settings.pageSize,
        fetchAhead: limit ? Math.min(FETCH_AHEAD_PAGES, limit.pages) : FETCH_AHEAD_PAGES,
        ...(limit ? { limit } : {}),
        signal: cancellationSignal(),
        heartbeatDetails: () => progress,
        onProviderError: async (kind, err) => {
          const wait = err.retryAfterMs !== undefined ? ` (Retry-After ${Math.round(err.retryAfterMs / 1000)}s)` : '';
          await appendRunLog(db, run.id, err.retryable ? 'warn' : 'error', `${kind}: ${err.code} from provider: ${err.message}${wait}`);
        },
      })) {
        heartbeatIfRemote(progress);
        buffer.push(...page.records);
        if (page.listing) listings.push(page.listing);
        bufferedPages++;
        bufferedTo = page.to;
        if (page.kindDone || buffer.length >= FLUSH_RECORDS || now() - lastFlush >= FLUSH_MS) await flush(page.kindDone ? page.kind : undefined);
      }
      await flush(); // a walk ended early (a local pass's limit) leaves its last pages buffered
    } catch (err) {
      await flush().catch(() => undefined); // keep what was fetched before the failure
      throw err;
    }
    return { pages, fetched, complete: progress.kindIndex >= walk.kinds.length };
  }

  return {
    /**
     * Scheduled ticks: claim the connector's one active slot, or record a skipped run when another sync holds
     * it. Idempotent per tick (the scheduled workflow run, recorded as the run's `tick_id`): a retry after the
     * claim committed — its answer lost — gets the same run back instead of finding it "in progress" and skipping.
     */
    async claimScheduledRun(input: { connectorId: string; scheduledAt?: string; inTick?: boolean }): Promise<ScheduledClaim> {
      const tick = activityInfo().workflowExecution;
      if (!tick) throw ApplicationFailure.nonRetryable('claimScheduledRun runs only inside a scheduled workflow', 'NoWorkflow');
      const tickId = `${tick.workflowId}/${tick.runId}`;
      const c = await findLiveConnector(db, input.connectorId);
      if (!c) throw ApplicationFailure.nonRetryable(`connector ${input.connectorId} no longer exists`, 'ConnectorGone');
      let mayBeOverdue = true;
      if (input.scheduledAt) {
        if (activityInfo().attempt === 1) scheduleLag.observe(Math.max(0, now() - Date.parse(input.scheduledAt)) / 1000);
        // Ticks between the previous one and this that never ran become visible (counter on the schedule, metric). A
        // tick that runs its sync itself keeps the schedule's overlap policy (SKIP) busy for the whole sync, so the
        // ticks that fell while the previous tick's sync ran were skipped by Temporal, not missed: each is recorded
        // as a `skipped` run, as a tick that found a sync in progress always was.
        const scheduledAt = new Date(input.scheduledAt);
        const tickRecord = await db.transaction().execute(async (tx) => {
          const busy = input.inTick ? await previousScheduledRun(tx, c.id) : undefined;
          const r = await recordTick(tx, c.id, scheduledAt, deps.defaultIntervalMinutes, busy?.finished_at ?? null);
          if (busy && r.overlapped.length > 0) {
            const at = new Date(now());
            await tx.insertInto('sync_runs').values(r.overlapped.map((due) => ({
              id: newId('run'), connector_id: c.id, workspace_id: c.workspace_id, status: 'skipped' as const, trigger: 'schedule' as const,
              tick_id: `${workflowIds.scheduledSyncAt(c.id, due)}/overlap`, finished_at: at,
              log: JSON.stringify([{ at: at.toISOString(), level: 'info', message: `skipped: the tick due at ${due.toISOString()} fell while sync ${busy.id} was running` }]),
            }))).onConflict((oc) => oc.column('tick_id').where('tick_id', 'is not', null).doNothing()).execute();
          }
          return r;
        });
        if (tickRecord.overlapped.length > 0) {
          scheduledTicks.inc({ connector_type: c.type, outcome: 'skipped' }, tickRecord.overlapped.length);
          syncRuns.inc({ connector_type: c.type, trigger: 'schedule', outcome: 'skipped' }, tickRecord.overlapped.length);
        }
        if (tickRecord.missed > 0) scheduledTicksMissed.inc({ connector_type: c.type }, tickRecord.missed);
        mayBeOverdue = tickRecord.mayBeOverdue;
      }
      // A tick runs: a schedule marked overdue is not any more (the connector gets its previous status reason back).
      if (mayBeOverdue) await clearOverdue(db, c.id);
      const answer = (run: { id: string; status: string; log: SyncLogLine[] }): ScheduledClaim =>
        run.status === 'skipped'
          ? { syncRunId: run.id, skipped: true, type: c.type, workspaceId: c.workspace_id, reason: run.log[0]?.message }
          : { syncRunId: run.id, skipped: false, type: c.type, workspaceId: c.workspace_id };
      // This tick's own run, when an earlier attempt recorded one. Not looked up first: recording a run again for the
      // same tick conflicts (its `tick_id` is unique, and an active run holds the connector's one slot), and every
      // path below answers with the earlier run when it does.
      const earlier = () => db.selectFrom('sync_runs').select(['id', 'status', 'log']).where('tick_id', '=', tickId).executeTakeFirst();
      const skip = async (reason: string) => {
        const id = newId('run');
        const inserted = await db.insertInto('sync_runs').values({
          id, connector_id: c.id, workspace_id: c.workspace_id, status: 'skipped', trigger: 'schedule', tick_id: tickId,
          log: JSON.stringify([{ at: new Date(now()).toISOString(), level: 'info', message: reason }]), finished_at: new Date(now()),
        }).onConflict((oc) => oc.column('tick_id').where('tick_id', 'is not', null).doNothing()).returning('id').executeTakeFirst();
        if (!inserted) return answer((await earlier())!);
        scheduledTicks.inc({ connector_type: c.type, outcome: 'skipped' });
        syncRuns.inc({ connector_type: c.type, trigger: 'schedule', outcome: 'skipped' });
        return answer({ id, status: 'skipped', log: [{ at: '', level: 'info', message: reason }] });
      };
      if (!canSync(c.status)) return skip(`skipped: connector is ${c.status}`);
      let claim;
      try {
        claim = await claimSyncRun(db, c, 'schedule', tickId, input.inTick ? tick.workflowId : undefined);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        return answer((await earlier())!); // a concurrent attempt of this tick claimed first
      }
      if (!claim.created) {
        const active = await earlier();
        if (active) return answer(active); // the active run is this tick's own
        return skip(`skipped: sync ${claim.runId} was already in progress`);
      }
      scheduledTicks.inc({ connector_type: c.type, outcome: 'started' });
      return { syncRunId: claim.runId, skipped: false, type: c.type, workspaceId: c.workspace_id };
    },

    /**
     * Marks the run running and fixes its window: from the connector's cursor (or the initial lookback) to now. Two
     * statements, no transaction: the update only applies to a run still waiting for its window, so a cancel or
     * another attempt in between makes it touch nothing, and the run is read again.
     */
    async startSyncRun(input: { syncRunId: string }): Promise<{ window: { start: string; end: string } | null; status: string }> {
      const read = async () => {
        const run = await db.selectFrom('sync_runs as r').innerJoin('connectors as c', 'c.id', 'r.connector_id')
          .select(['r.status', 'r.window_start', 'r.window_end', 'c.sync_cursor']).where('r.id', '=', input.syncRunId).executeTakeFirst();
        if (!run) throw ApplicationFailure.nonRetryable(`sync run ${input.syncRunId} not found`, 'RunGone');
        return run;
      };
      const settled = (run: Awaited<ReturnType<typeof read>>) => {
        if (run.status !== 'queued' && run.status !== 'running') return { window: null, status: run.status };
        if (run.window_start && run.window_end) {
          return { window: { start: new Date(run.window_start).toISOString(), end: new Date(run.window_end).toISOString() }, status: run.status };
        }
        return undefined;
      };
      const run = await read();
      const known = settled(run);
      if (known) return known;
      const end = new Date(now() - settings.lagMs);
      const start = run.sync_cursor ? new Date(run.sync_cursor) : new Date(end.getTime() - settings.lookbackMs);
      const window = { start: start.toISOString(), end: (end < start ? start : end).toISOString() };
      const started = await db
        .updateTable('sync_runs')
        .set({
          status: 'running', started_at: new Date(now()), window_start: window.start, window_end: window.end,
          progress: JSON.stringify({ kindIndex: 0, pageCursor: null }), log: withLogLine('info', `window ${window.start} → ${window.end}`),
        })
        .where('id', '=', input.syncRunId)
        .where('status', 'in', ['queued', 'running'])
        .where('window_start', 'is', null)
        .executeTakeFirst();
      if (Number(started.numUpdatedRows) === 1) return { window, status: 'running' };
      const after = settled(await read());
      if (after) return after;
      throw new Error(`sync run ${input.syncRunId} changed while starting; retrying`);
    },

    /**
     * Pages through every kind the provider ingests (`walkPages`). With `localPass` — a tick's first pass, run as a
     * local activity inside its workflow task — it stops after the pass's pages or time and says whether it reached
     * the window's end; the I/O queue's activity continues from the committed position.
     */
    async syncPages(input: { syncRunId: string; localPass?: LocalPass }): Promise<SyncPagesResult> {
      const pass = input.localPass;
      if (!pass) return walkPages(input.syncRunId);
      // A local pass holds one of the worker's local-activity slots, which the hot paths' control steps share: at most
      // `localPasses` at once; a tick that finds none free leaves its pages to the I/O queue at once.
      if (localPassesRunning >= deps.localPasses) return { pages: 0, fetched: 0, complete: false };
      localPassesRunning++;
      try {
        return await walkPages(input.syncRunId, { pages: pass.pages, until: now() + pass.ms });
      } finally {
        localPassesRunning--;
      }
    },

    /** Ends the run and, on success, advances the connector's cursor to the window end — after all pages are committed. */
    async finishSyncRun(input: { syncRunId: string; outcome: 'succeeded' | 'failed' | 'cancelled'; error?: { code: string; message: string } }): Promise<string> {
      let finished: { connector_type: string; trigger: string; seconds: number } | undefined;
      const result = await db.transaction().execute(async (tx) => {
        const run = await tx.selectFrom('sync_runs').selectAll().where('id', '=', input.syncRunId).forUpdate().executeTakeFirst();
        if (!run) return 'gone';
        if (run.status !== 'running' && run.status !== 'queued') return run.status;
        // The connector: locked when its status may change (after the run, as every path that changes both locks them).
        const c = input.outcome === 'cancelled' ? await findConnector(tx, run.connector_id) : await lockConnector(tx, run.connector_id);
        const summary = `${input.outcome}: ${run.records_fetched} fetched, ${run.records_added} added, ${run.records_updated} updated, ${run.records_unchanged} unchanged, ${run.records_deleted} deleted in ${run.pages} pages`;
        await tx
          .updateTable('sync_runs')
          .set({
            status: input.outcome, finished_at: new Date(now()), error: input.error ? JSON.stringify(input.error) : null,
            log: withLogLine(input.outcome === 'failed' ? 'error' : 'info', input.error ? `${summary}; ${input.error.message}` : summary),
          })
          .where('id', '=', run.id)
          .execute();
        // Whatever the outcome, what the run committed stays committed: its changes are in the feed either way.
        const changes = await changesRangeOf(tx, run.id);
        const counts = { records_fetched: run.records_fetched, records_added: run.records_added, records_updated: run.records_updated, records_unchanged: run.records_unchanged, records_deleted: run.records_deleted };
        if (c && input.outcome !== 'cancelled') {
          await emitEvent(tx, input.outcome === 'succeeded' ? 'sync_run.succeeded' : 'sync_run.failed', c.workspace_id, {
            sync_run: { id: run.id, trigger: run.trigger, ...counts, pages: run.pages, window: runWindow(run), changes, error: input.error ?? null },
          }, c);
        }
        if (c && changes) await emitEvent(tx, 'records.changed', c.workspace_id, { source: { type: 'sync_run', id: run.id }, ...counts, changes }, c);
        finished = { connector_type: c?.type ?? 'unknown', trigger: run.trigger, seconds: Math.max(0, now() - new Date(run.started_at ?? run.created_at).getTime()) / 1000 };
        if (input.outcome === 'succeeded') {
          // The cursor moves in the same statement as the status.
          const also = { sync_cursor: sql<Date>`greatest(sync_cursor, ${run.window_end})`, last_sync_at: new Date(now()) };
          await transitionStatus(tx, run.connector_id, 'connected', 'sync_succeeded', null, ['error'], { locked: c, also });
        } else if (input.outcome === 'failed') {
          await transitionStatus(tx, run.connector_id, 'error', 'sync_failed', input.error?.message ?? 'sync failed', ['connected'], { locked: c });
        }
        return input.outcome;
      });
      // Counted once committed (a rolled-back attempt is retried and would count twice).
      if (finished) {
        syncRuns.inc({ connector_type: finished.connector_type, trigger: finished.trigger, outcome: input.outcome });
        syncRunDuration.observe({ connector_type: finished.connector_type, outcome: input.outcome }, finished.seconds);
      }
      return result;
    },
  };

}

export type SyncActivities = ReturnType<typeof createSyncActivities>;

function runWindow(run: { window_start: Date | string | null; window_end: Date | string | null }) {
  return run.window_start && run.window_end ? { start: new Date(run.window_start).toISOString(), end: new Date(run.window_end).toISOString() } : null;
}
