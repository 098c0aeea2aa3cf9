// Sync runs in the database: claiming the one active slot per connector, the run log, and the API view.
import { sql } from 'kysely';
import { workflowIds } from '../contracts/ids.ts';
import type { DbOrTx } from '../db/db.ts';
import type { SyncLogLine, SyncRunRow, SyncTrigger } from '../db/schema.ts';
import { newId } from '../lib/ids.ts';
import type { ChangesRange } from './changes.ts';

const MAX_LOG_LINES = 200;

/**
 * Inserts a queued run unless the connector already has an active one (the partial unique index
 * `sync_runs_one_active` decides, so concurrent callers cannot both win). Returns the active run's id.
 * A scheduled tick passes its `tickId`, recorded on the run (unique), so a retried claim finds its own run, and — when
 * it runs the sync itself — its own `workflowId` (otherwise the run's is `sync/con_…/run_…`).
 */
export async function claimSyncRun(
  db: DbOrTx,
  connector: { id: string; workspace_id: string },
  trigger: SyncTrigger,
  tickId: string | null = null,
  workflowId?: string,
): Promise<{ runId: string; created: boolean }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = newId('run');
    const inserted = await sql<{ id: string }>`
      insert into sync_runs (id, connector_id, workspace_id, status, trigger, workflow_id, tick_id, log)
      values (${id}, ${connector.id}, ${connector.workspace_id}, 'queued', ${trigger}, ${workflowId ?? workflowIds.sync(connector.id, id)}, ${tickId}, ${JSON.stringify([{ at: new Date().toISOString(), level: 'info', message: `queued (${trigger})` }])}::jsonb)
      on conflict (connector_id) where status in ('queued','running') do nothing
      returning id`.execute(db);
    if (inserted.rows.length === 1) return { runId: id, created: true };
    const active = await db
      .selectFrom('sync_runs')
      .select('id')
      .where('connector_id', '=', connector.id)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    if (active) return { runId: active.id, created: false };
    // The active run finished between our insert and select: try again.
  }
  throw new Error(`could not claim a sync run for ${connector.id}`);
}

/**
 * The run's `log` with one line appended (at most MAX_LOG_LINES kept), as a value for an update's `log` column: an
 * update that changes the run anyway carries its log line in the same statement.
 */
export function withLogLine(level: SyncLogLine['level'], message: string) {
  const line = JSON.stringify([{ at: new Date().toISOString(), level, message: message.slice(0, 1000) }]);
  return sql<string>`case when jsonb_array_length(log) >= ${MAX_LOG_LINES} then log else log || ${line}::jsonb end`;
}

export async function appendRunLog(db: DbOrTx, runId: string, level: SyncLogLine['level'], message: string): Promise<void> {
  await db.updateTable('sync_runs').set({ log: withLogLine(level, message) }).where('id', '=', runId).execute();
}

export interface SyncRunView {
  id: string;
  connector_id: string;
  status: SyncRunRow['status'];
  trigger: SyncTrigger;
  window: { start: string; end: string } | null;
  records_fetched: number;
  records_added: number;
  records_updated: number;
  records_unchanged: number;
  records_deleted: number;
  pages: number;
  /** Where the run's changes are in the changes feed (`GET …/changes?after=…&until=…`); null when it changed nothing. */
  changes: ChangesRange | null;
  error: { code: string; message: string } | null;
  log: SyncLogLine[];
  workflow_id: string | null;
  temporal_ui_url: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function toRunView(row: SyncRunRow, uiLink: (workflowId: string) => string, changes: ChangesRange | null = null): SyncRunView {
  return {
    id: row.id,
    connector_id: row.connector_id,
    status: row.status,
    trigger: row.trigger,
    window: row.window_start && row.window_end ? { start: iso(row.window_start)!, end: iso(row.window_end)! } : null,
    records_fetched: row.records_fetched,
    records_added: row.records_added,
    records_updated: row.records_updated,
    records_unchanged: row.records_unchanged,
    records_deleted: row.records_deleted,
    pages: row.pages,
    changes,
    error: (row.error as { code: string; message: string } | null) ?? null,
    log: row.log ?? [],
    workflow_id: row.status === 'skipped' ? null : row.workflow_id,
    temporal_ui_url: row.status === 'skipped' || !row.workflow_id ? null : uiLink(row.workflow_id),
    created_at: iso(row.created_at)!,
    started_at: iso(row.started_at),
    finished_at: iso(row.finished_at),
  };
}
