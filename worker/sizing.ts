// A worker's concurrency and its connection pool, sized together: the SDK would run 100 activities at once against
// a pool of 10, so a burst of syncs queued for connections (and timed out after DATABASE_ACQUIRE_TIMEOUT_MS).
import type { Config } from '../config/config.ts';

/**
 * Connections the rest of a worker process may hold at once besides its activities, on top of the reconciler's
 * `RECONCILE_CONCURRENCY` converges: the outbox relay (a fan-out and two lanes of first attempts, and the updates of
 * the delivery workflows it starts), the overdue-schedule check, and a metrics scrape's gauge queries.
 */
export const WORKER_POOL_RESERVE = 8;

export type WorkerSizingConfig = Pick<
  Config,
  'WORKER_MAX_CONCURRENT_ACTIVITIES' | 'WORKER_IO_CPU_TARGET' | 'WORKER_MAX_CONCURRENT_CONTROL_ACTIVITIES' | 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS' | 'DATABASE_POOL_MAX' | 'RECONCILE_CONCURRENCY' | 'WORKER_QUEUES'
>;

export interface WorkerSizing {
  /** The I/O task queue's activity slots (sync pages, backfill chunks, webhook attempts): at most this many. */
  maxConcurrentActivityTaskExecutions: number;
  /** Above this share of the machine's CPU the I/O queue takes no new activity beyond one running (0: fixed slots). */
  ioCpuTarget: number;
  /** The main task queue's activity slots (backfill, OAuth and webhook bookkeeping; recorded workflows' steps). */
  maxConcurrentControlActivityTaskExecutions: number;
  /** Local activity slots: the hot paths' control steps (tick claims, run bookkeeping, onboarding steps). */
  maxConcurrentLocalActivityExecutions: number;
  maxConcurrentWorkflowTaskExecutions: number;
  /** The worker's pool: DATABASE_POOL_MAX when set, else `poolNeeded`. */
  poolMax: number;
  /** What every activity slot plus the background work can hold at once. */
  poolNeeded: number;
  /** Set when DATABASE_POOL_MAX was given smaller than `poolNeeded` (logged at start; not refused, see README). */
  warning?: string;
}

export function workerSizing(config: WorkerSizingConfig): WorkerSizing {
  const queues = config.WORKER_QUEUES;
  const io = config.WORKER_MAX_CONCURRENT_ACTIVITIES;
  const control = config.WORKER_MAX_CONCURRENT_CONTROL_ACTIVITIES;
  // Control steps run both as the main queue's activity tasks and as local activities, each with `control` slots. A
  // worker polls only its WORKER_QUEUES, and its pool counts only their slots.
  const ioSlots = queues.includes('io') ? io : 0;
  const controlSlots = queues.includes('main') ? 2 * control : 0;
  const activities = ioSlots + controlSlots;
  const poolNeeded = activities + config.RECONCILE_CONCURRENCY + WORKER_POOL_RESERVE;
  const poolMax = config.DATABASE_POOL_MAX ?? poolNeeded;
  const sizing: WorkerSizing = {
    maxConcurrentActivityTaskExecutions: io,
    ioCpuTarget: config.WORKER_IO_CPU_TARGET,
    maxConcurrentControlActivityTaskExecutions: control,
    maxConcurrentLocalActivityExecutions: control,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    poolMax,
    poolNeeded,
  };
  if (poolMax < poolNeeded) {
    sizing.warning =
      `DATABASE_POOL_MAX=${poolMax} is below what this worker can hold at once: ${activities} activities (${slotsText(queues, io, control)}) ` +
      `+ ${config.RECONCILE_CONCURRENCY} reconciler converges + ${WORKER_POOL_RESERVE} for the relay, the overdue check and metrics = ${poolNeeded}. ` +
      'Activities may wait for a connection (up to DATABASE_ACQUIRE_TIMEOUT_MS, then retry): raise DATABASE_POOL_MAX, lower ' +
      'the activity slots, or leave DATABASE_POOL_MAX unset for the worker to size its pool itself';
  }
  return sizing;
}

/** How a worker's activity slots add up, for the pool warning (only the queues it polls). */
function slotsText(queues: readonly string[], io: number, control: number): string {
  const parts: string[] = [];
  if (queues.includes('io')) parts.push(`WORKER_MAX_CONCURRENT_ACTIVITIES ${io}`);
  if (queues.includes('main')) parts.push(`2 × WORKER_MAX_CONCURRENT_CONTROL_ACTIVITIES ${control}: activity tasks and local activities`);
  return `${parts.join(' + ')}; WORKER_QUEUES ${queues.join(',')}`;
}

/** Pollers of the I/O queue when its slots follow the CPU: each holds a slot while it waits for a task. */
export const IO_TUNED_POLLERS = 2;

/**
 * The I/O queue worker's slot options. With a CPU target, the SDK's resource-based slots: one always, more only while
 * the machine's CPU (every process on it: the API, PostgreSQL, Temporal) is below the target, up to the maximum. A
 * poller reserves its slot before it polls, so the slots taken before the load rose are at most the pollers: two.
 */
export function ioSlotOptions(sizing: Pick<WorkerSizing, 'maxConcurrentActivityTaskExecutions' | 'ioCpuTarget'>) {
  const max = sizing.maxConcurrentActivityTaskExecutions;
  if (sizing.ioCpuTarget <= 0 || max <= 1) return { maxConcurrentActivityTaskExecutions: max } as const;
  return {
    tuner: {
      // The I/O queue's worker runs no workflow, local activity or Nexus task: the smallest fixed suppliers.
      workflowTaskSlotSupplier: { type: 'fixed-size', numSlots: 2 },
      localActivityTaskSlotSupplier: { type: 'fixed-size', numSlots: 1 },
      nexusTaskSlotSupplier: { type: 'fixed-size', numSlots: 1 },
      activityTaskSlotSupplier: {
        type: 'resource-based',
        minimumSlots: 1,
        maximumSlots: max,
        // Memory is not what this limits: only a machine nearly out of it holds the I/O queue to one activity.
        tunerOptions: { targetCpuUsage: sizing.ioCpuTarget, targetMemoryUsage: 0.95 },
      },
    },
    activityTaskPollerBehavior: { type: 'simple-maximum', maximum: Math.min(IO_TUNED_POLLERS, max) },
  } as const;
}
