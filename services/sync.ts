// "Sync now", sync history, ingested records, pause/resume — the API side of recurring syncs.
import { findConnectorInWorkspace } from '../db/connectors.repository.ts';
import { isUniqueViolation, type Db } from '../db/db.ts';
import type { ConnectorRow, SyncTrigger } from '../db/schema.ts';
import { canPause, canResume, canSync, whatToDo } from '../lib/connector-rules.ts';
import { DomainError, invalid, notFound } from '../lib/errors.ts';
import type { Convergence } from './convergence.ts';
import type { Orchestrator } from './orchestrator.ts';
import { changesRangeOf, changesRangesOf } from './changes.ts';
import { claimSyncRun, toRunView } from './sync-runs.ts';
import { transitionStatus } from './status.ts';
import { decodeCursor, encodeCursor } from './pagination.ts';


/** A queued run whose workflow never started (the API died in between) is given up after this long. */
const ORPHAN_AFTER_MS = 30_000;

export function createSyncService(deps: { db: Db; orchestrator: Orchestrator; convergence: Convergence }) {
  const { db, orchestrator, convergence } = deps;
  const ui = orchestrator.uiLink;

  /**
   * Starts a sync unless one is in flight (then returns that one). Postgres decides who wins, so
   * concurrent callers all get the same run id. With a `key` (recorded as the run's unique `tick_id`) at most one run
   * ever has it: called again, this returns that run, and starts its workflow if the first call died before it did.
   */
  async function startSync(c: ConnectorRow, trigger: SyncTrigger, key?: string): Promise<{ syncRunId: string; created: boolean }> {
    const keyed = async () => (key === undefined ? undefined : db.selectFrom('sync_runs').select(['id', 'status']).where('tick_id', '=', key).executeTakeFirst());
    for (let attempt = 0; attempt < 3; attempt++) {
      let claim: { runId: string; created: boolean } | undefined;
      try {
        claim = await claimSyncRun(db, c, trigger, key ?? null);
      } catch (err) {
        // This key's run exists and is not active (finished: it is the answer).
        if (key === undefined || !isUniqueViolation(err)) throw err;
      }
      if (!claim?.created) {
        const mine = await keyed();
        if (mine && (claim === undefined || mine.id === claim.runId)) {
          if (mine.status === 'queued') await orchestrator.startSync(c, mine.id); // idempotent (one workflow id per run)
          return { syncRunId: mine.id, created: false };
        }
        if (claim === undefined) continue; // the keyed run vanished between the conflict and the read: claim again
        if (await orphaned(claim.runId)) continue;
        return { syncRunId: claim.runId, created: false };
      }
      try {
        await orchestrator.startSync(c, claim.runId);
      } catch (err) {
        // Not started (Temporal unreachable): give the slot back rather than leave a run that never ran. Should
        // the start have landed after all, its workflow finds no run and ends at once (RunGone), doing nothing.
        await db.deleteFrom('sync_runs').where('id', '=', claim.runId).where('status', '=', 'queued').execute();
        throw err;
      }
      return { syncRunId: claim.runId, created: true };
    }
    throw new DomainError('unavailable', 'could not start a sync; try again');
  }

  /** A queued run whose workflow never started (the API died in between) must not block syncs forever. */
  async function orphaned(runId: string): Promise<boolean> {
    const run = await db.selectFrom('sync_runs').select(['status', 'created_at', 'workflow_id']).where('id', '=', runId).executeTakeFirst();
    if (!run || run.status !== 'queued' || Date.now() - run.created_at.getTime() < ORPHAN_AFTER_MS || !run.workflow_id) return false;
    if (await orchestrator.workflowExists(run.workflow_id).catch(() => true)) return false;
    const res = await db.updateTable('sync_runs').set({ status: 'failed', finished_at: new Date(), error: JSON.stringify({ code: 'orphaned', message: 'the sync was queued but never started' }) }).where('id', '=', runId).where('status', '=', 'queued').executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  return {
    startSync,

    async syncNow(workspaceId: string, id: string) {
      const c = await findConnectorInWorkspace(db, workspaceId, id);
      if (!canSync(c.status)) {
        throw new DomainError('invalid_status', `connector ${id} is ${c.status}; syncs run only for connected (or error) connectors: ${whatToDo(c.status)}`.trim());
      }
      const { syncRunId, created } = await startSync(c, 'manual');
      return { sync_run_id: syncRunId, already_running: !created, status_url: `/v1/connectors/${id}/sync-runs/${syncRunId}` };
    },

    async listRuns(workspaceId: string, id: string, q: { limit: number; cursor?: string }) {
      await findConnectorInWorkspace(db, workspaceId, id);
      let query = db.selectFrom('sync_runs').selectAll().where('connector_id', '=', id).orderBy('id', 'desc').limit(q.limit + 1);
      if (q.cursor) query = query.where('id', '<', decodeCursor(q.cursor, 'run'));
      const rows = await query.execute();
      const page = rows.slice(0, q.limit);
      const ranges = await changesRangesOf(db, page.map((r) => r.id));
      return { data: page.map((r) => toRunView(r, ui, ranges.get(r.id))), next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!.id) : null };
    },

    async getRun(workspaceId: string, id: string, runId: string) {
      await findConnectorInWorkspace(db, workspaceId, id);
      const row = await db.selectFrom('sync_runs').selectAll().where('id', '=', runId).where('connector_id', '=', id).executeTakeFirst();
      if (!row) throw notFound('sync run', runId);
      return toRunView(row, ui, await changesRangeOf(db, row.id));
    },

    async listRecords(workspaceId: string, id: string, q: { limit: number; cursor?: string; kind?: string; since?: string; include_deleted?: boolean }) {
      await findConnectorInWorkspace(db, workspaceId, id);
      let query = db
        .selectFrom('records')
        .select(['id', 'kind', 'external_id', 'occurred_at', 'title', 'url', 'raw', 'first_seen_at', 'last_changed_at', 'version', 'deleted_at'])
        .where('connector_id', '=', id)
        .orderBy('id', 'desc')
        .limit(q.limit + 1);
      if (!q.include_deleted) query = query.where('deleted_at', 'is', null);
      if (q.kind) query = query.where('kind', '=', q.kind);
      if (q.since) query = query.where('occurred_at', '>=', new Date(q.since));
      if (q.cursor) {
        const n = Number(Buffer.from(q.cursor, 'base64url').toString('utf8'));
        if (!Number.isSafeInteger(n) || n <= 0) throw invalid('cursor', 'is not a cursor returned by this endpoint');
        query = query.where('id', '<', n);
      }
      const rows = await query.execute();
      const page = rows.slice(0, q.limit);
      return {
        data: page.map((r) => ({
          kind: r.kind,
          external_id: r.external_id,
          occurred_at: new Date(r.occurred_at).toISOString(),
          title: r.title,
          url: r.url,
          raw: r.raw,
          first_seen_at: r.first_seen_at.toISOString(),
          last_changed_at: r.last_changed_at.toISOString(),
          version: r.version,
          deleted_at: r.deleted_at ? new Date(r.deleted_at).toISOString() : null,
        })),
        next_cursor: rows.length > q.limit ? Buffer.from(String(page[page.length - 1]!.id)).toString('base64url') : null,
      };
    },

    /**
     * Pause takes effect in the database at once (scheduled ticks and manual syncs check the status); the
     * Temporal schedule is paused inline when possible, else by the reconciler. Repeating it is harmless.
     */
    async pause(workspaceId: string, id: string) {
      const c = await findConnectorInWorkspace(db, workspaceId, id);
      if (c.status !== 'paused') {
        if (!canPause(c.status)) throw new DomainError('invalid_status', `connector ${id} is ${c.status}; only connected or error connectors can be paused`);
        await transitionStatus(db, id, 'paused', 'paused_by_user');
      }
      await convergence.converge(id);
    },

    async resume(workspaceId: string, id: string) {
      const c = await findConnectorInWorkspace(db, workspaceId, id);
      if (!canSync(c.status)) {
        if (!canResume(c.status)) throw new DomainError('invalid_status', `connector ${id} is ${c.status}, not paused: ${whatToDo(c.status)}`.trim());
        await transitionStatus(db, id, 'connected', 'resumed_by_user');
      }
      await convergence.converge(id);
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
