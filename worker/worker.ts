// The one place that wires dependencies into activities and starts a Temporal worker.
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogEntry } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { createBackfillActivities } from '../activities/backfill.ts';
import { createConnectorActivities } from '../activities/connectors.ts';
import { createSyncActivities } from '../activities/sync.ts';
import { createWebhookActivities } from '../activities/webhooks.ts';
import { createOAuthActivities } from '../activities/oauth.ts';
import { createRetentionActivities } from '../activities/retention.ts';
import type { Config } from '../config/config.ts';
import { createDbFromConfig, type Db } from '../db/db.ts';
import { createCipher, type Cipher } from '../lib/crypto.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { createTemporalClient, temporalConnectOptions } from '../lib/temporal.ts';
import { taskQueues } from '../contracts/ids.ts';
import { createPageWalker } from '../activities/page-walker.ts';
import { createProviderRegistry, type ProviderRegistry } from '../providers/registry.ts';
import { createCredentialStore } from '../services/credentials.ts';
import { createLifecycle, type Lifecycle } from '../services/lifecycle.ts';
import { createOrchestrator } from '../services/orchestrator.ts';
import { createConvergence } from '../services/convergence.ts';
import { createOutboxRelay } from '../services/outbox.ts';
import { createReconciler } from '../services/reconciler.ts';
import { freePort } from '../dev/net.ts';
import { startTracing, tracingActive } from '../lib/tracing.ts';
import { retentionSettings } from '../services/orchestrator.ts';
import { startHealthServer } from './health-server.ts';
import { ioSlotOptions, workerSizing } from './sizing.ts';
import { activityInterceptors, WORKFLOW_INTERCEPTOR_MODULES, WORKFLOWS_PATH, workflowSinks } from './telemetry.ts';

export interface WorkerDeps {
  config: Readonly<Config>;
  db: Db;
  providers: ProviderRegistry;
  cipher: Cipher;
  connection: NativeConnection;
  /** A client for what activities do to Temporal itself (schedules, starting syncs), through the orchestrator. */
  client: Client;
  taskQueue?: string;
  /** Tests may observe the sync lifecycle (schedule + first sync) instead of running it. */
  lifecycle?: Lifecycle;
}

export function createActivities(deps: Pick<WorkerDeps, 'db' | 'providers' | 'cipher' | 'client' | 'config' | 'lifecycle'>) {
  const { config, db, providers, cipher } = deps;
  const orchestrator = createOrchestrator({ client: deps.client, config });
  const lifecycle = deps.lifecycle ?? createLifecycle({ db, orchestrator, config });
  const credentials = createCredentialStore({ db, cipher, providers, config, lifecycle });
  const walker = createPageWalker({ db, providers, credentials });
  return {
    ...createConnectorActivities({ db, providers, cipher, lifecycle, credentials }),
    ...createOAuthActivities({ db, cipher, providers, config }),
    ...createSyncActivities({
      db,
      walker,
      settings: { pageSize: config.SYNC_PAGE_SIZE, lookbackMs: config.SYNC_INITIAL_LOOKBACK_HOURS * 3_600_000, lagMs: config.SYNC_LAG_SECONDS * 1000 },
      defaultIntervalMinutes: config.DEFAULT_SYNC_INTERVAL_MINUTES,
      localPasses: localPassSlots(config.WORKER_MAX_CONCURRENT_CONTROL_ACTIVITIES),
    }),
    ...createWebhookActivities({
      db,
      cipher,
      allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
      attemptTimeoutMs: config.WEBHOOK_ATTEMPT_TIMEOUT_MS,
      disableAfterFailures: config.WEBHOOK_DISABLE_AFTER_FAILURES,
    }),
    ...createBackfillActivities({ db, walker, pageSize: config.BACKFILL_PAGE_SIZE, chunkRunBudgetMs: config.BACKFILL_CHUNK_RUN_SECONDS * 1000 }),
    ...createRetentionActivities({ db }),
  };
}

export type Activities = ReturnType<typeof createActivities>;

/** Ticks' local passes over their pages at once: half the local-activity slots, so the control steps always have the rest. */
export function localPassSlots(control: number): number {
  return Math.max(1, Math.floor(control / 2));
}

/** The activities that wait on the outside world for long: they run on the I/O task queue (`taskQueues.io`). */
const IO_ACTIVITIES = ['syncPages', 'runBackfillChunks', 'runBackfillChunk', 'attemptDelivery'] as const satisfies ReadonlyArray<keyof Activities>;

