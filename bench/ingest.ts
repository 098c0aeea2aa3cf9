// Ingest benchmark: a real sync (provider emulator in its own process → Temporal activity → PostgreSQL) next to
// two baselines doing the same work in the same run, on a fresh database and emulator per run:
//  - fetch+COPY: a plain script fetching the same pages (same client, page size and fetch-ahead) from the same
//    emulator, COPYing each batch into a staging table and upserting it into a same-shaped table with the same
//    conflicts (ON CONFLICT … DO UPDATE only where the content differs, as the sync does);
//  - raw COPY: the same rows, already in memory, COPYed into an empty same-shaped table — the floor.
// Also timed, not a baseline of the summary: fetching the same pages alone, writing nothing (how fast the provider
// can be read at all; a sync cannot beat it, so it bounds Q from above).
// Two passes per run: a first sync of ~100k records (all new), then — after the provider changed every fifth
// incident — the same window again (updates, new log entries, unchanged re-reads). Sync and baseline alternate
// which goes first. P = sync rate / fetch+COPY rate, Q = sync rate / raw COPY rate, over both passes.
// The CPU each side used (the whole machine, and by process) is read around it: the sync's CPU over the machine's
// cores is the least time it could take here with every core busy, so raw COPY over it is the highest Q this
// machine allows the sync's work (its fetching and its writes) — what limits Q, measured in the same run; and the
// same without the emulator's CPU, which a real provider spends on its own machines.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql } from 'kysely';
import { FETCH_AHEAD_PAGES, FLUSH_RECORDS } from '../activities/sync.ts';
import { updateConnector } from '../db/connectors.repository.ts';
import { secretSlots } from '../db/secret-columns.ts';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import type { NormalizedRecord, TimeWindow } from '../providers/types.ts';
import { cpuWindow, type CpuWindow } from './cpu.ts';
import { prefetchPages } from './plain-pages.ts';
import { profileWindow } from './profile.ts';
import { startBenchStack, waitUntil, type BenchInfra, type BenchStack } from './infra.ts';
import { median, pct, spread } from './stats.ts';

/** The sync's own batching (activities/sync.ts): the baseline writes batches of the same size. */
const BATCH_RECORDS = FLUSH_RECORDS;
const FETCH_AHEAD = FETCH_AHEAD_PAGES;
const PAGE_SIZE = 100;

export interface PassTiming {
  records: number;
  syncSeconds: number;
  fetchCopySeconds: number;
  copySeconds: number;
  /** The same pages fetched and nothing written: the provider's floor under every side that fetches. */
  fetchOnlySeconds: number;
  /** What the sync counted: added, updated, unchanged. */
  counts: string;
  /** CPU over the sync (API call to its run seen finished) and over the fetch+COPY script, by process and machine. */
  syncCpu: CpuWindow;
  fetchCopyCpu: CpuWindow;
}

export interface IngestRun {
  first: PassTiming;
  again: PassTiming;
  syncFirst: boolean;
  /** sync rate / fetch+COPY rate and sync rate / raw COPY rate, over both passes. */
  p: number;
  q: number;
  /** sync rate / fetching-alone rate: how near the sync runs to the provider's own pace. */
  f: number;
  /**
   * The highest Q the sync's own CPU allows on this machine: raw COPY's time over (the machine CPU the sync used ÷
   * its cores), over both passes. Slightly low, if anything: the window also holds the bench's polling for the end.
   */
  qCeiling: number;
  /** The same without the emulator's CPU: a real provider answers from its own machines. */
  qCeilingProviderApart: number;
}

const csvField = (v: string | null) => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);

/** One CSV line per record, as both COPYs send them. */
function csvLines(connectorId: string, records: readonly NormalizedRecord[]): string[] {
  return records.map((r) => [connectorId, r.kind, r.external_id, new Date(r.occurred_at).toISOString(), r.title, r.url, JSON.stringify(r.raw ?? null)].map(csvField).join(',') + '\n');
}

const COLUMNS = 'connector_id, kind, external_id, occurred_at, title, url, raw';

async function copyInto(client: pg.Client, table: string, lines: readonly string[]): Promise<void> {
  await pipeline(Readable.from(lines), client.query(copyFrom(`COPY ${table} (${COLUMNS}) FROM STDIN WITH (FORMAT csv)`)));
}

