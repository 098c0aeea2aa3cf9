// API benchmark: the read endpoints of `tributary api` (its own process, production code path, rate limiter counting
// with limits too high to refuse, logs at info to /dev/null) next to a bare Hono app doing the same key lookup and row
// read with a pool of the same size (bench/api-server.ts), in the same run, order alternated. Closed loop with 32
// keep-alive connections for the maximum rate; then an open loop offering 500 requests/s of the list, latency
// measured from each request's intended send time (no coordinated omission).
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadConfig } from '../config/config.ts';
import { insertConnector } from '../db/connectors.repository.ts';
import { createDb, migrateToLatest } from '../db/db.ts';
import { freePort } from '../dev/net.ts';
import { ensureDatabase } from '../dev/postgres.ts';
import { ROOT } from '../dev/state.ts';
import { newId } from '../lib/ids.ts';
import { createApiKey } from '../services/workspaces.ts';
import type { BenchInfra } from './infra.ts';
import { childProfileArgs } from './profile.ts';
import { fixed, median, pct, percentile, round, sleep, spread } from './stats.ts';

const CONNECTIONS = 32;
const OFFERED_RPS = 500;
const POOL = 10;

interface Target {
  port: number;
  key: string;
}

function request(agent: http.Agent, t: Target, p: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: t.port, path: p, agent, headers: { authorization: `Bearer ${t.key}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Requests per second with `CONNECTIONS` clients each sending its next request when the last one answered. */
async function closedLoop(t: Target, p: string, seconds: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let done = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < until) {
      const status = await request(agent, t, p);
      if (status !== 200) throw new Error(`GET ${p} answered ${status}`);
      done++;
    }
  }));
  agent.destroy();
  return done / seconds;
}

/** Latencies (ms) of requests sent at a fixed rate, each measured from when it was due. */
async function openLoop(t: Target, p: string, rps: number, seconds: number): Promise<{ p99: number; p50: number; sent: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const inflight: Promise<void>[] = [];
  const t0 = performance.now();
  const total = Math.round(rps * seconds);
  for (let k = 0; k < total; ) {
    const now = performance.now();
    for (; k < total && t0 + (k * 1000) / rps <= now; k++) {
      const due = t0 + (k * 1000) / rps;
      inflight.push(request(agent, t, p).then((status) => {
        if (status !== 200) throw new Error(`GET ${p} answered ${status}`);
        latencies.push(performance.now() - due);
      }));
    }
    await sleep(1);
  }
  await Promise.all(inflight);
  agent.destroy();
  return { p99: percentile(latencies, 99), p50: percentile(latencies, 50), sent: total };
}

async function startServer(mode: 'real' | 'bare', env: Record<string, string>): Promise<{ port: number; stop(): Promise<void> }> {
  const port = await freePort();
  // BENCH_PROFILE=<dir>: a V8 CPU profile of each server process (`<dir>/real`, `<dir>/bare`), to find where a request's time goes.
  const child: ChildProcess = spawn(process.execPath, [...childProfileArgs(mode), '--import', 'tsx', path.join(ROOT, 'bench/api-server.ts'), mode], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${mode} API server exited ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${mode} API server did not start`);
    await sleep(200);
  }
  return { port, stop: () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM')))) };
}

export async function runApiBench(infra: BenchInfra, opts: { runs: number; seconds: number; log: (l: string) => void }): Promise<string> {
  const suffix = randomBytes(4).toString('hex');
  await ensureDatabase(infra.pgAdminUrl, `a_${suffix}`);
  const env: Record<string, string> = {
    DATABASE_URL: infra.pgAdminUrl.replace(/\/postgres$/, `/a_${suffix}`),
    DATABASE_POOL_MAX: String(POOL),
    TEMPORAL_ADDRESS: infra.temporalAddress,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'info',
    // Counting on every request, never refusing: the cost measured is the limiter's, not its 429s.
    API_RATE_LIMIT_PER_KEY: '1000000000',
    API_RATE_LIMIT_PER_WORKSPACE: '1000000000',
  };
  const config = loadConfig(env);
  const db = createDb(config.DATABASE_URL, 2);
  let key: string;
  let one: string;
  try {
    await migrateToLatest(db);
    const created = await createApiKey(db, 'bench-api');
    key = created.key;
    for (let i = 0; i < 200; i++) {
      const id = newId('con');
      await insertConnector(db, { id, workspace_id: created.workspaceId, type: 'pagerduty', name: `PagerDuty ${i}`, status: 'pending', status_reason: 'awaiting_credentials' });
      one = id;
    }
  } finally {
    await db.destroy();
  }
  const getOne = `/v1/connectors/${one!}`;
  const list = '/v1/connectors?limit=50';
  type Side = { one: number; list: number; p99: number; p50: number };
  const measure = async (mode: 'real' | 'bare'): Promise<Side> => {
    const server = await startServer(mode, env);
    try {
      const t = { port: server.port, key };
      await closedLoop(t, getOne, 2); // warm-up: JIT, pool, caches
      await closedLoop(t, list, 1);
      const oneRate = await closedLoop(t, getOne, opts.seconds);
      const listRate = await closedLoop(t, list, opts.seconds);
      const open = await openLoop(t, list, OFFERED_RPS, opts.seconds);
      return { one: oneRate, list: listRate, p99: open.p99, p50: open.p50 };
    } finally {
      await server.stop();
    }
  };
  const runs: Array<{ real: Side; bare: Side }> = [];
  for (let i = 0; i < opts.runs; i++) {
    const realFirst = i % 2 === 0;
    const a = await measure(realFirst ? 'real' : 'bare');
    const b = await measure(realFirst ? 'bare' : 'real');
    const r = realFirst ? { real: a, bare: b } : { real: b, bare: a };
    runs.push(r);
    opts.log(`run ${i + 1}: get-one ${Math.round(r.real.one)} req/s (bare ${Math.round(r.bare.one)}, ${pct(r.real.one / r.bare.one)}%), list ${Math.round(r.real.list)} req/s (bare ${Math.round(r.bare.list)}, ${pct(r.real.list / r.bare.list)}%), list at ${OFFERED_RPS} req/s p50 ${r.real.p50.toFixed(1)} ms p99 ${r.real.p99.toFixed(1)} ms (bare p99 ${r.bare.p99.toFixed(1)} ms)`);
  }
  const col = (f: (r: { real: Side; bare: Side }) => number) => runs.map(f);
  opts.log(`spread over ${runs.length} runs: get-one ${spread(col((r) => r.real.one), round)} req/s (bare ${spread(col((r) => r.bare.one), round)}; ${spread(col((r) => r.real.one / r.bare.one), pct, '%')}), list ${spread(col((r) => r.real.list), round)} req/s (bare ${spread(col((r) => r.bare.list), round)}; ${spread(col((r) => r.real.list / r.bare.list), pct, '%')}), p99 at ${OFFERED_RPS} req/s ${spread(col((r) => r.real.p99), fixed(1), ' ms')} (targets ≥ 50% of the baseline, p99 < 25 ms)`);
  const m = (f: (r: { real: Side; bare: Side }) => number) => median(col(f));
  return `api: get-one ${Math.round(m((r) => r.real.one))} req/s (baseline ${Math.round(m((r) => r.bare.one))}, ${pct(m((r) => r.real.one / r.bare.one))}%), list ${Math.round(m((r) => r.real.list))} req/s (baseline ${Math.round(m((r) => r.bare.list))}, ${pct(m((r) => r.real.list / r.bare.list))}%), p99 at ${OFFERED_RPS} req/s ${m((r) => r.real.p99).toFixed(1)} ms`;
}
