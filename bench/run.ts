// `npm run bench [-- <name>… --runs 3 …]`: every benchmark, each next to its baseline measured in the same run, several
// runs, figures as ratios with their spread. Each benchmark's summary is one line, printed together at the end.
//
//   scale     N connectors onboarded through the API (--lanes calls at once) on 5-minute schedules, observed for 3 ticks (≥ 15 min at the
//             defaults; --connectors, --ticks, --volume make it shorter for development, --interval-minutes ≥ 5; --worker-process
//             runs the worker as `tributary worker` in its own process, as deployed; --io-process runs only the I/O
//             queue's activities in one, WORKER_QUEUES=io)
//   api       read endpoints under load vs a bare Hono app doing the same key lookup and row read
//   ingest    a sync vs a plain fetch+COPY script and raw COPY (--records)
//   backfill  a Temporal backfill vs a plain loop with the same prefetch (--days)
//   outbox    events delivered to a local receiver per second (--events)
//   changes   the changes feed over HTTP vs a plain indexed SELECT (not in the default set: --changes)
//   limiter   the API rate limiter's cost per request (not in the default set)
import { runApiBench } from './api.ts';
import { runLimiterBench } from './api-limiter.ts';
import { runBackfillBench } from './backfill.ts';
import { runChangesFeedBench, summarizeFeed } from './changes-feed.ts';
import { runIngestBench } from './ingest.ts';
import { startInfra, type BenchInfra } from './infra.ts';
import { runOutboxBench } from './outbox.ts';
import { runScaleBench } from './scale.ts';
import { numberOption } from './stats.ts';

const DEFAULT_SET = ['api', 'ingest', 'backfill', 'outbox', 'scale'];
const ALL = [...DEFAULT_SET, 'changes', 'limiter'];

const log = (l: string) => console.log(`[bench] ${l}`);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const names = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1]!.startsWith('--')));
  const unknown = names.filter((n) => !ALL.includes(n));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${ALL.join(', ')}`);
  const want = (name: string) => (names.length ? names.includes(name) : DEFAULT_SET.includes(name));
  const runs = numberOption(argv, 'runs', 3);
  /** Summary lines printed last, one per benchmark. */
  const finals: string[] = [];
  const section = (name: string, what: string) => log(`${name}: ${what}`);
  const sub = (l: string) => log(`  ${l}`);

  // Benchmarks that share one PostgreSQL and Temporal dev server; scale and backfill bring their own.
  let infra: BenchInfra | undefined;
  const shared = async () => (infra ??= await startInfra(log));
  try {
    if (want('api')) {
      section('api', `GET /v1/connectors/{id} and GET /v1/connectors?limit=50 under load vs a bare Hono app with the same key lookup, row read and pool; ${runs} runs…`);
      finals.push(await runApiBench(await shared(), { runs, seconds: numberOption(argv, 'seconds', 8), log: sub }));
    }
    if (want('ingest')) {
      section('ingest', `a sync of ~100k emulator records and the same window with updates vs plain fetch+COPY and raw COPY; ${runs} runs…`);
      finals.push(await runIngestBench(await shared(), { records: numberOption(argv, 'records', 100_000), runs, log: sub }));
    }
    if (want('outbox')) {
      section('outbox', `sync events relayed to a local webhook receiver; ${runs} runs…`);
      finals.push(await runOutboxBench(await shared(), { events: numberOption(argv, 'events', 20_000), runs, log: sub }));
    }
    if (want('changes')) {
      section('changes', 'a consumer paging changes through GET /v1/changes vs a plain indexed SELECT of the same rows…');
      finals.push(summarizeFeed(await runChangesFeedBench(await shared(), { changes: numberOption(argv, 'changes', 1_000_000), runs, log: sub })));
    }
    if (want('limiter')) {
      section('limiter', 'GET /v1/connectors/{id} with the API rate limiter on vs off, interleaved rounds…');
      const r = await runLimiterBench(await shared());
      for (const row of r.rows) sub(`${row.clients} client(s): off ${row.offUs.toFixed(0)} µs, on ${row.onUs.toFixed(0)} µs per request; ratio on/off ${row.ratio.toFixed(2)} (rounds ${row.spread})`);
      sub(`the limiter's statement alone: ${r.hitUs.toFixed(0)} µs per call; a \`select 1\` round trip: ${r.selectOneUs.toFixed(0)} µs`);
    }
  } finally {
    await infra?.stop();
  }
  if (want('backfill')) {
    section('backfill', `365 one-day chunks (~525k records) through Temporal vs a plain loop with the same client, prefetch and writes; ${runs} runs, order alternated…`);
    finals.push(await runBackfillBench({ runs, days: numberOption(argv, 'days', 365), log: sub }));
  }
  if (want('scale')) {
    const connectors = numberOption(argv, 'connectors', 2000);
    const ticks = numberOption(argv, 'ticks', 3);
    const interval = numberOption(argv, 'interval-minutes', 5);
    section('scale', `${connectors} connectors onboarded through the API on ${interval}-minute schedules, observed for ${ticks} ticks; ${runs} runs — about ${runs * Math.ceil(ticks * interval + 2 + connectors / 400)} minutes…`);
    finals.push(await runScaleBench({ connectors, ticks, intervalMinutes: interval, volume: numberOption(argv, 'volume', 2), lanes: numberOption(argv, 'lanes', 4), workerProcess: argv.includes('--worker-process'), ioProcess: argv.includes('--io-process'), runs, log: sub }));
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
