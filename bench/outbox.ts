// Outbox benchmark: N sync events (`sync_run.succeeded`, the payload a sync emits) committed at once, relayed by a
// worker's outbox relay to a local webhook receiver subscribed to everything; events per second from the commit to
// the receiver holding every event's webhook-id, signatures verified on a sample. Fresh database per run.
import http from 'node:http';
import { sql } from 'kysely';
import { verify } from '../lib/webhook-signing.ts';
import { createOrchestrator } from '../services/orchestrator.ts';
import { createOutboxRelay } from '../services/outbox.ts';
import { startBenchStack, waitUntil, type BenchInfra } from './infra.ts';
import { median, round, spread } from './stats.ts';

async function receiver(): Promise<{ url: string; ids: Set<string>; bodies: Array<{ headers: http.IncomingHttpHeaders; body: string }>; close(): Promise<void> }> {
  const ids = new Set<string>();
  const bodies: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      ids.add(String(req.headers['webhook-id']));
      if (bodies.length < 20) bodies.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/hooks`, ids, bodies, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

async function oneRun(infra: BenchInfra, events: number, log: (l: string) => void): Promise<number> {
  const s = await startBenchStack(infra, { volume: 1, emulatorInProcess: true, env: { WEBHOOK_ALLOW_PRIVATE: 'true', OUTBOX_POLL_MS: '100' } });
  const rx = await receiver();
  const relay = createOutboxRelay({ db: s.db, orchestrator: createOrchestrator({ client: s.temporal, config: s.config }), cipher: s.cipher, config: s.config, onError: (e) => log(`relay: ${(e as Error).message}`) });
  try {
    const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'bench' });
    const hook = await s.api('POST', '/v1/webhooks', { url: rx.url, events: ['*'] });
    if (hook.status !== 201) throw new Error(`webhook endpoint: ${hook.status} ${JSON.stringify(hook.body)}`);
    relay.start();
    await waitUntil(async () => (rx.ids.size >= 1 ? true : undefined), 60_000); // the ping
    const before = rx.ids.size;
    // N events as N sync runs would commit them.
    const t0 = performance.now();
    await sql`
      insert into events (id, workspace_id, type, connector_id, payload)
      select 'evt_bench' || lpad(g::text, 8, '0'), ${c.body.workspace_id}, 'sync_run.succeeded', ${c.body.id},
        jsonb_build_object('connector', jsonb_build_object('id', ${c.body.id}, 'type', 'pagerduty', 'name', 'bench'),
          'sync_run', jsonb_build_object('id', 'run_' || g, 'trigger', 'schedule', 'records_fetched', 412, 'records_added', 3, 'records_updated', 7,
            'records_unchanged', 402, 'records_deleted', 0, 'pages', 5, 'window', jsonb_build_object('start', now() - interval '5 minutes', 'end', now()), 'changes', null, 'error', null))
      from generate_series(1, ${events}) g`.execute(s.db);
    await waitUntil(async () => (rx.ids.size >= before + events ? true : undefined), 30 * 60_000);
    const seconds = (performance.now() - t0) / 1000;
    const sample = rx.bodies[rx.bodies.length - 1]!;
    const secret = hook.body.secret as string;
    if (!verify(secret, { id: String(sample.headers['webhook-id']), timestamp: String(sample.headers['webhook-timestamp']), signature: String(sample.headers['webhook-signature']) }, sample.body)) throw new Error('a delivery\'s signature did not verify');
    const started = await s.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('workflow_started', '=', true).executeTakeFirstOrThrow();
    log(`${events} events delivered in ${seconds.toFixed(1)} s → ${Math.round(events / seconds)} events/s (${Number(started.n)} delivery workflows started)`);
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
