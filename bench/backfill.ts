// Backfill benchmark: ≥ 365 one-day chunks and ≥ 500k records, (a) as a plain loop over the provider client with
// the same prefetch and the same writes without Temporal, and (b) as a real backfill through the API, Temporal and
// a worker — into emptied tables before each side, order alternated, several runs. Reports the ratio (b)/(a).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createApp } from '../api/app.ts';
import { loadConfig } from '../config/config.ts';
import { createDb, migrateToLatest, type Db } from '../db/db.ts';
import { startEmulator } from '../dev/emulator/app.ts';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { freePort } from '../dev/net.ts';
import { ensureDatabase, startEmbeddedPostgres } from '../dev/postgres.ts';
import { startDevTemporal } from '../dev/temporal-server.ts';
import { createCipher, type Cipher } from '../lib/crypto.ts';
import { newId } from '../lib/ids.ts';
import { createLogger } from '../lib/logger.ts';
import { createProviderRegistry } from '../providers/registry.ts';
import { splitWindow, type ChunkWindow } from '../services/backfill-plan.ts';
import { openChangeBatch } from '../services/records.ts';
import { BACKFILL_FETCH_AHEAD } from '../activities/backfill.ts';
import { prefetchPages } from './plain-pages.ts';
import { fixed, median, spread } from './stats.ts';
import { sql } from 'kysely';
import { createApiKey } from '../services/workspaces.ts';
import { createWorker } from '../worker/worker.ts';
import { insertConnector } from '../db/connectors.repository.ts';
import { secretSlots } from '../db/secret-columns.ts';

export interface BackfillBenchOptions {
  /** Emulator records per hour per kind (PagerDuty has two kinds). 30 → ~525k records over 365 days. */
  volume?: number;
  days?: number;
  concurrency?: number;
  runs?: number;
  log?: (line: string) => void;
}

async function connectedConnector(db: Db, cipher: Cipher, workspaceId: string, name: string): Promise<string> {
  const id = newId('con');
  await insertConnector(db, { id, workspace_id: workspaceId, type: 'pagerduty', name, status: 'connected', status_reason: 'credentials_verified', credentials_enc: cipher.encryptJson({ api_key: DEMO_KEYS.pagerduty }, secretSlots.credentials(id)) });
  return id;
}

