// The worker's readiness: its pollers must be polling, Temporal reachable and PostgreSQL answering — each failure named.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { WorkerStatus } from '@temporalio/worker';
import { createDb } from '../db/db.ts';
import { readiness } from '../worker/health-server.ts';

const unreachable = createDb('postgres://nobody@127.0.0.1:1/none', 1);
after(() => unreachable.destroy());

const status = (over: Partial<WorkerStatus>) => ({ getStatus: () => ({ runState: 'RUNNING', workflowPollerState: 'POLLING', activityPollerState: 'POLLING', ...over }) as WorkerStatus });

test('ready only when the pollers poll, Temporal answers and PostgreSQL answers', async () => {
  const down = await readiness({ db: unreachable, worker: status({}), pingTemporal: async () => undefined });
  assert.equal(down.ok, false);
  assert.deepEqual(down.checks.temporal, { ok: true });
  assert.equal(down.checks.postgres!.ok, false);
  assert.match(down.checks.postgres!.error!, /ECONNREFUSED|connect/);

  const draining = await readiness({ db: unreachable, worker: status({ runState: 'DRAINING' }), pingTemporal: async () => undefined });
  assert.match(draining.checks.temporal!.error!, /worker draining, workflow poller polling/);

  const gone = await readiness({ db: unreachable, worker: status({}), pingTemporal: async () => Promise.reject(new Error('14 UNAVAILABLE: connection refused')) });
  assert.deepEqual(gone.checks.temporal, { ok: false, error: '14 UNAVAILABLE: connection refused' });

  const failed = await readiness({ db: unreachable, worker: status({ activityPollerState: 'FAILED' }), pingTemporal: async () => undefined });
  assert.match(failed.checks.temporal!.error!, /activity poller failed/);
});
