// Sync activities: claim a run (one per connector, enforced by Postgres), page through the provider,
// commit each page's records together with the run's progress, and finish the run.
import { activityInfo, ApplicationFailure, heartbeat } from '@temporalio/activity';
import { sql } from 'kysely';
import type { Db } from '../db/db.ts';
import type { SyncProgress } from '../db/schema.ts';
import { AsyncQueue } from '../lib/async-queue.ts';
import { newId } from '../lib/ids.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { ProviderError, type Credentials, type FetchPageResult, type NormalizedRecord } from '../providers/types.ts';
import type { CredentialStore } from '../services/credentials.ts';
import { callWithRefresh } from './provider-call.ts';
import { emitConnectorEvent } from '../services/events.ts';
import { upsertRecords } from '../services/records.ts';
import { noteRateLimited } from '../services/rate-limits.ts';
import { transitionStatus } from '../services/status.ts';
import { appendRunLog, claimSyncRun } from '../services/sync-runs.ts';
import { waitForRateLimit } from './rate-limit.ts';

/** A batch of pages is committed once it holds this many records, or is this old. */
const FLUSH_RECORDS = 1000;
const FLUSH_MS = 1000;
/** How many pages fetching may run ahead of writing. */
const FETCH_AHEAD_PAGES = 20;

export interface SyncSettings {
  pageSize: number;
  lookbackMs: number;
  lagMs: number;
}

export interface SyncActivityDeps {
  db: Db;
  providers: ProviderRegistry;
  credentials: CredentialStore;
  settings: SyncSettings;
  now?: () => number;
}

/** Maps a provider failure to a Temporal failure: transient ones retry (honouring Retry-After), the rest fail fast. */
export function toActivityFailure(err: unknown): Error {
  if (err instanceof ProviderError) {
    if (err.retryable) {
      return ApplicationFailure.create({
        type: err.code === 'rate_limited' ? 'ProviderRateLimited' : 'ProviderUnavailable',
        message: err.message,
        nextRetryDelay: err.retryAfterMs !== undefined ? Math.max(err.retryAfterMs, 1) : undefined,
      });
    }
    return ApplicationFailure.create({ type: `Provider_${err.code}`, message: err.message, nonRetryable: true });
  }
  return err instanceof Error ? err : new Error(String(err));
}

