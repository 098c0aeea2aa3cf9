// The reconciler: in every worker process, a loop that finds connectors whose Temporal state lags the database
// (applied version < desired version, retry time come), leases them (FOR UPDATE SKIP LOCKED, one statement),
// and converges them with bounded parallelism, outside any transaction. At start it does exactly the lagging
// rows — nothing for an unchanged schedule — and replicas split them between themselves through the leases.
// Beside it, a slower loop marks schedules whose ticks stopped running (services/schedule-watch.ts).
import { hostname } from 'node:os';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/db.ts';
import { claimDue } from '../db/schedules.repository.ts';
import { randomToken } from '../lib/crypto.ts';
import { eachBounded } from '../lib/each-bounded.ts';
import { createPollLoop } from '../lib/poll-loop.ts';
import { LEASE_MS, type Convergence } from './convergence.ts';
import { checkOverdueSchedules, type ScheduleWatchConfig } from './schedule-watch.ts';

export type ReconcilerConfig = Pick<Config, 'RECONCILE_POLL_MS' | 'RECONCILE_CONCURRENCY' | 'SCHEDULE_OVERDUE_CHECK_MS'> & ScheduleWatchConfig;

export function createReconciler(deps: { db: Db; convergence: Convergence; config: ReconcilerConfig; onError?: (err: unknown) => void }) {
  const { db, convergence, config } = deps;
  const owner = `reconciler:${hostname()}:${process.pid}:${randomToken(6)}`;
  const batch = config.RECONCILE_CONCURRENCY * 4;

  /** One pass: lease a batch of lagging connectors and converge them. Returns how many it took. */
  async function tick(): Promise<{ claimed: number; converged: number }> {
    const ids = await claimDue(db, owner, batch, LEASE_MS);
    let converged = 0;
    await eachBounded(ids, config.RECONCILE_CONCURRENCY, async (id) => {
      if (await convergence.convergeLeased(id, owner)) converged++;
    });
    return { claimed: ids.length, converged };
  }

  // A full batch means more may be waiting (a worker start after many changes): the next pass starts at once.
  const converging = createPollLoop(async () => (await tick()).claimed === batch, config.RECONCILE_POLL_MS, deps.onError);
  // The other half of "Temporal does what the database says": schedules whose ticks stopped running. It lives here,
  // in a plain loop of every worker, not in a Temporal schedule (retention's) — a watchdog must not depend on the
  // scheduler it watches. Idempotent, so replicas running it at the same time are harmless.
  const watching = createPollLoop(() => checkOverdueSchedules(db, config), config.SCHEDULE_OVERDUE_CHECK_MS, deps.onError);
  return {
    tick,
    start() {
      converging.start();
      watching.start();
    },
    async stop() {
      await Promise.all([converging.stop(), watching.stop()]);
    },
  };
}
