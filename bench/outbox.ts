// Outbox benchmark: N sync events (`sync_run.succeeded`, the payload a sync emits) committed at once, relayed by a
// worker's outbox relay to a local webhook receiver subscribed to everything; events per second from the commit to
// the receiver (its own process) holding every event's webhook-id, a signature verified. Fresh database per run.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { ROOT } from '../dev/state.ts';
import { verify } from '../lib/webhook-signing.ts';
import { createOrchestrator } from '../services/orchestrator.ts';
import { createOutboxRelay } from '../services/outbox.ts';
import { postWebhook } from '../services/webhook-post.ts';
import { startBenchStack, waitUntil, type BenchInfra } from './infra.ts';
import { median, round, spread } from './stats.ts';

/** The receiver process (bench/outbox-receiver.ts) and how to ask it what it holds. */
async function receiver(): Promise<{ url: string; count(): Promise<number>; sample(): Promise<{ headers: Record<string, string>; body: string }>; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/outbox-receiver.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      const m = /listening (\d+)/.exec(String(d));
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`receiver exited ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const get = async (p: string) => (await fetch(`${base}${p}`)).json();
  return {
    url: `${base}/hooks`,
    count: async () => ((await get('/count')) as { count: number }).count,
    sample: async () => (await get('/sample')) as { headers: Record<string, string>; body: string },
    close: () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM')))),
  };
}

async function oneRun(infra: BenchInfra, events: number, log: (l: string) => void): Promise<number> {
  const s = await startBenchStack(infra, { volume: 1, emulatorInProcess: true, env: { WEBHOOK_ALLOW_PRIVATE: 'true', OUTBOX_POLL_MS: '100', WEBHOOK_RELAY_FIRST_ATTEMPT: 'true' /* the relay's fast path; opt-in */ } });
  const rx = await receiver();
  const relay = createOutboxRelay({ db: s.db, orchestrator: createOrchestrator({ client: s.temporal, config: s.config }), cipher: s.cipher, config: s.config, onError: (e) => log(`relay: ${(e as Error).message}`) });
  try {
    const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'bench' });
    const hook = await s.api('POST', '/v1/webhooks', { url: rx.url, events: ['*'] });
    if (hook.status !== 201) throw new Error(`webhook endpoint: ${hook.status} ${JSON.stringify(hook.body)}`);
    relay.start();
    await waitUntil(async () => ((await rx.count()) >= 1 ? true : undefined), 60_000); // the ping
    const before = await rx.count();
    // N events as N sync runs would commit them.
    const t0 = performance.now();
    await sql`
      insert into events (id, workspace_id, type, connector_id, payload)
      select 'evt_bench' || lpad(g::text, 8, '0'), ${c.body.workspace_id}::text, 'sync_run.succeeded', ${c.body.id}::text,
        jsonb_build_object('connector', jsonb_build_object('id', ${c.body.id}::text, 'type', 'pagerduty', 'name', 'bench'),
          'sync_run', jsonb_build_object('id', 'run_' || g, 'trigger', 'schedule', 'records_fetched', 412, 'records_added', 3, 'records_updated', 7,
            'records_unchanged', 402, 'records_deleted', 0, 'pages', 5, 'window', jsonb_build_object('start', now() - interval '5 minutes', 'end', now()), 'changes', null, 'error', null))
      from generate_series(1, ${events}) g`.execute(s.db);
    await waitUntil(async () => ((await rx.count()) >= before + events ? true : undefined), 30 * 60_000);
    const seconds = (performance.now() - t0) / 1000;
    const sample = await rx.sample();
    const secret = hook.body.secret as string;
    if (!verify(secret, { id: String(sample.headers['webhook-id']), timestamp: String(sample.headers['webhook-timestamp']), signature: String(sample.headers['webhook-signature']) }, sample.body)) throw new Error('a delivery\'s signature did not verify');
    const started = await s.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('workflow_started', '=', true).executeTakeFirstOrThrow();
    // The ceiling on this machine now: the same signed POSTs to the same receiver, as many at once, no database.
    const bareN = Math.min(events, 5000);
    const body = sample.body;
    const t1 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: s.config.WEBHOOK_RELAY_CONCURRENCY }, async () => {
      while (next < bareN) await postWebhook(rx.url, secret, `evt_bare${next++}`, body, { allowPrivate: true, attemptTimeoutMs: 10_000 });
    }));
    const bare = bareN / ((performance.now() - t1) / 1000);
    log(`${events} events delivered in ${seconds.toFixed(1)} s → ${Math.round(events / seconds)} events/s (${Number(started.n)} delivery workflows started); bare signed POST loop ${Math.round(bare)}/s (relay at ${Math.round((100 * events) / seconds / bare)}%)`);
    return events / seconds;
  } finally {
    await relay.stop();
    await rx.close();
    await s.close();
  }
}

export async function runOutboxBench(infra: BenchInfra, opts: { events: number; runs: number; log: (l: string) => void }): Promise<string> {
  const rates: number[] = [];
  for (let i = 0; i < opts.runs; i++) rates.push(await oneRun(infra, opts.events, (l) => opts.log(`run ${i + 1}: ${l}`)));
  opts.log(`spread over ${rates.length} runs: ${spread(rates, round)} events/s (target ≥ 1,000/s)`);
  return `outbox: ${Math.round(median(rates))} events/s delivered to a local receiver`;
}
