// Backfill activities: mark the backfill running, list unfinished chunks, run a run of chunks (each paging through
// the provider for its window, committing each page's records with the chunk's position, and the chunk's completion
// with its last page; one chunk per activity for workflows before revision 5), and finish the backfill.
import { ApplicationFailure, cancellationSignal, heartbeat, log } from '@temporalio/activity';
import { sql } from 'kysely';
import { findConnector } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import type { BackfillError } from '../db/schema.ts';
import { emitConnectorEvent } from '../services/events.ts';
import { backfillDuration, backfills, recordsIngested } from '../lib/metrics.ts';
import { changesRangeOf } from '../services/changes.ts';
import { openChangeBatch } from '../services/records.ts';
import { staleAttempt, type PageWalker, type WalkPosition } from './page-walker.ts';

export interface BackfillActivityDeps {
  db: Db;
  walker: PageWalker;
  pageSize: number;
  now?: () => number;
  /**
   * A run of chunks (`runBackfillChunks`) starts no new chunk after this long (`BACKFILL_CHUNK_RUN_SECONDS`): the rest
   * go back to the workflow, so an activity stays far inside its start-to-close timeout however slow the chunks are.
   */
  chunkRunBudgetMs: number;
}

/** The next page is fetched while the current one is written. */
export const BACKFILL_FETCH_AHEAD = 1;

export interface ChunkResult {
  /** `stopped`: the backfill was cancelled; the chunk keeps what it committed. */
  outcome: 'done' | 'already_done' | 'stopped';
  records: number;
  pages: number;
}

export interface ChunkRunResult {
  /**
   * How many of the run's chunks, from its first, are done (or were already). Fewer than asked and not `stopped`: the
   * run ended early — its time budget was spent, or a chunk after its first failed — and the rest go back to the queue.
   */
  done: number;
  stopped: boolean;
}

