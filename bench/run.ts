// `npm run bench`: every benchmark, each next to its baseline measured in the same run; figures as ratios.
import { runLimiterBench } from './api-limiter.ts';
import { runBackfillBench } from './backfill.ts';
import { runChangesFeedBench, summarizeFeed } from './changes-feed.ts';
import { runIngestBench, type SyncTiming } from './ingest.ts';
import { startInfra } from './infra.ts';

const log = (l: string) => console.log(`[bench] ${l}`);

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  /** Summary lines printed last, one per benchmark that has one. */
  const finals: string[] = [];
  // The backfill benchmark brings its own infrastructure (and Temporal runtime): start the shared one only when used.
  const infra = want('ingest') || want('changes') || want('limiter') ? await startInfra(log) : undefined;
  try {
    if (want('ingest')) {
      log('ingest: sync of ≥100k emulator records vs plain COPY of the same rows, then the same window with a fifth of the incidents changed…');
      const r = await runIngestBench(infra!);
      const line = (name: string, t: SyncTiming) =>
        log(`  ${name}: ${t.fetched} fetched (${t.added} added, ${t.updated} updated, ${t.unchanged} unchanged) in ${t.seconds.toFixed(2)} s → ${Math.round(t.rate)} records/s = ${((t.rate / r.copyRate) * 100).toFixed(1)}% of COPY`);
      line('first sync  ', r.first);
      line('with updates', r.again);
      log(`  COPY: ${r.copySeconds.toFixed(2)} s → ${Math.round(r.copyRate)} records/s`);
    }
    if (want('changes')) {
      log('changes: a consumer paging 1M changes through GET /v1/changes vs a plain indexed SELECT of the same rows…');
      const r = await runChangesFeedBench(infra!, { log: (l) => log(`  ${l}`) });
      finals.push(summarizeFeed(r));
    }
    if (want('limiter')) {
      log('limiter: GET /v1/connectors/{id} with the API rate limiter on vs off, interleaved rounds…');
      const r = await runLimiterBench(infra!);
      for (const row of r.rows) {
        log(`  ${row.clients} client(s): off ${row.offUs.toFixed(0)} µs, on ${row.onUs.toFixed(0)} µs per request; ratio on/off ${row.ratio.toFixed(2)} (rounds ${row.spread})`);
      }
      log(`  the limiter's statement alone: ${r.hitUs.toFixed(0)} µs per call; a \`select 1\` round trip: ${r.selectOneUs.toFixed(0)} µs`);
    }
  } finally {
    await infra?.stop();
  }
  // The backfill benchmark starts its own PostgreSQL and Temporal.
  if (want('backfill')) {
    log('backfill: 365 one-day chunks (~525k records) through Temporal vs a plain loop over the same client and upsert code…');
    const r = await runBackfillBench({ log: (l) => log(`  ${l}`) });
    log(`backfill: ${r.chunks} chunks, ${r.records} records`);
    log(`  plain loop:        ${(r.plainMs / 1000).toFixed(1)} s`);
    log(`  Temporal backfill: ${(r.temporalMs / 1000).toFixed(1)} s`);
    log(`  overhead ratio Temporal/plain: ${r.ratio.toFixed(2)}× (target ≤ 1.25×)`);
  }
  for (const f of finals) console.log(f);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