/** The real sync of `window`-from-cursor: POST …/sync, timed by the run's own timestamps (claim → finished). */
async function syncPass(s: BenchStack, connectorId: string, cursor: Date | null): Promise<{ seconds: number; fetched: number; window: TimeWindow; counts: string }> {
  await updateConnector(s.db, connectorId, { sync_cursor: cursor });
  const stopProfile = await profileWindow('ingest-sync');
  const started = await s.api('POST', `/v1/connectors/${connectorId}/sync`);
  if (started.status !== 202) throw new Error(`sync not started: ${started.status} ${JSON.stringify(started.body)}`);
  const run = await waitUntil(async () => {
    const r = await s.db.selectFrom('sync_runs').selectAll().where('id', '=', started.body.sync_run_id).executeTakeFirstOrThrow();
    return ['succeeded', 'failed', 'cancelled'].includes(r.status) ? r : undefined;
  }, 30 * 60_000);
  await stopProfile();
  if (run.status !== 'succeeded') throw new Error(`sync ${run.status}: ${JSON.stringify(run.error)}`);
  return {
    seconds: (run.finished_at!.getTime() - run.created_at.getTime()) / 1000,
    fetched: run.records_fetched,
    window: { start: run.window_start!.toISOString(), end: run.window_end!.toISOString() },
    counts: `${run.records_added} added, ${run.records_updated} updated, ${run.records_unchanged} unchanged`,
  };
}

/**
 * The plain script: the same pages from the same emulator, each batch COPYed into a staging table and upserted
 * into `bench_records` with the sync's conflict rule. Returns its time and the CSV lines it sent (for raw COPY).
 */
async function fetchCopyPass(s: BenchStack, client: pg.Client, connectorId: string, window: TimeWindow): Promise<{ seconds: number; lines: string[] }> {
  const provider = s.providers.get('pagerduty')!;
  /** Every distinct record's line, the last version of it (raw COPY cannot take a key twice). */
  const all = new Map<string, string>();
  const t0 = performance.now();
  let batch = new Map<string, NormalizedRecord>();
  const flush = async () => {
    if (!batch.size) return;
    const keys = [...batch.keys()];
    const lines = csvLines(connectorId, [...batch.values()]);
    batch = new Map();
    await client.query('begin');
    await copyInto(client, 'bench_stage', lines);
    await client.query(`
      insert into bench_records (${COLUMNS}) select ${COLUMNS} from bench_stage
      on conflict (connector_id, kind, external_id) do update
        set occurred_at = excluded.occurred_at, title = excluded.title, url = excluded.url, raw = excluded.raw,
            version = bench_records.version + 1, last_changed_at = now()
        where bench_records.raw is distinct from excluded.raw or bench_records.title is distinct from excluded.title
           or bench_records.url is distinct from excluded.url or bench_records.occurred_at is distinct from excluded.occurred_at`);
    await client.query('commit'); // the staging table empties on commit
    keys.forEach((k, i) => all.set(k, lines[i]!));
  };
  for await (const page of prefetchPages(provider, { api_key: DEMO_KEYS.pagerduty! }, { window, selection: 'changed', pageSize: PAGE_SIZE, ahead: FETCH_AHEAD })) {
    for (const r of page.records) batch.set(`${r.kind}\u0000${r.external_id}`, r);
    if (batch.size >= BATCH_RECORDS) await flush();
  }
  await flush();
  return { seconds: (performance.now() - t0) / 1000, lines: [...all.values()] };
}

/** The same pages with the same client and fetch-ahead, nothing written: how long the provider alone takes. */
async function fetchOnlyPass(s: BenchStack, window: TimeWindow): Promise<number> {
  const provider = s.providers.get('pagerduty')!;
  const t0 = performance.now();
  for await (const page of prefetchPages(provider, { api_key: DEMO_KEYS.pagerduty! }, { window, selection: 'changed', pageSize: PAGE_SIZE, ahead: FETCH_AHEAD })) void page;
  return (performance.now() - t0) / 1000;
}

