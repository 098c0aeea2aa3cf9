// Historical backfills, API side: validate and plan, claim the connector's one active slot, start the
// `backfill/bf_…` workflow, report progress from the chunk rows, cancel.
import { sql } from 'kysely';
import { workflowIds } from '../contracts/ids.ts';
import { findConnectorInWorkspace } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import type { BackfillError, BackfillRow } from '../db/schema.ts';
import { canBackfill, whatToDo } from '../lib/connector-rules.ts';
import { DomainError, notFound } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { changesRangeOf, changesRangesOf, type ChangesRange } from './changes.ts';
import { estimateSecondsLeft, planBackfill, type PlanInput } from './backfill-plan.ts';
import type { Orchestrator } from './orchestrator.ts';
import { decodeCursor, encodeCursor } from './pagination.ts';

export interface BackfillView {
  id: string;
  connector_id: string;
  status: BackfillRow['status'];
  window: { start: string; end: string };
  chunk: string;
  concurrency: number;
  chunks_total: number;
  chunks_done: number;
  chunks_failed: number;
  chunks_running: number;
  chunks_skipped: number;
  records: number;
  records_added: number;
  records_updated: number;
  records_unchanged: number;
  records_deleted: number;
  pages: number;
  /** Where the backfill's changes are in the changes feed; null while it changed nothing. */
  changes: ChangesRange | null;
  current_window: { start: string; end: string } | null;
  estimated_seconds_left: number | null;
  error: BackfillError | null;
  workflow_id: string;
  workflow_runs: number;
  temporal_ui_url: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  cancel_requested_at: string | null;
}

