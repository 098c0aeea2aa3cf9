// `npm run bench`: every benchmark, each next to its baseline measured in the same run; figures as ratios.
import { runLimiterBench } from './api-limiter.ts';
import { runBackfillBench } from './backfill.ts';
import { runIngestBench } from './ingest.ts';
import { startInfra } from './infra.ts';

const log = (l: string) => console.log(`[bench] ${l}`);

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  const infra = await startInfra(log);
  try {
    if (want('ingest')) {
      log('ingest: sync of ≥100k emulator records vs plain COPY of the same rows…');
      const r = await runIngestBench(infra);
      log(`ingest: ${r.records} records`);
      log(`  sync:  ${r.syncSeconds.toFixed(2)} s  → ${Math.round(r.syncRate)} records/s`);
      log(`  COPY:  ${r.copySeconds.toFixed(2)} s  → ${Math.round(r.copyRate)} records/s`);
      log(`  ratio sync/COPY: ${(r.ratio * 100).toFixed(1)}% (target ≥ 50%)`);
    }
    if (want('limiter')) {
      log('limiter: GET /v1/connectors/{id} with the API rate limiter on vs off, interleaved rounds…');
      const r = await runLimiterBench(infra);
      for (const row of r.rows) {
        log(`  ${row.clients} client(s): off ${row.offUs.toFixed(0)} µs, on ${row.onUs.toFixed(0)} µs per request; ratio on/off ${row.ratio.toFixed(2)} (rounds ${row.spread})`);
      }
      log(`  the limiter's statement alone: ${r.hitUs.toFixed(0)} µs per call; a \`select 1\` round trip: ${r.selectOneUs.toFixed(0)} µs`);
    }
  } finally {
    await infra.stop();
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
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
