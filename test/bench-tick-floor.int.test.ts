// The floor under a tick (bench/tick-floor.ts), which bench/tick-cost.ts sets beside the real tick: Schedules shaped
// like a connector's that fire a workflow doing nothing, each run seen by the bench, and nothing left behind.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Client, Connection, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import { SA_CONNECTOR_ID } from '../contracts/search-attributes.ts';
import { scheduleOffsetSeconds } from '../services/convergence.ts';
import { startTickFloor } from '../bench/tick-floor.ts';

test('the tick floor fires one do-nothing run per Schedule, shaped like a connector\'s, and deletes its Schedules', async () => {
  const address = process.env.TEMPORAL_ADDRESS;
  assert.ok(address, 'run with npm test');
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const connectors = Array.from({ length: 3 }, () => ({ id: `con_${randomBytes(8).toString('hex')}`, type: 'pagerduty', workspace_id: `ws_${randomBytes(6).toString('hex')}` }));
  const floor = await startTickFloor({ client, address, taskQueue: `floor-${randomBytes(4).toString('hex')}`, connectors, intervalMinutes: 1440 });
  try {
    await floor.prepare();
    await floor.fire(60_000);
    await floor.fire(60_000); // a second round: the first runs have closed, so overlap SKIP lets these start
    for (const c of connectors) {
      const d = await client.schedule.getHandle(floor.scheduleId(c)).describe();
      // The shape of a connector's schedule: its offset, one interval of catch-up, overlap SKIP.
      assert.equal(Number(d.spec.intervals?.[0]?.offset ?? 0), scheduleOffsetSeconds(c.id, 1440) * 1000);
      assert.equal(Number(d.policies.catchupWindow), 1440 * 60_000);
      assert.equal(d.policies.overlap, ScheduleOverlapPolicy.SKIP);
      assert.equal(d.info.recentActions.length, 2);
      for (const action of d.info.recentActions) {
        const run = await client.workflow.getHandle(action.action.workflow.workflowId, action.action.workflow.firstExecutionRunId).describe();
        assert.equal(run.type, 'floorTick');
        assert.equal(run.status.name, 'COMPLETED');
        assert.equal(run.typedSearchAttributes.get(SA_CONNECTOR_ID), c.id);
      }
    }
  } finally {
    await floor.close();
  }
  for (const c of connectors) {
    await assert.rejects(client.schedule.getHandle(floor.scheduleId(c)).describe(), ScheduleNotFoundError);
  }
  await connection.close();
});