/**
 * One worker process's Temporal workers, run and stopped together: the main task queue's (every workflow, the short
 * control activities — and, for workflows recorded before the I/O queue existed, every activity) and the I/O queue's
 * (activities only, with their own slots); or only one of them (`WORKER_QUEUES`).
 */
export interface TributaryWorker {
  run(): Promise<void>;
  shutdown(): void;
  /**
   * The main worker's status, degraded to the I/O worker's when that one is not running or polling. An I/O-only
   * worker polls no workflow tasks: its workflow poller state is its activity poller's (what readiness checks).
   */
  getStatus(): ReturnType<Worker['getStatus']>;
}

export async function createWorker(deps: WorkerDeps & { wrapActivities?: (a: Activities) => Activities }): Promise<TributaryWorker> {
  const { config } = deps;
  const sizing = workerSizing(config);
  const taskQueue = deps.taskQueue ?? config.TEMPORAL_TASK_QUEUE;
  const activities = (deps.wrapActivities ?? ((a) => a))(createActivities(deps));
  // A prebuilt bundle already contains the workflow interceptor modules (see worker/telemetry.ts).
  const workflows = config.WORKFLOW_BUNDLE_PATH
    ? { workflowBundle: { codePath: config.WORKFLOW_BUNDLE_PATH } }
    : { workflowsPath: WORKFLOWS_PATH };
  const common = {
    connection: deps.connection,
    namespace: config.TEMPORAL_NAMESPACE,
    // On shutdown (a deploy), running activities get this long to finish before they are cancelled (and retried elsewhere).
    shutdownGraceTime: `${config.WORKER_SHUTDOWN_GRACE_SECONDS} seconds`,
  } as const;
  const main = config.WORKER_QUEUES.includes('main')
    ? await Worker.create({
      ...common,
      taskQueue,
      ...workflows,
      interceptors: { activity: [activityInterceptors], ...(config.WORKFLOW_BUNDLE_PATH ? {} : { workflowModules: WORKFLOW_INTERCEPTOR_MODULES }) },
      sinks: workflowSinks(tracingActive()),
      activities,
      // Bounded together with the pool (worker/sizing.ts), not the SDK's 100 activities against a pool of 10.
      maxConcurrentActivityTaskExecutions: sizing.maxConcurrentControlActivityTaskExecutions,
      maxConcurrentLocalActivityExecutions: sizing.maxConcurrentLocalActivityExecutions,
      maxConcurrentWorkflowTaskExecutions: sizing.maxConcurrentWorkflowTaskExecutions,
    })
    : undefined;
  const io = config.WORKER_QUEUES.includes('io')
    ? await Worker.create({
      ...common,
      taskQueue: taskQueues.io(taskQueue),
      interceptors: { activity: [activityInterceptors] },
      activities: Object.fromEntries(IO_ACTIVITIES.map((name) => [name, activities[name]])),
      ...ioSlotOptions(sizing),
    })
    : undefined;
  const workers = [main, io].filter((w): w is Worker => w !== undefined);
  return {
    async run() {
      // One failing stops the others: the process is one worker to the operator (and to its health check).
      const runs = workers.map((w) => w.run().catch((err: unknown) => {
        for (const other of workers) if (other.getState() === 'RUNNING') other.shutdown();
        throw err;
      }));
      await Promise.all(runs);
    },
    shutdown() {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
    },
    getStatus() {
      const i = io?.getStatus();
      if (!main) return { ...i!, workflowPollerState: i!.activityPollerState };
      const m = main.getStatus();
      if (!i) return m;
      return {
        ...m,
        runState: m.runState !== 'RUNNING' ? m.runState : i.runState,
        activityPollerState: m.activityPollerState !== 'POLLING' ? m.activityPollerState : i.activityPollerState,
      };
    },
  };
}

/**
 * Routes the Temporal SDK's own logs into our JSON logger (which redacts secrets) and, given an address, serves the
 * SDK's runtime metrics there in Prometheus format (the worker's /metrics merges them into one scrape).
 */