/** Raw COPY: the rows already built, into an empty same-shaped table. */
async function rawCopy(client: pg.Client, lines: readonly string[]): Promise<number> {
  await client.query('truncate bench_copy');
  const t0 = performance.now();
  await copyInto(client, 'bench_copy', lines);
  return (performance.now() - t0) / 1000;
}

export async function runIngestRun(infra: BenchInfra, opts: { records: number; syncFirst: boolean; log: (l: string) => void }): Promise<IngestRun> {
  // PagerDuty: three log entries per incident (trigger, acknowledge, resolve); the window is the last 24 hours.
  const perHour = Math.ceil(opts.records / 4 / 24);
  const s = await startBenchStack(infra, { volume: perHour, env: { SYNC_INITIAL_LOOKBACK_HOURS: '24', SYNC_PAGE_SIZE: String(PAGE_SIZE) } });
  const client = new pg.Client({ connectionString: s.config.DATABASE_URL });
  await client.connect();
  try {
    // Same shape as `records` (columns, defaults, unique key, indexes); the staging table empties at each commit.
    await client.query('create table bench_records (like records including all)');
    await client.query('create table bench_copy (like records including all)');
    await client.query(`create temp table bench_stage (${COLUMNS.split(', ').map((c) => `${c} ${c === 'raw' ? 'jsonb' : c === 'occurred_at' ? 'timestamptz' : 'text'}`).join(', ')}) on commit delete rows`);
    const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'bench' });
    await s.db.updateTable('connectors').set({ status: 'connected', credentials_enc: s.cipher.encryptJson({ api_key: DEMO_KEYS.pagerduty! }, secretSlots.credentials(c.body.id)) }).where('id', '=', c.body.id).execute();
    const baselineId = (await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'baseline' })).body.id as string;
    await sql`analyze`.execute(s.db);

    const measured = async <T>(work: () => Promise<T>): Promise<T & { cpu: CpuWindow }> => {
      const cpu = cpuWindow();
      const r = await work();
      return { ...r, cpu: cpu.end() };
    };
    const pass = async (cursor: Date | null): Promise<PassTiming & { window: TimeWindow }> => {
      let sync: Awaited<ReturnType<typeof syncPass>> & { cpu: CpuWindow };
      let base: { seconds: number; lines: string[]; cpu: CpuWindow };
      // The window is the sync's: [cursor or 24 h ago, now). Whichever side goes second uses the first side's window —
      // ending now, after the provider's latest changes, so the baseline reads the same records when it goes first.
      const w = { start: (cursor ?? new Date(Date.now() - 24 * 3_600_000)).toISOString(), end: new Date().toISOString() };
      if (opts.syncFirst) {
        sync = await measured(() => syncPass(s, c.body.id, cursor));
        base = await measured(() => fetchCopyPass(s, client, baselineId, sync.window));
      } else {
        base = await measured(() => fetchCopyPass(s, client, baselineId, w));
        sync = await measured(() => syncPass(s, c.body.id, cursor ?? new Date(w.start)));
      }
      const copySeconds = await rawCopy(client, base.lines);
      const fetchOnlySeconds = await fetchOnlyPass(s, sync.window);
      // Both read the whole window each pass, so the baseline's distinct records are the sync's records so far (the
      // sync's `fetched` also counts a record read twice in a pass).
      const stored = Number((await sql<{ n: string }>`select count(*) as n from records where connector_id = ${c.body.id}`.execute(s.db)).rows[0]!.n);
      if (Math.abs(base.lines.length - stored) > stored * 0.001 + 10) {
        opts.log(`  warning: the baseline wrote ${base.lines.length} distinct records, the sync holds ${stored}`);
      }
      return { records: sync.fetched, syncSeconds: sync.seconds, fetchCopySeconds: base.seconds, copySeconds, fetchOnlySeconds, counts: sync.counts, syncCpu: sync.cpu, fetchCopyCpu: base.cpu, window: sync.window };
    };

    const first = await pass(null);
    // The provider changes every fifth incident of the window; both sides read the same window again.
    const changed = await fetch(`${s.emulator.url}/_emulator/records/change-many`, {
      method: 'POST',
      body: JSON.stringify({ provider: 'pagerduty', kind: 'incident', start: first.window.start, end: first.window.end, every: 5, patch: { title: 'Checkout p99 above 800ms (edited)', urgency: 'low' } }),
    });
    if (!changed.ok) throw new Error(`emulator change-many: ${changed.status} ${await changed.text()}`);
    const again = await pass(new Date(first.window.start));
    const sync = first.syncSeconds + again.syncSeconds;
    const copy = first.copySeconds + again.copySeconds;
    const busy = first.syncCpu.machine.busy + again.syncCpu.machine.busy;
    const provider = (first.syncCpu.used.emulator ?? 0) + (again.syncCpu.used.emulator ?? 0);
    const cores = first.syncCpu.machine.cores;
    return {
      first, again, syncFirst: opts.syncFirst,
      p: (first.fetchCopySeconds + again.fetchCopySeconds) / sync, q: copy / sync, f: (first.fetchOnlySeconds + again.fetchOnlySeconds) / sync,
      qCeiling: copy / (busy / cores), qCeilingProviderApart: copy / ((busy - provider) / cores),
    };
  } finally {
    await client.end();
    await s.close();
  }
}

