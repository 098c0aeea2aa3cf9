// Backfill activities: mark the backfill running, list unfinished chunks, run one chunk (paging through the
// provider for its window, committing each page's records with the chunk's position, and the chunk's
// completion with its last page), and finish the backfill.
import { activityInfo, ApplicationFailure, cancellationSignal, heartbeat } from '@temporalio/activity';
import { sql } from 'kysely';
import type { Db } from '../db/db.ts';
import type { BackfillError } from '../db/schema.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { ProviderError, type Credentials, type FetchPageResult } from '../providers/types.ts';
import { CredentialsMissingError, type CredentialStore } from '../services/credentials.ts';
import { callWithRefresh } from './provider-call.ts';
import { noteRateLimited } from '../services/rate-limits.ts';
import { emitConnectorEvent } from '../services/events.ts';
import { upsertRecords } from '../services/records.ts';
import { sleepUntil } from './rate-limit.ts';
import { toActivityFailure } from './sync.ts';

export interface BackfillActivityDeps {
  db: Db;
  providers: ProviderRegistry;
  credentials: CredentialStore;
  pageSize: number;
  now?: () => number;
}

/** Where a chunk is: which kind, and the provider's page cursor within it. Committed with every page. */
export interface ChunkPosition {
  kindIndex: number;
  pageCursor: string | null;
}

export interface ChunkResult {
  /** `stopped`: the backfill was cancelled; the chunk keeps what it committed. */
  outcome: 'done' | 'already_done' | 'stopped';
  records: number;
  pages: number;
}