export function installTemporalLogging(logger: Logger, level: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' = 'INFO', metricsBindAddress?: string): void {
  Runtime.install({
    ...(metricsBindAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsBindAddress, countersTotalSuffix: true, useSecondsForDurations: true } } } } : {}),
    logger: new DefaultLogger(level, (entry: LogEntry) => {
      const { message, meta } = entry;
      // The I/O queue's worker runs activities only, by design: the SDK's warning about it is not one for operators.
      const expected = entry.level === 'WARN' && message.startsWith('No workflows registered') && String(meta?.taskQueue ?? '').endsWith(taskQueues.io(''));
      const lvl = expected ? 'debug' : entry.level === 'WARN' ? 'warn' : entry.level === 'ERROR' ? 'error' : entry.level === 'INFO' ? 'info' : 'debug';
      logger[lvl]({ temporal: meta }, message);
    }),
  });
}

export async function connectWorker(config: Readonly<Config>): Promise<NativeConnection> {
  const opts = temporalConnectOptions(config);
  return NativeConnection.connect(opts);
}

/**
 * `tributary worker`: runs until SIGINT/SIGTERM, then drains — activities get WORKER_SHUTDOWN_GRACE_SECONDS
 * to finish, the outbox relay and the reconciler finish their pass — and only then closes the pool.
 */
export async function runWorker(config: Readonly<Config>): Promise<void> {
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'tributary-worker' });
  const tracing = startTracing(config, 'tributary-worker');
  const sdkMetrics = config.TEMPORAL_METRICS_BIND_ADDRESS ?? `127.0.0.1:${await freePort()}`;
  installTemporalLogging(logger, 'WARN', sdkMetrics);
  const sizing = workerSizing(config);
  if (sizing.warning) logger.warn({ pool: sizing.poolMax, needed: sizing.poolNeeded }, sizing.warning);
  const db = createDbFromConfig({ ...config, DATABASE_POOL_MAX: sizing.poolMax });
  const connection = await connectWorker(config);
  const client = await createTemporalClient(config);
  const cipher = createCipher(config.encryptionKeys);
  const worker = await createWorker({ config, db, connection, client, providers: createProviderRegistry(config), cipher });
  const orchestrator = createOrchestrator({ client, config });
  // The outbox relay turns committed events into webhook deliveries and makes their first attempts (every worker runs
  // one; rows are claimed with SKIP LOCKED).
  const relay = createOutboxRelay({ db, orchestrator, cipher, config, onError: (err) => logger.error({ err: (err as Error).message }, 'outbox relay failed') });
  // The reconciler converges Temporal to the database: at start only what lags, then whatever changes or failed.
  const reconciler = createReconciler({ db, convergence: createConvergence({ db, orchestrator, config }), config, onError: (err) => logger.error({ err: (err as Error).message }, 'reconciler failed') });
  relay.start();
  reconciler.start();
  // One retention schedule per deployment: created on first start, brought to this worker's settings on every start.
  void orchestrator.maintenance
    .ensureRetentionSchedule(retentionSettings(config), config.RETENTION_INTERVAL_MINUTES)
    .then((r) => logger.info({ schedule: r }, 'retention schedule ready'), (err) => logger.error({ err: (err as Error).message }, 'retention schedule failed'));
  const health = await startHealthServer({
    host: config.WORKER_HOST,
    port: config.WORKER_PORT,
    db,
    worker,
    pingTemporal: () => orchestrator.ping(),
    temporalMetricsAddress: sdkMetrics,
    metricsToken: config.METRICS_TOKEN,
    onError: (err) => logger.warn({ err: (err as Error).message }, 'metrics collection failed'),
  });
  const stop = (signal: string) => {
    logger.info({ signal, grace_seconds: config.WORKER_SHUTDOWN_GRACE_SECONDS }, 'worker draining');
    worker.shutdown();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  logger.info(
    { queues: config.WORKER_QUEUES, taskQueue: config.TEMPORAL_TASK_QUEUE, ioTaskQueue: taskQueues.io(config.TEMPORAL_TASK_QUEUE), namespace: config.TEMPORAL_NAMESPACE, port: health.port, activities: sizing.maxConcurrentActivityTaskExecutions, ioCpuTarget: sizing.ioCpuTarget, controlActivities: sizing.maxConcurrentControlActivityTaskExecutions, workflowTasks: sizing.maxConcurrentWorkflowTaskExecutions, pool: sizing.poolMax },
    'worker started',
  );
  try {
    await worker.run();
  } finally {
    await Promise.all([relay.stop(), reconciler.stop()]);
    await health.close();
    await tracing?.shutdown();
    await client.connection.close();
    await connection.close();
    await db.destroy();
    logger.info('worker stopped');
  }
}