interface ChunkStats {
  backfill_id: string;
  done: number;
  failed: number;
  running: number;
  skipped: number;
  records: number;
  added: number;
  updated: number;
  unchanged: number;
  deleted: number;
  pages: number;
  avg_seconds: number | null;
  current_start: Date | null;
  current_end: Date | null;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const ACTIVE = ['queued', 'running'] as const;

async function chunkStats(db: Db, ids: string[]): Promise<Map<string, ChunkStats>> {
  if (!ids.length) return new Map();
  const rows = await sql<ChunkStats>`
    select backfill_id,
      count(*) filter (where status = 'done')::int as done,
      count(*) filter (where status = 'failed')::int as failed,
      count(*) filter (where status = 'running')::int as running,
      count(*) filter (where reused_from is not null)::int as skipped,
      coalesce(sum(records), 0)::int as records,
      coalesce(sum(records_added), 0)::int as added,
      coalesce(sum(records_updated), 0)::int as updated,
      coalesce(sum(records_unchanged), 0)::int as unchanged,
      coalesce(sum(records_deleted), 0)::int as deleted,
      coalesce(sum(pages), 0)::int as pages,
      (avg(extract(epoch from finished_at - started_at)) filter (where status = 'done' and reused_from is null))::float8 as avg_seconds,
      (array_agg(window_start order by index) filter (where status = 'running'))[1] as current_start,
      (array_agg(window_end order by index) filter (where status = 'running'))[1] as current_end
    from backfill_chunks where backfill_id in (${sql.join(ids)}) group by backfill_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.backfill_id, r]));
}

function toView(row: BackfillRow, st: ChunkStats | undefined, ui: (wf: string) => string, changes: ChangesRange | null = null): BackfillView {
  const done = st?.done ?? 0;
  const failed = st?.failed ?? 0;
  const active = row.status === 'queued' || row.status === 'running';
  return {
    id: row.id,
    connector_id: row.connector_id,
    status: row.status,
    window: { start: iso(row.window_start)!, end: iso(row.window_end)! },
    chunk: row.chunk,
    concurrency: row.concurrency,
    chunks_total: row.chunks_total,
    chunks_done: done,
    chunks_failed: failed,
    chunks_running: st?.running ?? 0,
    chunks_skipped: st?.skipped ?? 0,
    records: st?.records ?? 0,
    records_added: st?.added ?? 0,
    records_updated: st?.updated ?? 0,
    records_unchanged: st?.unchanged ?? 0,
    records_deleted: st?.deleted ?? 0,
    pages: st?.pages ?? 0,
    changes,
    current_window: active && st?.current_start && st.current_end ? { start: iso(st.current_start)!, end: iso(st.current_end)! } : null,
    estimated_seconds_left: active ? estimateSecondsLeft(st?.avg_seconds ?? null, row.chunks_total - done - failed, row.concurrency) : row.status === 'succeeded' ? 0 : null,
    error: (row.error as BackfillError | null) ?? null,
    workflow_id: row.workflow_id,
    workflow_runs: row.workflow_runs,
    temporal_ui_url: ui(row.workflow_id),
    created_at: iso(row.created_at)!,
    started_at: iso(row.started_at),
    finished_at: iso(row.finished_at),
    cancel_requested_at: iso(row.cancel_requested_at),
  };
}

/**
 * Records the cancel request and cancels the workflow; a backfill whose workflow never started (or is long
 * gone) is marked cancelled at once, since nothing else would finish its row.
 */
export async function requestBackfillCancel(db: Db, orchestrator: Orchestrator, row: Pick<BackfillRow, 'id' | 'workflow_id'>, at: Date): Promise<void> {
  await db.updateTable('backfills').set({ cancel_requested_at: at }).where('id', '=', row.id).where('status', 'in', ACTIVE).where('cancel_requested_at', 'is', null).execute();
  if ((await orchestrator.cancelWorkflow(row.workflow_id)) === 'not_found') {
    await db.updateTable('backfills').set({ status: 'cancelled', finished_at: at }).where('id', '=', row.id).where('status', 'in', ACTIVE).execute();
  }
}

export function createBackfillService(deps: { db: Db; orchestrator: Orchestrator; providers: ProviderRegistry; concurrency: number; now?: () => number }) {
  const { db, orchestrator, providers } = deps;
  const now = deps.now ?? Date.now;
  const ui = orchestrator.uiLink;
  const loadConnector = (workspaceId: string, id: string) => findConnectorInWorkspace(db, workspaceId, id);

  async function load(workspaceId: string, connectorId: string, backfillId: string): Promise<BackfillRow> {
    await loadConnector(workspaceId, connectorId);
    const row = await db.selectFrom('backfills').selectAll().where('id', '=', backfillId).where('connector_id', '=', connectorId).executeTakeFirst();
    if (!row) throw notFound('backfill', backfillId);
    return row;
  }

  async function view(row: BackfillRow): Promise<BackfillView> {
    return toView(row, (await chunkStats(db, [row.id])).get(row.id), ui, await changesRangeOf(db, row.id));
  }

  return {
    /**
     * Validates and plans `[start, end)`, claims the connector's one active backfill slot, and starts the
     * workflow. Chunks an earlier failed or cancelled backfill of this connector already committed (same
     * window) are marked done up front and never fetched again.
     */
    async create(workspaceId: string, connectorId: string, body: PlanInput) {
      const c = await loadConnector(workspaceId, connectorId);
      const provider = providers.get(c.type);
      if (!provider) throw new DomainError('invalid_status', `connector type ${c.type} is not available`);
      const planned = planBackfill(body, { now: now(), historyLimitDays: provider.manifest.history_limit_days, providerName: provider.manifest.name });
      if ('issues' in planned) throw new DomainError('invalid_request', planned.issues.map((i) => `${i.field}: ${i.message}`).join('; '), planned.issues);
      const { plan } = planned;
      if (!canBackfill(c.status)) {
        throw new DomainError('invalid_status', `connector ${connectorId} is ${c.status}; backfills run only for connected connectors: ${whatToDo(c.status)}`.trim());
      }
      const id = newId('bf');
      const workflowId = workflowIds.backfill(id);
      const created = await db.transaction().execute(async (tx) => {
        const inserted = await sql<{ id: string }>`
          insert into backfills (id, connector_id, workspace_id, status, window_start, window_end, chunk, chunk_seconds, chunks_total, concurrency, workflow_id)
          values (${id}, ${c.id}, ${c.workspace_id}, 'queued', ${plan.start}, ${plan.end}, ${plan.chunk}, ${plan.chunkSeconds}, ${plan.chunks.length}, ${deps.concurrency}, ${workflowId})
          on conflict (connector_id) where status in ('queued','running') do nothing
          returning id`.execute(tx);
        if (inserted.rows.length === 0) return false;
        await tx
          .insertInto('backfill_chunks')
          .values(plan.chunks.map((ch) => ({ backfill_id: id, index: ch.index, window_start: ch.start, window_end: ch.end })))
          .execute();
        await sql`
          update backfill_chunks c set status = 'done', reused_from = prev.backfill_id, finished_at = now()
          from (
            select distinct on (p.window_start, p.window_end) p.window_start, p.window_end, p.backfill_id
            from backfill_chunks p join backfills b on b.id = p.backfill_id
            where b.connector_id = ${c.id} and b.status in ('failed', 'cancelled') and p.status = 'done' and p.reused_from is null
          ) prev
          where c.backfill_id = ${id} and c.window_start = prev.window_start and c.window_end = prev.window_end`.execute(tx);
        return true;
      });
      if (!created) {
        const active = await db.selectFrom('backfills').select(['id', 'status']).where('connector_id', '=', c.id).where('status', 'in', ACTIVE).executeTakeFirst();
        const which = active ? `backfill ${active.id} (${active.status})` : 'another backfill';
        throw new DomainError('conflict', `connector ${connectorId} already has an active ${which}; wait for it to finish or cancel it with POST /v1/connectors/${connectorId}/backfills/${active?.id ?? '{id}'}/cancel`);
      }
      try {
        await orchestrator.startBackfill(c, id);
      } catch (err) {
        // Not started: take the claim back, so a failed request leaves nothing behind (a retry plans afresh).
        // Should the start have landed after all, its workflow finds no backfill and ends at once.
        await db.deleteFrom('backfills').where('id', '=', id).where('status', '=', 'queued').execute(); // its chunks go with it (cascade)
        throw err;
      }
      const v = await view(await db.selectFrom('backfills').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
      return { backfill_id: id, status: v.status, chunks_total: v.chunks_total, chunks_skipped: v.chunks_skipped, workflow_id: workflowId, temporal_ui_url: v.temporal_ui_url, status_url: `/v1/connectors/${connectorId}/backfills/${id}` };
    },

    async list(workspaceId: string, connectorId: string, q: { limit: number; cursor?: string }) {
      await loadConnector(workspaceId, connectorId);
      let query = db.selectFrom('backfills').selectAll().where('connector_id', '=', connectorId).orderBy('id', 'desc').limit(q.limit + 1);
      if (q.cursor) query = query.where('id', '<', decodeCursor(q.cursor, 'bf'));
      const rows = await query.execute();
      const page = rows.slice(0, q.limit);
      const stats = await chunkStats(db, page.map((r) => r.id));
      const ranges = await changesRangesOf(db, page.map((r) => r.id));
      return { data: page.map((r) => toView(r, stats.get(r.id), ui, ranges.get(r.id))), next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!.id) : null };
    },

    async get(workspaceId: string, connectorId: string, backfillId: string): Promise<BackfillView> {
      return view(await load(workspaceId, connectorId, backfillId));
    },

    /**
     * Asks the workflow to stop: running chunks stop after their current page; what was committed stays. The
     * request is recorded first, and chunks check it at every commit, so with Temporal unreachable the
     * backfill still stops (its workflow ends as cancelled once Temporal runs it again).
     */
    async cancel(workspaceId: string, connectorId: string, backfillId: string): Promise<BackfillView> {
      const row = await load(workspaceId, connectorId, backfillId);
      if (row.status === 'succeeded' || row.status === 'failed') {
        throw new DomainError('conflict', `backfill ${backfillId} already ${row.status}; there is nothing to cancel`);
      }
      if (row.status !== 'cancelled') {
        await requestBackfillCancel(db, orchestrator, row, new Date(now())).catch((err) => {
          if (!(err instanceof DomainError && err.code === 'temporal_unavailable')) throw err;
        });
      }
      return view(await load(workspaceId, connectorId, backfillId));
    },
  };
}

export type BackfillService = ReturnType<typeof createBackfillService>;
