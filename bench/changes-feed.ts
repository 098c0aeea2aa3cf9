// Changes-feed read benchmark: a consumer paging `GET /v1/changes` over HTTP through 1M changes (written in
// 1,000-change batches, like syncs commit them), next to a plain keyset SELECT of the same change rows by their
// primary key over the same PostgreSQL, in the same run; several alternating runs, median and spread.
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { createApp } from '../api/app.ts';
import { loadConfig } from '../config/config.ts';
import { insertConnector } from '../db/connectors.repository.ts';
import { createDb, migrateToLatest } from '../db/db.ts';
import { freePort } from '../dev/net.ts';
import { ensureDatabase } from '../dev/postgres.ts';
import { createCipher } from '../lib/crypto.ts';
import { newId } from '../lib/ids.ts';
import { createLogger } from '../lib/logger.ts';
import { createProviderRegistry } from '../providers/registry.ts';
import { createApiKey } from '../services/workspaces.ts';
import type { BenchInfra } from './infra.ts';
import { Client, Connection } from '@temporalio/client';

export interface FeedRun {
  feedPerSecond: number;
  selectPerSecond: number;
}

export interface FeedResult {
  changes: number;
  pageSize: number;
  runs: FeedRun[];
}

const BATCH = 1000;

export async function runChangesFeedBench(infra: BenchInfra, opts: { changes?: number; runs?: number; pageSize?: number; log?: (l: string) => void } = {}): Promise<FeedResult> {
  const total = opts.changes ?? 1_000_000;
  const pageSize = opts.pageSize ?? 1000;
  const log = opts.log ?? (() => undefined);
  const suffix = randomBytes(4).toString('hex');
  await ensureDatabase(infra.pgAdminUrl, `f_${suffix}`);
  const config = loadConfig({
    DATABASE_URL: infra.pgAdminUrl.replace(/\/postgres$/, `/f_${suffix}`),
    TEMPORAL_ADDRESS: infra.temporalAddress,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
  });
  const db = createDb(config.DATABASE_URL, 4);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const port = await freePort();
  try {
    await migrateToLatest(db);
    const { key, workspaceId } = await createApiKey(db, 'bench-feed');
    const connectorId = newId('con');
    await insertConnector(db, { id: connectorId, workspace_id: workspaceId, type: 'pagerduty', name: 'feed', status: 'connected' });

    // 1M records and one change each, in batches of 1,000 with their feed positions — what syncs would have written.
    const t0 = performance.now();
    await sql`
      insert into records (connector_id, kind, external_id, occurred_at, title, url, raw)
      select ${connectorId}, 'incident', 'P' || g, now() - make_interval(secs => g), '[#' || g || '] Checkout p99 above 800ms',
             'https://demo.pagerduty.com/incidents/P' || g,
             jsonb_build_object('id', 'P' || g, 'type', 'incident', 'incident_number', g, 'status', 'resolved', 'urgency', 'high',
               'title', 'Checkout p99 above 800ms', 'created_at', now() - make_interval(secs => g), 'service', jsonb_build_object('id', 'PSVC001', 'summary', 'Checkout API'),
               'escalation_policy', jsonb_build_object('id', 'PEP0001', 'summary', 'Primary'), 'html_url', 'https://demo.pagerduty.com/incidents/P' || g)
      from generate_series(1, ${total}) g`.execute(db);
    await sql`
      insert into change_batches (id, workspace_id, seq, connector_id, source_type, source_id, changes)
      select b, ${workspaceId}, b, ${connectorId}, 'sync_run', 'run_bench', ${BATCH} from generate_series(1, ${Math.ceil(total / BATCH)}) b`.execute(db);
    await sql`
      insert into record_changes (batch_id, ordinal, record_id, kind, external_id, action, version, changed_at, occurred_at, title, url, raw, deleted_at)
      select (r.id - 1) / ${BATCH} + 1, (r.id - 1) % ${BATCH} + 1, r.id, r.kind, r.external_id, 'added', 1, now(), r.occurred_at, r.title, r.url, r.raw, null
      from records r where r.connector_id = ${connectorId}`.execute(db);
    await sql`insert into change_counters (workspace_id, last_seq) values (${workspaceId}, ${Math.ceil(total / BATCH)})`.execute(db);
    await sql`analyze`.execute(db);
    log(`wrote ${total} changes in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const app = createApp({ config, db, temporal: new Client({ connection }), providers: createProviderRegistry(config), cipher: createCipher(config.encryptionKeys), logger: createLogger({ level: 'warn' }) });
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
    try {
      /** A consumer following `next_cursor` to the end, over HTTP. */
      const consume = async (): Promise<number> => {
        let cursor = '';
        let n = 0;
        for (;;) {
          const res = await fetch(`http://127.0.0.1:${port}/v1/changes?limit=${pageSize}${cursor ? `&after=${cursor}` : ''}`, { headers: { authorization: `Bearer ${key}` } });
          const body = (await res.json()) as { data: unknown[]; next_cursor: string; has_more: boolean };
          n += body.data.length;
          cursor = body.next_cursor;
          if (!body.has_more) return n;
        }
      };
      /** The same rows, paged by primary key with a plain indexed SELECT. */
      const select = async (): Promise<number> => {
        let after = { b: 0, o: 0 };
        let n = 0;
        for (;;) {
          const rows = await db
            .selectFrom('record_changes')
            .select(['batch_id', 'ordinal', 'record_id', 'kind', 'external_id', 'action', 'version', 'changed_at', 'occurred_at', 'title', 'url', 'raw', 'deleted_at'])
            .where((eb) => eb(eb.refTuple('batch_id', 'ordinal'), '>', eb.tuple(after.b, after.o)))
            .orderBy('batch_id')
            .orderBy('ordinal')
            .limit(pageSize)
            .execute();
          n += rows.length;
          if (rows.length < pageSize) return n;
          const last = rows[rows.length - 1]!;
          after = { b: last.batch_id, o: last.ordinal };
        }
      };
      const timed = async (fn: () => Promise<number>) => {
        const t = performance.now();
        const n = await fn();
        if (n !== total) throw new Error(`read ${n} of ${total}`);
        return n / ((performance.now() - t) / 1000);
      };
      await select(); // warm the cache once, so neither side pays for the first read from disk
      const runs: FeedRun[] = [];
      for (let i = 0; i < (opts.runs ?? 3); i++) {
        const feedPerSecond = await timed(consume);
        const selectPerSecond = await timed(select);
        runs.push({ feedPerSecond, selectPerSecond });
        log(`run ${i + 1}: feed ${Math.round(feedPerSecond)} changes/s, plain SELECT ${Math.round(selectPerSecond)} rows/s`);
      }
      return { changes: total, pageSize, runs };
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  } finally {
    await connection.close();
    await db.destroy();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One line: medians with their range, and the feed's share of the plain SELECT's rate. */
export function summarizeFeed(r: FeedResult): string {
  const feed = r.runs.map((x) => x.feedPerSecond);
  const plain = r.runs.map((x) => x.selectPerSecond);
  const ratios = r.runs.map((x) => x.feedPerSecond / x.selectPerSecond);
  const k = (v: number) => `${Math.round(v / 1000)}k`;
  return `changes-feed: ${r.changes} changes, pages of ${r.pageSize}, ${r.runs.length} runs — consumer over HTTP ${k(median(feed))}/s (${k(Math.min(...feed))}–${k(Math.max(...feed))}) vs plain indexed SELECT ${k(median(plain))}/s (${k(Math.min(...plain))}–${k(Math.max(...plain))}): ${(median(ratios) * 100).toFixed(0)}% (${(Math.min(...ratios) * 100).toFixed(0)}–${(Math.max(...ratios) * 100).toFixed(0)}%)`;
}
