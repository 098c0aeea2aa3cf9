// Per-test-file environment: a fresh database, its own task queue and worker, the emulator, the app and API keys.
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createApp } from '../../api/app.ts';
import { loadConfig, type Config } from '../../config/config.ts';
import { createDbFromConfig, migrateToLatest, type Db } from '../../db/db.ts';
import { startEmulator, type RunningEmulator } from '../../dev/emulator/app.ts';
import { ensureDatabase } from '../../dev/postgres.ts';
import { freePort } from '../../dev/net.ts';
import { createCipher, type Cipher } from '../../lib/crypto.ts';
import { createLogger, type Logger } from '../../lib/logger.ts';
import { createProviderRegistry } from '../../providers/registry.ts';
import type { ProviderClientOptions } from '../../providers/types.ts';
import type { Lifecycle } from '../../services/lifecycle.ts';
import { createApiKey } from '../../services/workspaces.ts';
import { createOrchestrator, type Orchestrator } from '../../services/orchestrator.ts';
import { createOutboxRelay } from '../../services/outbox.ts';
import { createConvergence } from '../../services/convergence.ts';
import { createReconciler } from '../../services/reconciler.ts';
import { createWorker, installTemporalLogging, type TributaryWorker } from '../../worker/worker.ts';
import { clientInterceptors } from '../../lib/temporal.ts';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface TestStack {
  config: Readonly<Config>;
  /** The environment the config was parsed from (to start worker processes against the same stack). */
  env: Record<string, string>;
  db: Db;
  temporal: Client;
  /** The app's gateway to Temporal (the same one the API and the worker use). */
  orchestrator: Orchestrator;
  emulator: RunningEmulator;
  app: ReturnType<typeof createApp>;
  cipher: Cipher;
  logger: Logger;
  /** Every log line written by the app and the worker during this file. */
  logs: string[];
  keyA: string;
  keyB: string;
  api: ApiCall;
  close(): Promise<void>;
}

export type ApiCall = <T = any>(method: string, path: string, body?: unknown, opts?: { key?: string | null; headers?: Record<string, string>; raw?: string }) => Promise<ApiResponse<T>>;

/** Calls `app` as a client would: JSON in and out, `Authorization: Bearer <key>` (keyA unless told otherwise). */
export function apiOf(app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }, defaultKey: string): ApiCall {
  return async (method, path, body, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const key = opts.key === undefined ? defaultKey : opts.key;
    if (key) headers.authorization = `Bearer ${key}`;
    let payload: string | undefined = opts.raw;
    if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await app.request(path, { method, headers, body: payload });
    const text = await res.text();
    let parsed: any = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };
}

/**
 * The same API over the same database, but its Temporal client points at a port nothing listens on: every
 * request that needs Temporal meets it "down" (calls fail within TEMPORAL_CALL_TIMEOUT_MS = 1 s).
 */
export async function apiWithTemporalDown(s: TestStack): Promise<{ api: ApiCall; app: ReturnType<typeof createApp>; close(): Promise<void> }> {
  const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
  const config: Readonly<Config> = { ...s.config, TEMPORAL_CALL_TIMEOUT_MS: 1000, SCHEDULE_APPLY_WAIT_MS: 500 };
  const app = createApp({ config, db: s.db, temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), providers: createProviderRegistry(config), cipher: s.cipher, logger: s.logger });
  return { api: apiOf(app, s.keyA), app, close: () => connection.close() };
}

let temporalLoggingInstalled = false;

export interface TestStackOptions {
  /** Run a worker inside the test process (default true); false when the test runs worker processes itself. */
  worker?: boolean;
  /** The worker's sync lifecycle (default: the real one — schedule + first sync). */
  lifecycle?: Lifecycle;
  /** Run the reconciler loop beside the worker (default true); false when the test drives reconcilers itself. */
  reconciler?: boolean;
  /** Options for every provider client (e.g. a shorter first wait where GitHub documents one without a figure). */
  clientOptions?: ProviderClientOptions;
}