export function createBackfillActivities(deps: BackfillActivityDeps) {
  const { db, providers, credentials, pageSize } = deps;
  const now = deps.now ?? Date.now;

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

    /**
     * Pages through every kind the provider ingests for the chunk's window. Each page's records and the
     * chunk's new position commit in one transaction (the last one also marks the chunk done), so a retry
     * resumes at the first uncommitted page and a committed chunk is never fetched again. The position is
     * also heartbeated, so the Temporal UI shows it; the chunk row is what a retry resumes from.
     */
    async runBackfillChunk(input: { backfillId: string; index: number }): Promise<ChunkResult> {
      const claimed = await sql<{
        window_start: Date; window_end: Date; kind_index: number; page_cursor: string | null; pages: number; records: number;
        connector_id: string; type: string; deleted_at: Date | null; not_before: Date | null;
      }>`
        update backfill_chunks c set status = 'running', attempts = c.attempts + 1, started_at = coalesce(c.started_at, ${new Date(now())}), error = null
        from backfills b join connectors k on k.id = b.connector_id
        where c.backfill_id = ${input.backfillId} and c.index = ${input.index} and b.id = c.backfill_id
          and c.status in ('pending', 'running') and b.status = 'running' and b.cancel_requested_at is null
        returning c.window_start, c.window_end, c.kind_index, c.page_cursor, c.pages, c.records, b.connector_id, k.type, k.deleted_at,
          (select not_before from provider_rate_limits r where r.connector_id = b.connector_id) as not_before`.execute(db);
      const chunk = claimed.rows[0];
      if (!chunk) {
        const row = await db.selectFrom('backfill_chunks').select(['status', 'records', 'pages']).where('backfill_id', '=', input.backfillId).where('index', '=', input.index).executeTakeFirst();
        if (!row) throw ApplicationFailure.nonRetryable(`backfill ${input.backfillId} has no chunk ${input.index}`, 'ChunkGone');
        return { outcome: row.status === 'done' ? 'already_done' : 'stopped', records: row.records, pages: row.pages };
      }
      if (chunk.deleted_at) throw ApplicationFailure.nonRetryable(`connector ${chunk.connector_id} was deleted`, 'ConnectorGone');
      const provider = providers.get(chunk.type);
      if (!provider) throw ApplicationFailure.nonRetryable(`unknown connector type ${chunk.type}`, 'UnknownType');
      const kinds = provider.manifest.ingests.map((k) => k.kind);
      const window = { start: new Date(chunk.window_start).toISOString(), end: new Date(chunk.window_end).toISOString() };
      let pos: ChunkPosition = { kindIndex: chunk.kind_index, pageCursor: chunk.page_cursor };
      let notBefore = chunk.not_before ? new Date(chunk.not_before).getTime() : 0;
      let creds: Credentials;
      try {
        creds = await credentials.get(chunk.connector_id);
      } catch (err) {
        if (err instanceof CredentialsMissingError) throw ApplicationFailure.nonRetryable(err.message, 'CredentialsMissing');
        throw toActivityFailure(err);
      }
      const signal = cancellationSignal();
      const fetchAt = (p: ChunkPosition): Promise<FetchPageResult> => {
        const kind = kinds[p.kindIndex]!;
        const promise = callWithRefresh(credentials, chunk.connector_id, creds, (c) => provider.client.fetchPage(c, { kind, window, pageCursor: p.pageCursor, pageSize }), (c) => (creds = c));
        promise.catch(() => undefined); // awaited (and handled) when its turn comes
        return promise;
      };
      let prefetched: { pos: ChunkPosition; page: Promise<FetchPageResult> } | null = null;
      let pages = chunk.pages;
      let records = chunk.records;
      while (pos.kindIndex < kinds.length) {
        if (signal.aborted) throw signal.reason;
        heartbeat(pos);
        if (notBefore > now()) await sleepUntil(notBefore, pos, now);
        let page: FetchPageResult;
        try {
          const ahead = prefetched && prefetched.pos.kindIndex === pos.kindIndex && prefetched.pos.pageCursor === pos.pageCursor ? prefetched.page : null;
          page = await (ahead ?? fetchAt(pos));
        } catch (err) {
          if (err instanceof ProviderError && err.code === 'rate_limited') await noteRateLimited(db, chunk.connector_id, err.retryAfterMs);
          throw toActivityFailure(err);
        }
        prefetched = null;
        const next: ChunkPosition = page.nextPageCursor ? { kindIndex: pos.kindIndex, pageCursor: page.nextPageCursor } : { kindIndex: pos.kindIndex + 1, pageCursor: null };
        const last = next.kindIndex >= kinds.length;
        // The next page is fetched while this one is written (its result is only used if we get that far).
        if (!last && notBefore <= now()) prefetched = { pos: next, page: fetchAt(next) };
        const before = pos;
        const flags = await db.transaction().execute(async (tx) => {
          const counts = await upsertRecords(tx, chunk.connector_id, page.records);
          const updated = await sql<{ cancel_requested_at: Date | null; not_before: Date | null }>`
            update backfill_chunks set kind_index = ${next.kindIndex}, page_cursor = ${next.pageCursor}, pages = pages + 1,
              records = records + ${page.records.length}, records_inserted = records_inserted + ${counts.inserted}, records_updated = records_updated + ${counts.updated},
              status = ${last ? 'done' : 'running'}, finished_at = ${last ? new Date(now()) : null}
            where backfill_id = ${input.backfillId} and index = ${input.index} and status = 'running'
              and kind_index = ${before.kindIndex} and page_cursor is not distinct from ${before.pageCursor}
            returning (select cancel_requested_at from backfills where id = ${input.backfillId}),
              (select not_before from provider_rate_limits where connector_id = ${chunk.connector_id})`.execute(tx);
          // Another attempt committed this page first (a zombie attempt): roll back ours and resume from the row.
          if (updated.rows.length !== 1) throw ApplicationFailure.retryable(`chunk ${input.index} moved on under this attempt`, 'StaleAttempt');
          return updated.rows[0]!;
        });
        pages++;
        records += page.records.length;
        pos = next;
        notBefore = flags.not_before ? new Date(flags.not_before).getTime() : 0;
        if (last) break;
        if (flags.cancel_requested_at) {
          // Let the request fetched ahead finish (its page is dropped) so no provider call outlives the chunk.
          await (prefetched as { page: Promise<FetchPageResult> } | null)?.page.catch(() => undefined);
          return { outcome: 'stopped', records, pages };
        }
      }
      heartbeat(pos);
      return { outcome: 'done', records, pages };
    },

    /**
     * Ends the backfill. A failed one records the failing chunk's window and reason; chunks interrupted by a
     * cancel or a failure go back to pending with their committed position, so nothing committed is lost.
     */
    async finishBackfill(input: { backfillId: string; outcome: 'succeeded' | 'failed' | 'cancelled'; failure?: { chunk: number; code: string; message: string } }): Promise<string> {
      return db.transaction().execute(async (tx) => {
        const bf = await tx.selectFrom('backfills').select(['status', 'connector_id', 'window_start', 'window_end', 'chunks_total']).where('id', '=', input.backfillId).forUpdate().executeTakeFirst();
        if (!bf) return 'gone';
        if (bf.status !== 'queued' && bf.status !== 'running') return bf.status;
        let outcome = input.outcome;
        let error: BackfillError | null = null;
        if (input.failure) {
          const f = input.failure;
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
        // The webhook event commits with the status it describes (transactional outbox).
        const totals = await tx.selectFrom('backfill_chunks').select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('records'), eb.lit(0)).as('records')]).where('backfill_id', '=', input.backfillId).executeTakeFirstOrThrow();
        await emitConnectorEvent(tx, `backfill.${outcome}`, bf.connector_id, {
          backfill: {
            id: input.backfillId,
            status: outcome,
            window: { start: new Date(bf.window_start).toISOString(), end: new Date(bf.window_end).toISOString() },
            chunks_total: bf.chunks_total,
            records: Number(totals.records),
            error,
          },
        });
        return outcome;
      });
    },
  };

}

export type BackfillActivities = ReturnType<typeof createBackfillActivities>;
