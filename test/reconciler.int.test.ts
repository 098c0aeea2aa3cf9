// The reconciler touches only what lags — no Temporal call for an unchanged schedule — and replicas (two
// reconcilers over one database) split the lagging connectors between them, each applied exactly once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { workflowIds } from '../contracts/ids.ts';
import { bumpDesiredVersion, findSchedule } from '../db/schedules.repository.ts';
import { createConvergence } from '../services/convergence.ts';
import type { Orchestrator } from '../services/orchestrator.ts';
import { createReconciler } from '../services/reconciler.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty } from './helpers/sync.ts';
import { startWorkerProcess } from './helpers/worker-process.ts';

let s: TestStack;
before(async () => {
  s = await startTestStack({}, { reconciler: false }); // the test drives its own reconcilers
});
after(async () => {
  await s?.close();
});

describe('the reconciler', () => {
  test('touches only what lags — no Temporal call for an unchanged schedule — and replicas split the work', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await connectedPagerDuty(s, `rec-${i}`)).id);
    for (const id of ids) {
      const row = (await findSchedule(s.db, id))!;
      assert.equal(row.applied_version, row.desired_version, 'onboarding applied its schedule inline');
    }
    // A counting gateway: every schedule call the reconcilers make is seen here.
    const touched: string[] = [];
    const counting: Orchestrator = {
      ...s.orchestrator,
      schedules: {
        ...s.orchestrator.schedules,
        upsert: (c, want) => (touched.push(c.id), s.orchestrator.schedules.upsert(c, want)),
        remove: (id) => (touched.push(id), s.orchestrator.schedules.remove(id)),
      },
    };
    const convergence = createConvergence({ db: s.db, orchestrator: counting, config: s.config });
    const replicas = [0, 1].map(() => createReconciler({ db: s.db, convergence, config: { ...s.config, RECONCILE_CONCURRENCY: 2 } }));

    // A worker start with nothing changed: nothing claimed, not one Temporal call.
    const idle = await Promise.all(replicas.map((r) => r.tick()));
    assert.deepEqual(idle.map((r) => r.claimed), [0, 0]);
    assert.deepEqual(touched, []);

    // Three schedules changed behind the workers' backs (e.g. while none ran): each is applied exactly once.
    const changed = ids.slice(0, 3);
    for (const [i, id] of changed.entries()) await bumpDesiredVersion(s.db, id, { interval_minutes: 10 + i, cron: null, timezone: null });
    const busy = await Promise.all(replicas.map((r) => r.tick()));
    assert.equal(busy[0]!.claimed + busy[1]!.claimed, 3, JSON.stringify(busy));
    assert.deepEqual([...touched].sort(), [...changed].sort(), 'one Temporal call per changed schedule, none for the others');
    for (const [i, id] of changed.entries()) {
      const d = await s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe();
      assert.equal(Number(d.spec.intervals?.[0]?.every), (10 + i) * 60_000);
      const row = (await findSchedule(s.db, id))!;
      assert.deepEqual([row.applied_version, row.lease_owner], [row.desired_version, null]);
    }
    assert.deepEqual((await Promise.all(replicas.map((r) => r.tick()))).map((r) => r.claimed), [0, 0], 'nothing left');
  });
});

describe('a worker start', () => {
  test('with nothing changed, updates no schedule in Temporal', { timeout: 120_000 }, async () => {
    const ids = [(await connectedPagerDuty(s, 'start-a')).id, (await connectedPagerDuty(s, 'start-b')).id];
    const updatedAt = async () => Promise.all(ids.map(async (id) => (await s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe()).info.lastUpdatedAt?.getTime() ?? 0));
    const before = await updatedAt();
    const worker = await startWorkerProcess(s.env);
    try {
      await new Promise((r) => setTimeout(r, 3000)); // its reconciler's first passes
    } finally {
      await worker.kill('SIGTERM');
    }
    assert.deepEqual(await updatedAt(), before);
  });
});
