// Ingest benchmark: records/second of a real sync (provider emulator → Temporal activity → PostgreSQL) next to a
// plain COPY of the same rows into the same table, measured in the same run — once for a first sync (all new), once
// for the same window after the provider changed a fifth of the incidents (updates, unchanged re-reads, additions).
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { newId } from '../lib/ids.ts';
import { startBenchStack, waitUntil, type BenchInfra } from './infra.ts';
import { findConnector, insertConnector, updateConnector } from '../db/connectors.repository.ts';

export interface SyncTiming {
  seconds: number;
  fetched: number;
  added: number;
  updated: number;
  unchanged: number;
  rate: number;
}

export interface IngestResult {
  /** The first sync: everything new. */
  first: SyncTiming;
  /** The same window again after the provider changed a fifth of the incidents: updates, new log entries, unchanged re-reads. */
  again: SyncTiming;
  copySeconds: number;
  copyRate: number;
}

function csvField(v: string | null): string {
  if (v === null) return '';
  return `"${v.replace(/"/g, '""')}"`;
}

export async function runIngestBench(infra: BenchInfra, opts: { records?: number } = {}): Promise<IngestResult> {
  const target = opts.records ?? 100_000;
  // PagerDuty: per incident three log entries (trigger, acknowledge, resolve); the first sync looks back 24 hours.
  const perHour = Math.ceil(target / 4 / 24);
  const s = await startBenchStack(infra, { volume: perHour, env: { SYNC_INITIAL_LOOKBACK_HOURS: '24', SYNC_PAGE_SIZE: '100' } });
  try {
    const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'bench' });
    const put = await s.api('PUT', `/v1/connectors/${c.body.id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
    if (put.body?.connector?.status !== 'connected') throw new Error(`onboarding failed: ${JSON.stringify(put.body)}`);
    const firstId: string = (await s.api('GET', `/v1/connectors/${c.body.id}/sync-runs`)).body.data[0].id;
    const timing = async (runId: string): Promise<SyncTiming> => {
      const run = await waitUntil(async () => {
        const r = await s.db.selectFrom('sync_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
        return ['succeeded', 'failed'].includes(r.status) ? r : undefined;
      }, 20 * 60_000);
      if (run.status !== 'succeeded') throw new Error(`sync failed: ${JSON.stringify(run.error)}`);
      const seconds = (run.finished_at!.getTime() - run.created_at.getTime()) / 1000;
      return { seconds, fetched: run.records_fetched, added: run.records_added, updated: run.records_updated, unchanged: run.records_unchanged, rate: run.records_fetched / seconds };
    };
    const first = await timing(firstId);
    const firstRun = await s.db.selectFrom('sync_runs').select(['window_start', 'window_end']).where('id', '=', firstId).executeTakeFirstOrThrow();

    // The provider changes every fifth incident of the window; the connector reads the same window again.
    const changed = await fetch(`${s.emulator.url}/_emulator/records/change-many`, {
      method: 'POST',
      body: JSON.stringify({ provider: 'pagerduty', kind: 'incident', start: firstRun.window_start!.toISOString(), end: firstRun.window_end!.toISOString(), every: 5, patch: { title: 'Checkout p99 above 800ms (edited)', urgency: 'low' } }),
    });
    if (!changed.ok) throw new Error(`emulator change-many: ${changed.status} ${await changed.text()}`);
    await updateConnector(s.db, c.body.id, { sync_cursor: firstRun.window_start });
    const again = await timing((await s.api('POST', `/v1/connectors/${c.body.id}/sync`)).body.sync_run_id);

    // The first sync's rows, COPYed into the same table under a second connector.
    const rows = await s.db.selectFrom('records').select(['kind', 'external_id', 'occurred_at', 'title', 'url', 'raw']).where('connector_id', '=', c.body.id).execute();
    const other = newId('con');
    const ws = (await findConnector(s.db, c.body.id))!;
    await insertConnector(s.db, { id: other, workspace_id: ws.workspace_id, type: 'pagerduty', name: 'copy', status: 'pending' });
    const lines = rows.map((r) => [other, r.kind, r.external_id, new Date(r.occurred_at).toISOString(), r.title, r.url, JSON.stringify(r.raw)].map((v) => csvField(v)).join(',') + '\n');
    const client = new pg.Client({ connectionString: s.config.DATABASE_URL });
    await client.connect();
    const t0 = performance.now();
    await pipeline(Readable.from(lines), client.query(copyFrom('COPY records (connector_id, kind, external_id, occurred_at, title, url, raw) FROM STDIN WITH (FORMAT csv)')));
    const copySeconds = (performance.now() - t0) / 1000;
    await client.end();
    return { first, again, copySeconds, copyRate: rows.length / copySeconds };
  } finally {
    await s.close();
  }
}