export function createSyncActivities(deps: SyncActivityDeps) {
  const { db, providers, credentials, settings } = deps;
  const now = deps.now ?? Date.now;

  async function loadRun(runId: string) {
    const run = await db.selectFrom('sync_runs').selectAll().where('id', '=', runId).executeTakeFirst();
    if (!run) throw ApplicationFailure.nonRetryable(`sync run ${runId} not found`, 'RunGone');
    return run;
  }

  return {
    /** Scheduled ticks: claim the connector's one active slot, or record a skipped run when another sync holds it. */
    async claimScheduledRun(input: { connectorId: string }): Promise<{ syncRunId: string; skipped: boolean; type: string; workspaceId: string; reason?: string }> {
      const c = await db.selectFrom('connectors').select(['id', 'type', 'workspace_id', 'status', 'deleted_at']).where('id', '=', input.connectorId).executeTakeFirst();
      if (!c || c.deleted_at) throw ApplicationFailure.nonRetryable(`connector ${input.connectorId} no longer exists`, 'ConnectorGone');
      const skip = async (reason: string) => {
        const id = newId('run');
        await db.insertInto('sync_runs').values({
          id, connector_id: c.id, workspace_id: c.workspace_id, status: 'skipped', trigger: 'schedule',
          log: JSON.stringify([{ at: new Date(now()).toISOString(), level: 'info', message: reason }]), finished_at: new Date(now()),
        }).execute();
        return { syncRunId: id, skipped: true, type: c.type, workspaceId: c.workspace_id, reason };
      };
      if (c.status !== 'connected' && c.status !== 'error') return skip(`skipped: connector is ${c.status}`);
      const claim = await claimSyncRun(db, c, 'schedule');
      if (!claim.created) return skip(`skipped: sync ${claim.runId} was already in progress`);
      return { syncRunId: claim.runId, skipped: false, type: c.type, workspaceId: c.workspace_id };
    },

    /** Marks the run running and fixes its window: from the connector's cursor (or the initial lookback) to now. */
    async startSyncRun(input: { syncRunId: string }): Promise<{ window: { start: string; end: string } | null; status: string }> {
      return db.transaction().execute(async (tx) => {
        const run = await tx.selectFrom('sync_runs').selectAll().where('id', '=', input.syncRunId).forUpdate().executeTakeFirst();
        if (!run) throw ApplicationFailure.nonRetryable(`sync run ${input.syncRunId} not found`, 'RunGone');
        if (run.status !== 'queued' && run.status !== 'running') return { window: null, status: run.status };
        if (run.window_start && run.window_end) {
          return { window: { start: new Date(run.window_start).toISOString(), end: new Date(run.window_end).toISOString() }, status: run.status };
        }
        const c = await tx.selectFrom('connectors').select(['sync_cursor']).where('id', '=', run.connector_id).executeTakeFirstOrThrow();
        const end = new Date(now() - settings.lagMs);
        const start = c.sync_cursor ? new Date(c.sync_cursor) : new Date(end.getTime() - settings.lookbackMs);
        const window = { start: start.toISOString(), end: (end < start ? start : end).toISOString() };
        await tx
          .updateTable('sync_runs')
          .set({ status: 'running', started_at: new Date(now()), window_start: window.start, window_end: window.end, progress: JSON.stringify({ kindIndex: 0, pageCursor: null }) })
          .where('id', '=', run.id)
          .execute();
        await appendRunLog(tx, run.id, 'info', `window ${window.start} → ${window.end}`);
        return { window, status: 'running' };
      });
    },

    /**
     * Pages through every kind the provider ingests. Records are committed in batches of pages, each in
     * one transaction with the run's new position, so a retry (worker killed, provider error) resumes
     * at the first uncommitted page and nothing is counted twice.
     */
    async syncPages(input: { syncRunId: string }): Promise<{ pages: number; fetched: number }> {
      const run = await loadRun(input.syncRunId);
      if (run.status !== 'running') return { pages: run.pages, fetched: run.records_fetched };
      const connector = await db.selectFrom('connectors').select(['id', 'type']).where('id', '=', run.connector_id).executeTakeFirstOrThrow();
      const provider = providers.get(connector.type);
      if (!provider) throw ApplicationFailure.nonRetryable(`unknown connector type ${connector.type}`, 'UnknownType');
      const kinds = provider.manifest.ingests.map((k) => k.kind);
      const window = { start: new Date(run.window_start!).toISOString(), end: new Date(run.window_end!).toISOString() };
      let progress: SyncProgress = (run.progress as SyncProgress | null) ?? { kindIndex: 0, pageCursor: null };
      if (activityInfo().attempt > 1) await appendRunLog(db, run.id, 'warn', `attempt ${activityInfo().attempt}: resuming at ${kinds[progress.kindIndex] ?? 'end'} page ${progress.pageCursor ?? 'first'}`);
      let creds: Credentials;
      try {
        creds = await credentials.get(connector.id);
      } catch (err) {
        throw toActivityFailure(err);
      }
      let pages = run.pages;
      let fetched = run.records_fetched;
      // A backfill (or another worker) of this connector was told to back off: wait it out first.
      await waitForRateLimit(db, connector.id, progress);
      // Pages are committed in batches (by size or age) together with the run's position.
      const fetchAt = (pos: SyncProgress) => {
        const kind = kinds[pos.kindIndex]!;
        const p = callWithRefresh(credentials, connector.id, creds, (c) => provider.client.fetchPage(c, { kind, window, pageCursor: pos.pageCursor, pageSize: settings.pageSize }), (c) => (creds = c));
        p.catch(() => undefined); // observed below; never an unhandled rejection
        return p;
      };
      let buffer: NormalizedRecord[] = [];
      let bufferedPages = 0;
      let lastFlush = now();
      let bufferedTo: SyncProgress = progress;
      const flush = async (to: SyncProgress, useBuffered = false) => {
        if (bufferedPages === 0) return;
        if (useBuffered) to = bufferedTo;
        const before = progress;
        const batch = buffer;
        const batchPages = bufferedPages;
        await db.transaction().execute(async (tx) => {
          const counts = await upsertRecords(tx, connector.id, batch);
          const updated = await tx
            .updateTable('sync_runs')
            .set((eb) => ({
              progress: JSON.stringify(to),
              pages: eb('pages', '+', batchPages),
              records_fetched: eb('records_fetched', '+', batch.length),
              records_inserted: eb('records_inserted', '+', counts.inserted),
              records_updated: eb('records_updated', '+', counts.updated),
            }))
            .where('id', '=', run.id)
            .where('status', '=', 'running')
            .where(sql<boolean>`progress = ${JSON.stringify(before)}::jsonb`)
            .executeTakeFirst();
          // Another attempt already committed these pages (or the run was cancelled): roll back ours.
          if (Number(updated.numUpdatedRows) !== 1) throw ApplicationFailure.nonRetryable('sync run moved on under this attempt', 'StaleAttempt');
        });
        pages += batchPages;
        fetched += batch.length;
        progress = to;
        buffer = [];
        bufferedPages = 0;
        lastFlush = now();
        heartbeat(progress);
      };

      // Fetching runs ahead of writing (bounded), so provider latency and database writes overlap.
      type Item = { page: FetchPageResult; kind: string; position: SyncProgress } | { error: unknown; kind: string } | { done: true };
      const queue = new AsyncQueue<Item>(FETCH_AHEAD_PAGES);
      let stopped = false;
      void (async () => {
        let pos = progress;
        while (pos.kindIndex < kinds.length && !stopped) {
          const kind = kinds[pos.kindIndex]!;
          try {
            const page = await fetchAt(pos);
            pos = page.nextPageCursor ? { kindIndex: pos.kindIndex, pageCursor: page.nextPageCursor } : { kindIndex: pos.kindIndex + 1, pageCursor: null };
            await queue.push({ page, kind, position: pos });
          } catch (error) {
            await queue.push({ error, kind });
            return;
          }
        }
        await queue.push({ done: true });
      })();

      heartbeat(progress);
      try {
        for (;;) {
          const item = await queue.shift();
          if ('done' in item) break;
          if ('error' in item) {
            await flush(progress, true); // keep what was fetched before the failure
            const err = item.error;
            if (err instanceof ProviderError && err.code === 'rate_limited') await noteRateLimited(db, connector.id, err.retryAfterMs);
            if (err instanceof ProviderError) {
              const wait = err.retryAfterMs !== undefined ? ` (Retry-After ${Math.round(err.retryAfterMs / 1000)}s)` : '';
              await appendRunLog(db, run.id, err.retryable ? 'warn' : 'error', `${item.kind}: ${err.code} from provider: ${err.message}${wait}`);
            }
            throw toActivityFailure(err);
          }
          heartbeat(progress);
          buffer.push(...item.page.records);
          bufferedPages++;
          bufferedTo = item.position;
          const kindDone = !item.page.nextPageCursor;
          if (kindDone || buffer.length >= FLUSH_RECORDS || now() - lastFlush >= FLUSH_MS) await flush(bufferedTo);
          if (kindDone) await appendRunLog(db, run.id, 'info', `${item.kind}: done`);
        }
      } finally {
        stopped = true;
        queue.drain();
      }
      return { pages, fetched };
    },

    /** Ends the run and, on success, advances the connector's cursor to the window end — after all pages are committed. */
    async finishSyncRun(input: { syncRunId: string; outcome: 'succeeded' | 'failed' | 'cancelled'; error?: { code: string; message: string } }): Promise<string> {
      return db.transaction().execute(async (tx) => {
        const run = await tx.selectFrom('sync_runs').selectAll().where('id', '=', input.syncRunId).forUpdate().executeTakeFirst();
        if (!run) return 'gone';
        if (run.status !== 'running' && run.status !== 'queued') return run.status;
        await tx
          .updateTable('sync_runs')
          .set({ status: input.outcome, finished_at: new Date(now()), error: input.error ? JSON.stringify(input.error) : null })
          .where('id', '=', run.id)
          .execute();
        if (input.outcome !== 'cancelled') {
          await emitConnectorEvent(tx, input.outcome === 'succeeded' ? 'sync_run.succeeded' : 'sync_run.failed', run.connector_id, {
            sync_run: { id: run.id, trigger: run.trigger, records_fetched: run.records_fetched, records_inserted: run.records_inserted, records_updated: run.records_updated, pages: run.pages, error: input.error ?? null },
          });
        }
        const summary = `${input.outcome}: ${run.records_fetched} fetched, ${run.records_inserted} new, ${run.records_updated} updated in ${run.pages} pages`;
        await appendRunLog(tx, run.id, input.outcome === 'failed' ? 'error' : 'info', input.error ? `${summary}; ${input.error.message}` : summary);
        if (input.outcome === 'succeeded') {
          await tx
            .updateTable('connectors')
            .set({ sync_cursor: sql`greatest(sync_cursor, ${run.window_end})`, last_sync_at: new Date(now()) })
            .where('id', '=', run.connector_id)
            .execute();
          await transitionStatus(tx, run.connector_id, 'connected', 'sync_succeeded', null, ['error']);
        } else if (input.outcome === 'failed') {
          await transitionStatus(tx, run.connector_id, 'error', 'sync_failed', input.error?.message ?? 'sync failed', ['connected']);
        }
        return input.outcome;
      });
    },
  };

}

export type SyncActivities = ReturnType<typeof createSyncActivities>;
