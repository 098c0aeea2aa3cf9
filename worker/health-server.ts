// The worker's own HTTP port: /metrics (Tributary's series and the Temporal SDK's, one scrape), /healthz (the
// process is up) and /readyz (its Temporal pollers are polling, the Temporal frontend and PostgreSQL answer).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from '@temporalio/worker';
import { sql } from 'kysely';
import type { Db } from '../db/db.ts';
import { metricsAuthorized, workerRegistry } from '../lib/metrics.ts';
import { refreshDbGauges } from '../services/gauges.ts';

export interface HealthServerOptions {
  host: string;
  port: number;
  db: Db;
  worker: Pick<Worker, 'getStatus'>;
  /** Reaches the Temporal frontend (a poller can look healthy for a while after the server went away). */
  pingTemporal: () => Promise<void>;
  /** Where the Temporal SDK serves its Prometheus text (`host:port`); appended to /metrics. */
  temporalMetricsAddress?: string;
  metricsToken?: string;
  onError?: (err: unknown) => void;
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export async function readiness(opts: Pick<HealthServerOptions, 'db' | 'worker' | 'pingTemporal'>): Promise<{ ok: boolean; checks: Record<string, { ok: boolean; error?: string }> }> {
  const check = (p: Promise<unknown>) => withTimeout(p, 3000).then(() => ({ ok: true }), (err: Error) => ({ ok: false, error: err.message }));
  const s = opts.worker.getStatus();
  const polling = s.runState === 'RUNNING' && s.workflowPollerState === 'POLLING' && s.activityPollerState === 'POLLING';
  const [reachable, postgres] = await Promise.all([check(opts.pingTemporal()), check(sql`select 1`.execute(opts.db))]);
  const temporal = !polling
    ? { ok: false, error: `worker ${s.runState.toLowerCase()}, workflow poller ${s.workflowPollerState.toLowerCase()}, activity poller ${s.activityPollerState.toLowerCase()}` }
    : reachable;
  return { ok: temporal.ok && postgres.ok, checks: { temporal, postgres } };
}

export async function metricsText(opts: Pick<HealthServerOptions, 'db' | 'temporalMetricsAddress' | 'onError'>): Promise<string> {
  await withTimeout(refreshDbGauges(opts.db), 3000).catch((err) => opts.onError?.(err));
  let text = await workerRegistry.metrics();
  if (opts.temporalMetricsAddress) {
    const sdk = await withTimeout(fetch(`http://${opts.temporalMetricsAddress}/metrics`).then((r) => r.text()), 3000).catch((err) => {
      opts.onError?.(err);
      return '';
    });
    text += `\n${sdk}`;
  }
  return text;
}

export async function startHealthServer(opts: HealthServerOptions): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const send = (status: number, body: string, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') return send(405, JSON.stringify({ error: { code: 'method_not_allowed', message: 'GET only', details: [] } }));
    if (path === '/healthz') return send(200, JSON.stringify({ status: 'ok' }));
    if (path === '/readyz') {
      return void readiness(opts).then((r) => send(r.ok ? 200 : 503, JSON.stringify({ status: r.ok ? 'ok' : 'unavailable', checks: r.checks })));
    }
    if (path === '/metrics') {
      if (!metricsAuthorized(opts.metricsToken, req.headers.authorization)) return send(401, JSON.stringify({ error: { code: 'unauthorized', message: 'metrics need the METRICS_TOKEN bearer token', details: [] } }));
      return void metricsText(opts).then((t) => send(200, t, workerRegistry.contentType), (err: Error) => send(500, err.message, 'text/plain'));
    }
    send(404, JSON.stringify({ error: { code: 'not_found', message: `no route for GET ${path}`, details: [] } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