/** `overrides`: extra environment variables. */
export async function startTestStack(overrides: Record<string, string> = {}, opts: TestStackOptions = {}): Promise<TestStack> {
  const admin = process.env.TEST_PG_ADMIN_URL;
  if (!admin || !process.env.TEMPORAL_ADDRESS) throw new Error('run tests with `npm test` (the harness starts PostgreSQL and Temporal)');
  const suffix = randomBytes(5).toString('hex');
  const dbName = `t_${suffix}`;
  await ensureDatabase(admin, dbName);
  const emulator = await startEmulator({ seed: 7 });
  const env: Record<string, string> = {
    TRIBUTARY_ENV: 'test',
    DATABASE_URL: admin.replace(/\/postgres$/, `/${dbName}`),
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: `tq-${suffix}`,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    EMULATOR_URL: emulator.url,
    WORKFLOW_BUNDLE_PATH: process.env.WORKFLOW_BUNDLE_PATH ?? '',
    LOG_LEVEL: 'debug',
    PUBLIC_URL: 'http://localhost:3999',
    SYNC_RETRY_INITIAL_MS: '200',
    SYNC_MAX_ATTEMPTS: '3',
    SYNC_HEARTBEAT_TIMEOUT_SECONDS: '5',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_RETRY_SCHEDULE: '200ms,200ms,200ms,200ms',
    WEBHOOK_DISABLE_AFTER_FAILURES: '2',
    OUTBOX_POLL_MS: '100',
    // Tests poll the API hard; the limiter still runs (and test/rate-limit.int.test.ts sets low limits).
    API_RATE_LIMIT_PER_KEY: '1000000',
    API_RATE_LIMIT_PER_WORKSPACE: '1000000',
    WORKER_PORT: '0',
    RECONCILE_POLL_MS: '100',
    RECONCILE_MAX_BACKOFF_MS: '1000',
    // Fixed I/O slots: the test machine is busy through a whole run, and with the slots following its CPU a test that
    // counts concurrent pages or chunks would depend on the load. test/io-cpu-target.int.test.ts tests the CPU target.
    WORKER_IO_CPU_TARGET: '0',
    ...overrides,
  };
  const config = loadConfig(env);
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (s: string) => void logs.push(s) } });
  if (!temporalLoggingInstalled) {
    installTemporalLogging(logger, 'DEBUG');
    temporalLoggingInstalled = true;
  }
  const db = createDbFromConfig(config);
  await migrateToLatest(db);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, interceptors: { workflow: clientInterceptors() } });
  const nativeConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const providers = createProviderRegistry(config, fetch, opts.clientOptions);
  const cipher = createCipher(config.encryptionKeys);
  const orchestrator = createOrchestrator({ client: temporal, config });
  let worker: TributaryWorker | undefined;
  let running: Promise<void> | undefined;
  let relay: ReturnType<typeof createOutboxRelay> | undefined;
  let reconciler: ReturnType<typeof createReconciler> | undefined;
  if (opts.worker !== false) {
    worker = await createWorker({ config, db, providers, cipher, connection: nativeConnection, client: temporal, lifecycle: opts.lifecycle });
    running = worker.run();
    relay = createOutboxRelay({ db, orchestrator, cipher, config });
    relay.start();
    if (opts.reconciler !== false) {
      reconciler = createReconciler({ db, convergence: createConvergence({ db, orchestrator, config }), config });
      reconciler.start();
    }
  }
  const app = createApp({ config, db, temporal, providers, cipher, logger });
  const keyA = (await createApiKey(db, `ws-a-${suffix}`)).key;
  const keyB = (await createApiKey(db, `ws-b-${suffix}`)).key;

  const api = apiOf(app, keyA);

  return {
    config,
    env,
    db,
    temporal,
    orchestrator,
    emulator,
    app,
    cipher,
    logger,
    logs,
    keyA,
    keyB,
    api,
    async close() {
      await relay?.stop();
      await reconciler?.stop();
      if (worker) {
        worker.shutdown();
        await running;
      }
      await nativeConnection.close();
      await connection.close();
      await db.destroy();
      await emulator.close();
    },
  };
}

/** Polls `fn` until it returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
