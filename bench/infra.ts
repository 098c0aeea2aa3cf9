// Shared benchmark infrastructure: a throwaway PostgreSQL and Temporal dev server, and an app + worker against them.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createApp } from '../api/app.ts';
import { loadConfig, type Config } from '../config/config.ts';
import { createDb, migrateToLatest, type Db } from '../db/db.ts';
import { startEmulator, type RunningEmulator } from '../dev/emulator/app.ts';
import { freePort } from '../dev/net.ts';
import { ensureDatabase, startEmbeddedPostgres } from '../dev/postgres.ts';
import { ROOT } from '../dev/state.ts';
import { startDevTemporal } from '../dev/temporal-server.ts';
import { createCipher, type Cipher } from '../lib/crypto.ts';
import { createLogger } from '../lib/logger.ts';
import { createProviderRegistry, type ProviderRegistry } from '../providers/registry.ts';
import { createConvergence } from '../services/convergence.ts';
import { createOrchestrator } from '../services/orchestrator.ts';
import { createReconciler } from '../services/reconciler.ts';
import { createApiKey } from '../services/workspaces.ts';
import { createWorker, type TributaryWorker } from '../worker/worker.ts';
import { buildWorkflowBundle } from '../worker/bundle.ts';
import { childProfileArgs } from './profile.ts';

export interface BenchInfra {
  pgAdminUrl: string;
  temporalAddress: string;
  bundlePath: string;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

export async function startInfra(log: (l: string) => void): Promise<BenchInfra> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const work = mkdtempSync(path.join(tmpdir(), 'tributary-bench-'));
  chmodSync(work, 0o755);
  const [pg, temporal, bundle] = await Promise.all([
    freePort().then((port) => startEmbeddedPostgres({ dir: path.join(work, 'pg'), port, password: 'bench', persistent: false, log })),
    freePort().then((port) => startDevTemporal({ port, headless: true, log })),
    buildWorkflowBundle(),
  ]);
  const bundlePath = path.join(work, 'bundle.js');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(bundlePath, bundle);
  return {
    pgAdminUrl: pg.url('postgres'),
    temporalAddress: temporal.address,
    bundlePath,
    async stop() {
      await temporal.stop();
      await pg.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export interface BenchStack {
  config: Readonly<Config>;
  db: Db;
  temporal: Client;
  emulator: Pick<RunningEmulator, 'url' | 'close'>;
  app: ReturnType<typeof createApp>;
  providers: ProviderRegistry;
  cipher: Cipher;
  apiKey: string;
  api(method: string, p: string, body?: unknown): Promise<any>;
  close(): Promise<void>;
}

/** The emulator in its own process, as a real provider would be: its CPU is not the sync's. */
async function startEmulatorProcess(volume: number): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'dev/emulator/main.ts'), '--port', String(port), '--volume', String(volume)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`emulator exited ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM')))),
  };
}

/**
 * `tributary worker` in its own process, as deployed (its own pool, sized by worker/sizing.ts, its reconciler and outbox
 * relay): the API in the bench's process then does not share an event loop or a pool with the syncs. Resolves once it
 * logs that it started.
 */
async function startWorkerProcess(env: Record<string, string>): Promise<{ close(): Promise<void> }> {
  const child = spawn(process.execPath, [...childProfileArgs(), path.join(ROOT, 'bin/tributary.mjs'), 'worker'], {
    env: { ...process.env, ...env, LOG_LEVEL: 'info', WORKER_PORT: '0', WORKER_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('"worker started"') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
  });
  return { close: () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM')))) };
}

/**
 * A fresh database, emulator, worker and app on the shared infrastructure. The worker runs in the bench's process
 * unless `workerProcess` (then as `tributary worker` beside it, the deployed topology). With `ioProcess` the bench's
 * process polls only the main queue (workflows and control steps) and a `tributary worker` with `WORKER_QUEUES=io`
 * beside it runs the I/O activities (sync pages).
 */
export async function startBenchStack(
  infra: BenchInfra,
  opts: { volume: number; env?: Record<string, string>; emulatorInProcess?: boolean; workerProcess?: boolean; ioProcess?: boolean },
): Promise<BenchStack> {
  const suffix = randomBytes(4).toString('hex');
  await ensureDatabase(infra.pgAdminUrl, `b_${suffix}`);
  const emulator = opts.emulatorInProcess ? await startEmulator({ volume: opts.volume }) : await startEmulatorProcess(opts.volume);
  const env: Record<string, string> = {
    DATABASE_URL: infra.pgAdminUrl.replace(/\/postgres$/, `/b_${suffix}`),
    TEMPORAL_ADDRESS: infra.temporalAddress,
    TEMPORAL_TASK_QUEUE: `bench-${suffix}`,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    EMULATOR_URL: emulator.url,
    WORKFLOW_BUNDLE_PATH: infra.bundlePath,
    LOG_LEVEL: 'warn',
    // A bench drives the API faster than one key's default budget (600 a minute): it measures the service, not its
    // throttle (test/rate-limit.int.test.ts covers that).
    API_RATE_LIMIT_PER_KEY: '0',
    API_RATE_LIMIT_PER_WORKSPACE: '0',
    ...opts.env,
  };
  const config = loadConfig(opts.ioProcess ? { ...env, WORKER_QUEUES: 'main' } : env);
  const db = createDb(config.DATABASE_URL, 20);
  await migrateToLatest(db);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const native = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const providers = createProviderRegistry(config);
  const cipher = createCipher(config.encryptionKeys);
  let stopWorker: () => Promise<void>;
  if (opts.workerProcess) {
    const child = await startWorkerProcess(env);
    stopWorker = () => child.close();
  } else {
    const ioChild = opts.ioProcess ? await startWorkerProcess({ ...env, WORKER_QUEUES: 'io' }) : undefined;
    const worker: TributaryWorker = await createWorker({ config, db, providers, cipher, connection: native, client: temporal });
    const running = worker.run();
    // As in `tributary worker`: the reconciler applies what an API call stored but could not apply in time (a 202
    // schedule), so a bench sees the schedules a deployment would run.
    const reconciler = createReconciler({ db, convergence: createConvergence({ db, orchestrator: createOrchestrator({ client: temporal, config }), config }), config });
    reconciler.start();
    stopWorker = async () => {
      await reconciler.stop();
      worker.shutdown();
      await running;
      await ioChild?.close();
    };
  }
  const app = createApp({ config, db, temporal, providers, cipher, logger: createLogger({ level: 'warn' }) });
  const apiKey = (await createApiKey(db, `bench-${suffix}`)).key;
  const api = async (method: string, p: string, body?: unknown) => {
    const res = await app.request(p, { method, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json().catch(() => undefined) };
  };
  return {
    config, db, temporal, emulator, app, providers, cipher, apiKey, api,
    async close() {
      await stopWorker();
      await native.close();
      await connection.close();
      await db.destroy();
      await emulator.close();
    },
  };
}

export async function waitUntil<T>(fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('bench step timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
