// `npm run bench`: every benchmark, each next to its baseline measured in the same run; figures as ratios.
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