async function countRecords(db: Db, connectorId: string): Promise<number> {
  const r = await db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n')).where('connector_id', '=', connectorId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Runs the two sides `runs` times (order alternated, tables reset before each); returns the summary line. */
export async function runBackfillBench(opts: BackfillBenchOptions = {}): Promise<string> {
  const log = opts.log ?? ((l: string) => console.log(`[bench:backfill] ${l}`));
  // 15 incidents an hour, each with three log entries (trigger, acknowledge, resolve): ~525k records a year.
  const volume = opts.volume ?? 15;
  const days = opts.days ?? 365;
  const concurrency = opts.concurrency ?? 2;
  const runs = opts.runs ?? 3;
  const work = mkdtempSync(path.join(tmpdir(), 'tributary-bench-'));
  const stops: Array<() => Promise<unknown>> = [];
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const pgPort = await freePort();
    const [pg, temporal, emulator] = await Promise.all([
      startEmbeddedPostgres({ dir: path.join(work, 'pg'), port: pgPort, password: 'bench', persistent: false }),
      freePort().then((port) => startDevTemporal({ port, headless: true })),
      startEmulator({ volume, seed: 11 }),
    ]);
    stops.push(() => pg.stop(), () => temporal.stop(), () => emulator.close());
    await ensureDatabase(pg.url('postgres'), 'bench');
    const config = loadConfig({
      TRIBUTARY_ENV: 'test',
      DATABASE_URL: pg.url('bench'),
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: 'bench-backfill',
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      EMULATOR_URL: emulator.url,
      LOG_LEVEL: 'warn',
      BACKFILL_CONCURRENCY: String(concurrency),
      // Settings passed through to compare in one session (`WORKER_IO_CPU_TARGET=0 npm run bench -- backfill`; an
      // activity per chunk, as before revision 5: `BACKFILL_CHUNKS_PER_ACTIVITY=1`).
      ...Object.fromEntries(['WORKER_IO_CPU_TARGET', 'BACKFILL_CHUNKS_PER_ACTIVITY'].flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : []))),
    });
    const db = createDb(config.DATABASE_URL, config.DATABASE_POOL_MAX);
    stops.unshift(() => db.destroy());
    await migrateToLatest(db);
    const cipher = createCipher(config.encryptionKeys);
    const providers = createProviderRegistry(config);
    const { key, workspaceId } = await createApiKey(db, 'bench');

    // The window: `days` chunks, the first half a day short, so the start stays inside the provider's history
    // limit for the whole run (the plain loop runs first and takes a while).
    const end = Math.floor(Date.now() / 60_000) * 60_000;
    const start = end - days * 86_400_000 + 43_200_000;
    const chunks = splitWindow(new Date(start), new Date(end), 86_400);
    // Incidents created in the window, and their log entries (creation, acknowledgement, resolution).
    const expected = emulator.state.data.count('pagerduty', 'incident', start, end) + emulator.state.data.events('pagerduty', 'incident', start, end).length;
    log(`${chunks.length} one-day chunks, ${expected} records, concurrency ${concurrency}`);

    // Both sides start from empty tables (so neither writes into the other's rows) and alternate which goes first.
    const reset = () => sql`truncate records, change_batches, record_changes, change_counters`.execute(db);

    // (a) The plain loop: the same client, pages, prefetch (one page, as the chunk activity) and write (upsert with
    // versions and change rows, then the feed position), the same concurrency; no Temporal, no progress bookkeeping.
    const pd = providers.get('pagerduty')!;
    const plain = async (): Promise<{ ms: number; count: number }> => {
      await reset();
      const plainId = await connectedConnector(db, cipher, workspaceId, 'bench plain');
      const queue: ChunkWindow[] = [...chunks];
      const t0 = performance.now();
      await Promise.all(Array.from({ length: concurrency }, async () => {
        for (let ch = queue.shift(); ch; ch = queue.shift()) {
          const window = { start: ch.start.toISOString(), end: ch.end.toISOString() };
          for await (const page of prefetchPages(pd, { api_key: DEMO_KEYS.pagerduty! }, { window, selection: 'created', pageSize: config.BACKFILL_PAGE_SIZE, ahead: BACKFILL_FETCH_AHEAD })) {
            await db.transaction().execute(async (tx) => {
              const changes = openChangeBatch({ workspaceId, connectorId: plainId, source: { type: 'backfill', id: 'bench-plain' } });
              await changes.upsert(tx, page.records);
              await changes.commit(tx);
            });
          }
        }
      }));
      return { ms: performance.now() - t0, count: await countRecords(db, plainId) };
    };

    // (b) The real backfill: API → Temporal workflow → worker activities, per-page progress commits.
    const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const nativeConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    stops.unshift(() => connection.close(), () => nativeConnection.close());
    const worker = await createWorker({ config, db, providers, cipher, connection: nativeConnection, client });
    const running = worker.run();
    stops.unshift(async () => {
      worker.shutdown();
      await running;
    });
    const app = createApp({ config, db, temporal: client, providers, cipher, logger: createLogger({ level: 'warn', name: 'bench' }) });
    const viaTemporal = async (): Promise<{ ms: number; count: number }> => {
      await reset();
      const bfConnector = await connectedConnector(db, cipher, workspaceId, 'bench backfill');
      const t1 = performance.now();
      const res = await app.request(`/v1/connectors/${bfConnector}/backfills`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ start: new Date(start).toISOString(), end: new Date(end).toISOString(), chunk: 'P1D' }),
      });
      if (res.status !== 202) throw new Error(`backfill not accepted: ${res.status} ${await res.text()}`);
      const { backfill_id: backfillId } = (await res.json()) as { backfill_id: string };
      let status = 'queued';
      while (status === 'queued' || status === 'running') {
        await new Promise((r) => setTimeout(r, 50));
        status = (await db.selectFrom('backfills').select('status').where('id', '=', backfillId).executeTakeFirstOrThrow()).status;
      }
      const ms = performance.now() - t1;
      if (status !== 'succeeded') throw new Error(`backfill ${status}`);
      return { ms, count: await countRecords(db, bfConnector) };
    };

    const ratios: number[] = [];
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? [plain, viaTemporal] : [viaTemporal, plain];
      const [first, second] = [await order[0]!(), await order[1]!()];
      const [a, b] = i % 2 === 0 ? [first, second] : [second, first];
      if (a.count !== expected || b.count !== expected) throw new Error(`bench mismatch: plain ${a.count}, backfill ${b.count} records, expected ${expected}`);
      ratios.push(b.ms / a.ms);
      log(`run ${i + 1} (${i % 2 === 0 ? 'plain first' : 'Temporal first'}): plain loop ${(a.ms / 1000).toFixed(1)} s, Temporal backfill ${(b.ms / 1000).toFixed(1)} s → ${(b.ms / a.ms).toFixed(2)}×`);
    }
    log(`spread over ${runs} runs: Temporal/plain ${spread(ratios, fixed(2), '×')} (target ≤ 1.15×)`);
    return `backfill: Temporal/plain ${median(ratios).toFixed(2)}×`;
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}
