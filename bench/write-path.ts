// The records write in isolation: what PostgreSQL spends on one change batch's upsert (services/records.ts) against
// the parse of its input alone, with no fetching. Real emulator records (PagerDuty, the ingest bench's mix) are read
// once, then written in 1,000-record transactions as a sync commits them: into a new connector (all new), and the
// same again (all unchanged); beside them the same JSON documents (built as the upsert builds them) only parsed
// (`$1::jsonb`) and parsed into rows (`jsonb_to_recordset`). CPU is PostgreSQL's backend's (from /proc, the
// statement's own process) and this process's.
//   node --import tsx bench/write-path.ts [--records 40000] [--rounds 3]
import { sql } from 'kysely';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import type { Db } from '../db/db.ts';
import type { NormalizedRecord } from '../providers/types.ts';
import { openChangeBatch, upsertDocument, UPSERT_ROW } from '../services/records.ts';
import { processCpuSeconds } from './cpu.ts';
import { startBenchStack, startInfra } from './infra.ts';
import { prefetchPages } from './plain-pages.ts';
import { numberOption } from './stats.ts';

const BATCH = 1000;

/** Runs `step` for each batch on one connection; returns PostgreSQL's and this process's CPU, and the wall time. */
async function measure(db: Db, records: readonly NormalizedRecord[], step: (conn: Db, batch: readonly NormalizedRecord[]) => Promise<void>) {
  return db.connection().execute(async (conn) => {
    const pid = Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn)).rows[0]!.pid);
    const pg0 = processCpuSeconds(pid);
    const js0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < records.length; i += BATCH) await step(conn as Db, records.slice(i, i + BATCH));
    const js = process.cpuUsage(js0);
    return { pg: processCpuSeconds(pid) - pg0, js: (js.user + js.system) / 1e6, wall: (performance.now() - t0) / 1000 };
  });
}

async function main(): Promise<void> {
  const wanted = numberOption(process.argv, 'records', 40_000);
  const rounds = numberOption(process.argv, 'rounds', 3);
  const infra = await startInfra(() => undefined);
  const s = await startBenchStack(infra, { volume: Math.ceil(wanted / 4 / 24), env: {} });
  try {
    const provider = s.providers.get('pagerduty')!;
    const window = { start: new Date(Date.now() - 24 * 3_600_000).toISOString(), end: new Date().toISOString() };
    const records: NormalizedRecord[] = [];
    for await (const page of prefetchPages(provider, { api_key: DEMO_KEYS.pagerduty! }, { window, selection: 'changed', pageSize: 100, ahead: 20 })) records.push(...page.records);
    const workspaceId = (await s.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
    console.log(`write-path: ${records.length} records, ${Math.round(upsertDocument(records).length / records.length)} bytes each as JSON, ${BATCH} a transaction`);
    const fmt = (m: { pg: number; js: number; wall: number }) => `PostgreSQL ${m.pg.toFixed(2)} s, this process ${m.js.toFixed(2)} s, wall ${m.wall.toFixed(2)} s`;
    for (let round = 1; round <= rounds; round++) {
      const parse = await measure(s.db, records, async (conn, batch) => {
        await sql`select ${upsertDocument(batch)}::jsonb is null`.execute(conn);
      });
      const rows = await measure(s.db, records, async (conn, batch) => {
        await sql`select count(*) from jsonb_to_recordset(${upsertDocument(batch)}::jsonb) as t(${UPSERT_ROW})`.execute(conn);
      });
      const connector = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: `write-path-${round}` });
      const upsert = (conn: Db, batch: readonly NormalizedRecord[]) =>
        conn.transaction().execute(async (tx) => {
          const changes = openChangeBatch({ workspaceId, connectorId: connector.body.id, source: { type: 'sync_run', id: `run_write_path_${round}` } });
          await changes.upsert(tx, batch);
          await changes.commit(tx);
        });
      const fresh = await measure(s.db, records, upsert);
      const again = await measure(s.db, records, upsert);
      console.log(`round ${round}: parse only: ${fmt(parse)}; parse into rows: ${fmt(rows)}; upsert, all new: ${fmt(fresh)}; upsert, all unchanged: ${fmt(again)}`);
    }
  } finally {
    await s.close();
    await infra.stop();
  }
}

// The Temporal client and the bench's pools would keep the process alive: it ends when the work does.
await main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
process.exit();