/** The machine's CPU over a window and each process's share, in core-seconds. */
function cpuText(w: CpuWindow): string {
  const parts = Object.entries(w.used).filter(([, v]) => v >= 0.005).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k === 'self' ? 'API + worker (bench process)' : k} ${v.toFixed(2)}`);
  return `machine ${w.machine.busy.toFixed(2)} in ${w.seconds.toFixed(2)} s (${parts.join(', ')})`;
}

/** Runs `runs` alternating runs; returns the summary line (medians) after logging each run and the spread. */
export async function runIngestBench(infra: BenchInfra, opts: { records: number; runs: number; log: (l: string) => void }): Promise<string> {
  const runs: IngestRun[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const r = await runIngestRun(infra, { records: opts.records, syncFirst: i % 2 === 0, log: opts.log });
    runs.push(r);
    const rate = (p: PassTiming, s: number) => `${Math.round(p.records / s)}/s`;
    for (const [name, p] of [['first sync  ', r.first], ['with updates', r.again]] as const) {
      opts.log(`run ${i + 1} (${r.syncFirst ? 'sync first' : 'baseline first'}) ${name}: ${p.records} records (${p.counts}); sync ${p.syncSeconds.toFixed(2)} s ${rate(p, p.syncSeconds)}, fetch+COPY ${p.fetchCopySeconds.toFixed(2)} s ${rate(p, p.fetchCopySeconds)}, raw COPY ${p.copySeconds.toFixed(2)} s ${rate(p, p.copySeconds)}; fetching alone ${p.fetchOnlySeconds.toFixed(2)} s ${rate(p, p.fetchOnlySeconds)}`);
    }
    for (const [name, p] of [['first sync  ', r.first], ['with updates', r.again]] as const) {
      opts.log(`run ${i + 1} ${name} CPU (core-s): sync ${cpuText(p.syncCpu)}; fetch+COPY ${cpuText(p.fetchCopyCpu)}`);
    }
    opts.log(`run ${i + 1}: sync/fetch+COPY ${pct(r.p)}%, sync/COPY ${pct(r.q)}%, sync/fetching alone ${pct(r.f)}%; the sync's CPU allows sync/COPY ≤ ${pct(r.qCeiling)}% on ${r.first.syncCpu.machine.cores} cores (≤ ${pct(r.qCeilingProviderApart)}% without the emulator's)`);
  }
  const p = runs.map((r) => r.p);
  const q = runs.map((r) => r.q);
  const f = runs.map((r) => r.f);
  const ceiling = runs.map((r) => r.qCeiling);
  const apart = runs.map((r) => r.qCeilingProviderApart);
  opts.log(`spread over ${runs.length} runs: sync/fetch+COPY ${spread(p, pct, '%')}, sync/COPY ${spread(q, pct, '%')} (targets P ≥ 80%, Q ≥ 60%); sync/fetching alone ${spread(f, pct, '%')}; sync/COPY the sync's CPU allows ${spread(ceiling, pct, '%')} (${spread(apart, pct, '%')} without the emulator's)`);
  return `ingest: sync/fetch+COPY ${pct(median(p))}%, sync/COPY ${pct(median(q))}%`;
}