export function createBackfillActivities(deps: BackfillActivityDeps) {
  const { db, walker, pageSize, chunkRunBudgetMs } = deps;
  const now = deps.now ?? Date.now;

  /**
   * Pages through every kind the provider ingests for the chunk's window. Each page's records and the chunk's new
   * position commit in one transaction (the last one also marks the chunk done), so a retry resumes at the first
   * uncommitted page and a committed chunk is never fetched again. The position is also heartbeated (`details` says
   * how), so the Temporal UI shows it; the chunk row is what a retry resumes from.
   */
  async function runChunk(input: { backfillId: string; index: number }, details: (pos: WalkPosition) => unknown): Promise<ChunkResult> {
    const claimed = await sql<{
      window_start: Date; window_end: Date; kind_index: number; page_cursor: string | null; pages: number; records: number;
      connector_id: string; workspace_id: string; type: string; config: Record<string, string | string[]>; deleted_at: Date | null;
    }>`
      update backfill_chunks c set status = 'running', attempts = c.attempts + 1, started_at = coalesce(c.started_at, ${new Date(now())}), error = null
      from backfills b join connectors k on k.id = b.connector_id
      where c.backfill_id = ${input.backfillId} and c.index = ${input.index} and b.id = c.backfill_id
        and c.status in ('pending', 'running') and b.status = 'running' and b.cancel_requested_at is null
      returning c.window_start, c.window_end, c.kind_index, c.page_cursor, c.pages, c.records, b.connector_id, b.workspace_id, k.type, k.config, k.deleted_at`.execute(db);
    const chunk = claimed.rows[0];
    if (!chunk) {
      const row = await db.selectFrom('backfill_chunks').select(['status', 'records', 'pages']).where('backfill_id', '=', input.backfillId).where('index', '=', input.index).executeTakeFirst();
      if (!row) throw ApplicationFailure.nonRetryable(`backfill ${input.backfillId} has no chunk ${input.index}`, 'ChunkGone');
      return { outcome: row.status === 'done' ? 'already_done' : 'stopped', records: row.records, pages: row.pages };
    }
    if (chunk.deleted_at) throw ApplicationFailure.nonRetryable(`connector ${chunk.connector_id} was deleted`, 'ConnectorGone');
    const walk = await walker.open({ id: chunk.connector_id, type: chunk.type, config: chunk.config });
    const window = { start: new Date(chunk.window_start).toISOString(), end: new Date(chunk.window_end).toISOString() };
    let pos: WalkPosition = { kindIndex: chunk.kind_index, pageCursor: chunk.page_cursor };
    let pages = chunk.pages;
    let records = chunk.records;
    heartbeat(details(pos));
    const scope = { workspaceId: chunk.workspace_id, connectorId: chunk.connector_id, source: { type: 'backfill' as const, id: input.backfillId } };
    for await (const page of walk.pages({ window, selection: 'created', start: pos, pageSize, fetchAhead: BACKFILL_FETCH_AHEAD, signal: cancellationSignal(), heartbeatDetails: () => details(pos) })) {
      const flags = await db.transaction().execute(async (tx) => {
        const changes = openChangeBatch(scope);
        await changes.upsert(tx, page.records);
        // A complete listing of the chunk's window: what it no longer has is gone at the provider.
        if (page.listing) await changes.tombstoneMissing(tx, page.listing.kind, page.listing.window, page.listing.seen);
        const counts = changes.counts;
        const updated = await sql<{ cancel_requested_at: Date | null; not_before: Date | null }>`
          update backfill_chunks set kind_index = ${page.to.kindIndex}, page_cursor = ${page.to.pageCursor}, pages = pages + 1,
            records = records + ${page.records.length}, records_added = records_added + ${counts.added}, records_updated = records_updated + ${counts.updated},
            records_unchanged = records_unchanged + ${counts.unchanged}, records_deleted = records_deleted + ${counts.deleted},
            status = ${page.last ? 'done' : 'running'}, finished_at = ${page.last ? new Date(now()) : null}
          where backfill_id = ${input.backfillId} and index = ${input.index} and status = 'running'
            and kind_index = ${page.from.kindIndex} and page_cursor is not distinct from ${page.from.pageCursor}
          returning (select cancel_requested_at from backfills where id = ${input.backfillId}),
            (select not_before from provider_rate_limits where connector_id = ${chunk.connector_id})`.execute(tx);
        if (updated.rows.length !== 1) throw staleAttempt(`chunk ${input.index}`);
        await changes.commit(tx); // last statement: the feed position
        return updated.rows[0]!;
      });
      pages++;
      records += page.records.length;
      recordsIngested.inc({ connector_type: chunk.type, source: 'backfill' }, page.records.length);
      pos = page.to;
      heartbeat(details(pos));
      // Another sync or backfill of this connector was told to back off: so is this walk.
      if (flags.not_before) walk.holdUntil(new Date(flags.not_before).getTime());
      // Cancelled: stop after this page (the page fetched ahead is dropped once its request finishes).
      if (flags.cancel_requested_at && !page.last) return { outcome: 'stopped', records, pages };
    }
    return { outcome: 'done', records, pages };
  }

  return {
    /** Marks the backfill running (first run) and records how long the continue-as-new chain is. */
    async startBackfill(input: { backfillId: string; run: number }): Promise<{ status: string }> {
      const row = await db
        .updateTable('backfills')
        .set((eb) => ({
          status: sql`case when status = 'queued' then 'running' else status end`,
          started_at: sql`coalesce(started_at, ${new Date(now())})`,
          workflow_runs: eb.fn('greatest', [eb.ref('workflow_runs'), eb.val(input.run)]),
        }))
        .where('id', '=', input.backfillId)
        .returning(['status', 'cancel_requested_at'])
        .executeTakeFirst();
      if (!row) throw ApplicationFailure.nonRetryable(`backfill ${input.backfillId} not found`, 'BackfillGone');
      return { status: row.cancel_requested_at && row.status === 'running' ? 'cancelling' : row.status };
    },

    /** Up to `limit` chunk indexes at or after `from` that are not done yet, in order. */
    async pendingBackfillChunks(input: { backfillId: string; from: number; limit: number }): Promise<{ indexes: number[]; more: boolean }> {
      const rows = await db
        .selectFrom('backfill_chunks')
        .select('index')
        .where('backfill_id', '=', input.backfillId)
        .where('index', '>=', input.from)
        .where('status', '!=', 'done')
        .orderBy('index')
        .limit(input.limit + 1)
        .execute();
      return { indexes: rows.slice(0, input.limit).map((r) => r.index), more: rows.length > input.limit };
    },

    /** One chunk (`runChunk`): the activity of backfill workflows started before revision 5. */
    async runBackfillChunk(input: { backfillId: string; index: number }): Promise<ChunkResult> {
      return runChunk(input, (pos) => pos);
    },

    /**
     * A run of chunks, one after the other, each as `runChunk` commits it (revision 5). A failure of the run's first
     * chunk fails the activity, so Temporal retries it under the backfill's retry policy and a failure is always the
     * first chunk's; a later chunk's failure, or the time budget spent, ends the run early instead, and the workflow
     * queues what is left again — that chunk then leads a run of its own. A retried run finds its committed chunks
     * done (`already_done`) and goes on from the first that is not. Heartbeats say which chunk and where in it.
     */
    async runBackfillChunks(input: { backfillId: string; indexes: number[] }): Promise<ChunkRunResult> {
      const started = now();
      for (const [i, index] of input.indexes.entries()) {
        if (i > 0 && now() - started >= chunkRunBudgetMs) return { done: i, stopped: false };
        try {
          const r = await runChunk({ backfillId: input.backfillId, index }, (pos) => ({ chunk: index, ...pos }));
          if (r.outcome === 'stopped') return { done: i, stopped: true };
        } catch (err) {
          if (i === 0 || cancellationSignal().aborted) throw err;
          log.warn('backfill chunk failed after others in its run; it goes back to the queue to lead a run of its own', {
            backfillId: input.backfillId, chunk: index, error: err instanceof Error ? err.message : String(err),
          });
          return { done: i, stopped: false };
        }
      }
      return { done: input.indexes.length, stopped: false };
    },

    /**
     * Ends the backfill. A failed one records the failing chunk's window and reason; chunks interrupted by a
     * cancel or a failure go back to pending with their committed position, so nothing committed is lost.
     */
    async finishBackfill(input: { backfillId: string; outcome: 'succeeded' | 'failed' | 'cancelled'; failure?: { chunk: number; code: string; message: string } }): Promise<string> {
      let finished: { type: string; outcome: string; seconds: number } | undefined;
      const result = await db.transaction().execute(async (tx) => {
        const bf = await tx.selectFrom('backfills').select(['status', 'connector_id', 'window_start', 'window_end', 'chunks_total', 'created_at', 'cancel_requested_at']).where('id', '=', input.backfillId).forUpdate().executeTakeFirst();
        if (!bf) return 'gone';
        if (bf.status !== 'queued' && bf.status !== 'running') return bf.status;
        // Asked to stop (cancel, or its connector deleted): whatever broke on the way out, it was cancelled.
        let outcome = input.outcome === 'failed' && bf.cancel_requested_at ? 'cancelled' : input.outcome;
        const failure = outcome === 'cancelled' ? undefined : input.failure;
        let error: BackfillError | null = null;
        if (failure) {
          const f = failure;
          const ch = await tx
            .updateTable('backfill_chunks')
            .set({ status: 'failed', error: JSON.stringify({ code: f.code, message: f.message }), finished_at: new Date(now()) })
            .where('backfill_id', '=', input.backfillId)
            .where('index', '=', f.chunk)
            .returning(['window_start', 'window_end'])
            .executeTakeFirst();
          error = { code: f.code, message: f.message, chunk: f.chunk, window: ch ? { start: new Date(ch.window_start).toISOString(), end: new Date(ch.window_end).toISOString() } : undefined };
        }
        if (outcome === 'succeeded') {
          const open = await tx.selectFrom('backfill_chunks').select((eb) => eb.fn.countAll<number>().as('n')).where('backfill_id', '=', input.backfillId).where('status', '!=', 'done').executeTakeFirstOrThrow();
          if (Number(open.n) > 0) {
            outcome = 'failed';
            error = { code: 'incomplete', message: `${open.n} chunks were not done when the workflow finished` };
          }
        }
        await tx.updateTable('backfill_chunks').set({ status: 'pending' }).where('backfill_id', '=', input.backfillId).where('status', '=', 'running').execute();
        await tx
          .updateTable('backfills')
          .set({ status: outcome, finished_at: new Date(now()), error: error ? JSON.stringify(error) : null })
          .where('id', '=', input.backfillId)
          .execute();
        const type = (await findConnector(tx, bf.connector_id))?.type ?? 'unknown';
        finished = { type, outcome, seconds: Math.max(0, now() - new Date(bf.created_at).getTime()) / 1000 };
        // The webhook event commits with the status it describes (transactional outbox).
        const totals = await sql<{ records: number; records_added: number; records_updated: number; records_unchanged: number; records_deleted: number }>`
          select coalesce(sum(records), 0)::int as records, coalesce(sum(records_added), 0)::int as records_added, coalesce(sum(records_updated), 0)::int as records_updated,
                 coalesce(sum(records_unchanged), 0)::int as records_unchanged, coalesce(sum(records_deleted), 0)::int as records_deleted
          from backfill_chunks where backfill_id = ${input.backfillId}`.execute(tx);
        const counts = totals.rows[0]!;
        const changes = await changesRangeOf(tx, input.backfillId);
        await emitConnectorEvent(tx, `backfill.${outcome}`, bf.connector_id, {
          backfill: {
            id: input.backfillId,
            status: outcome,
            window: { start: new Date(bf.window_start).toISOString(), end: new Date(bf.window_end).toISOString() },
            chunks_total: bf.chunks_total,
            ...counts,
            changes,
            error,
          },
        });
        if (changes) {
          const { records: _fetched, ...changeCounts } = counts;
          await emitConnectorEvent(tx, 'records.changed', bf.connector_id, { source: { type: 'backfill', id: input.backfillId }, records_fetched: counts.records, ...changeCounts, changes });
        }
        return outcome;
      });
      // Counted once committed (a rolled-back attempt is retried and would count twice).
      if (finished) {
        backfills.inc({ connector_type: finished.type, outcome: finished.outcome });
        backfillDuration.observe({ connector_type: finished.type, outcome: finished.outcome }, finished.seconds);
      }
      return result;
    },
  };

}

export type BackfillActivities = ReturnType<typeof createBackfillActivities>;
