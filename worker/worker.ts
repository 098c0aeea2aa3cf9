// The one place that wires dependencies into activities and starts a Temporal worker.
import { createRequire } from 'node:module';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogEntry } from '@temporalio/worker';
import { createConnectorActivities } from '../activities/connectors.ts';
import { createOAuthActivities } from '../activities/oauth.ts';
import type { Config } from '../config/config.ts';
import { createDb, type Db } from '../db/db.ts';
import { createCipher, type Cipher } from '../lib/crypto.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { temporalConnectOptions } from '../lib/temporal.ts';
import { createProviderRegistry, type ProviderRegistry } from '../providers/registry.ts';
import { createCredentialStore } from '../services/credentials.ts';
import { noopLifecycle, type Lifecycle } from '../services/lifecycle.ts';

const require = createRequire(import.meta.url);

export interface WorkerDeps {
  config: Readonly<Config>;
  db: Db;
  providers: ProviderRegistry;
  cipher: Cipher;
  connection: NativeConnection;
  taskQueue?: string;
  /** The sync lifecycle (schedule + first sync); a no-op until the recurring-sync work wires the real one. */
  lifecycle?: Lifecycle;
}

export function createActivities(deps: Pick<WorkerDeps, 'db' | 'providers' | 'cipher' | 'config' | 'lifecycle'>) {
  const lifecycle = deps.lifecycle ?? noopLifecycle;
  const credentials = createCredentialStore({ ...deps, lifecycle });
  return {
    ...createConnectorActivities({ ...deps, credentials }),
    ...createOAuthActivities({ ...deps, lifecycle }),
  };
}

export type Activities = ReturnType<typeof createActivities>;

export async function createWorker(deps: WorkerDeps): Promise<Worker> {
  const { config } = deps;
  const workflows = config.WORKFLOW_BUNDLE_PATH
    ? { workflowBundle: { codePath: config.WORKFLOW_BUNDLE_PATH } }
    : { workflowsPath: require.resolve('../workflows/index.ts') };
  return Worker.create({
    connection: deps.connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: deps.taskQueue ?? config.TEMPORAL_TASK_QUEUE,
    ...workflows,
    activities: createActivities(deps),
  });
}

/** Routes the Temporal SDK's own logs into our JSON logger (which redacts secrets). */
export function installTemporalLogging(logger: Logger, level: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' = 'INFO'): void {
  Runtime.install({
    logger: new DefaultLogger(level, (entry: LogEntry) => {
      const { message, meta } = entry;
      const lvl = entry.level === 'WARN' ? 'warn' : entry.level === 'ERROR' ? 'error' : entry.level === 'INFO' ? 'info' : 'debug';
      logger[lvl]({ temporal: meta }, message);
    }),
  });
}

export async function connectWorker(config: Readonly<Config>): Promise<NativeConnection> {
  const opts = temporalConnectOptions(config);
  return NativeConnection.connect(opts);
}

/** `tributary worker`: runs until SIGINT/SIGTERM, then drains and exits. */
export async function runWorker(config: Readonly<Config>): Promise<void> {
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'tributary-worker' });
  installTemporalLogging(logger, 'WARN');
  const db = createDb(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  const connection = await connectWorker(config);
  const worker = await createWorker({ config, db, connection, providers: createProviderRegistry(config), cipher: createCipher(config.encryptionKey) });
  const stop = () => worker.shutdown();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'worker started');
  await worker.run();
  await connection.close();
  await db.destroy();
  logger.info('worker stopped');
}
