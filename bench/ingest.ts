// Ingest benchmark: records/second of a real sync (provider emulator → Temporal activity → PostgreSQL)
// next to a plain COPY of the same rows into the same table, measured in the same run.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { newId } from '../lib/ids.ts';
import { startBenchStack, waitUntil, type BenchInfra } from './infra.ts';
import { findConnector, insertConnector } from '../db/connectors.repository.ts';

export interface IngestResult {
  records: number;
  syncSeconds: number;
  copySeconds: number;
  syncRate: number;
  copyRate: number;
  ratio: number;
}

function csvField(v: string | null): string {
  if (v === null) return '';
  return `"${v.replace(/"/g, '""')}"`;
}

export async function runIngestBench(infra: BenchInfra, opts: { records?: number } = {}): Promise<IngestResult> {
  const target = opts.records ?? 100_000;
  // PagerDuty ingests 2 kinds; the first sync looks back 24 hours.
  const perHour = Math.ceil(target / 2 / 24);
  const s = await startBenchStack(infra, { volume: perHour, env: { SYNC_INITIAL_LOOKBACK_HOURS: '24', SYNC_PAGE_SIZE: '100' } });
  try {
    const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'bench' });
    const put = await s.api('PUT', `/v1/connectors/${c.body.id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
    if (put.body?.connector?.status !== 'connected') throw new Error(`onboarding failed: ${JSON.stringify(put.body)}`);
    const runId: string = put.body.first_sync_run_id ?? (await s.api('GET', `/v1/connectors/${c.body.id}/sync-runs`)).body.data[0].id;
    const run = await waitUntil(async () => {
      const r = await s.db.selectFrom('sync_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
      return ['succeeded', 'failed'].includes(r.status) ? r : undefined;
    }, 20 * 60_000);
    if (run.status !== 'succeeded') throw new Error(`sync failed: ${JSON.stringify(run.error)}`);
    const syncSeconds = (run.finished_at!.getTime() - run.created_at.getTime()) / 1000;
    const records = run.records_added;

    // The same rows, COPYed into the same table under a second connector.
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
    const syncRate = records / syncSeconds;
    const copyRate = rows.length / copySeconds;
    return { records, syncSeconds, copySeconds, syncRate, copyRate, ratio: syncRate / copyRate };
  } finally {
    await s.close();
  }
}
