// Workflow contracts: the documented, readable id formats and their parsing; failure unwrapping.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { describeFailure } from '../contracts/failures.ts';
import { parseScheduleId, parseWorkflowId, workflowIds } from '../contracts/ids.ts';
import { newId } from '../lib/ids.ts';

test('workflow and schedule ids have the documented readable formats', () => {
  assert.equal(workflowIds.onboarding('con_1'), 'onboarding/con_1');
  assert.equal(workflowIds.sync('con_1', 'run_2'), 'sync/con_1/run_2');
  assert.equal(workflowIds.scheduledSync('con_1'), 'sync-scheduled/con_1');
  assert.equal(workflowIds.backfill('bf_3'), 'backfill/bf_3');
  assert.equal(workflowIds.webhookDelivery('whd_4'), 'webhook/whd_4');
  assert.equal(workflowIds.schedule('con_1'), 'sync-schedule/con_1');
  assert.equal(workflowIds.connectionTest('con_1', 'ab12'), 'connection-test/con_1/ab12');
});

test('every id format parses back to what it names; anything else is not ours', () => {
  const con = newId('con');
  const run = newId('run');
  const bf = newId('bf');
  const whd = newId('whd');
  assert.deepEqual(parseWorkflowId(workflowIds.onboarding(con)), { kind: 'onboarding', connectorId: con });
  assert.deepEqual(parseWorkflowId(workflowIds.sync(con, run)), { kind: 'sync', connectorId: con, syncRunId: run });
  assert.deepEqual(parseWorkflowId(workflowIds.scheduledSync(con)), { kind: 'scheduledSync', connectorId: con });
  assert.deepEqual(parseWorkflowId(workflowIds.backfill(bf)), { kind: 'backfill', backfillId: bf });
  assert.deepEqual(parseWorkflowId(workflowIds.webhookDelivery(whd)), { kind: 'webhookDelivery', deliveryId: whd });
  assert.deepEqual(parseWorkflowId(workflowIds.connectionTest(con, 'a1b2c3')), { kind: 'connectionTest', connectorId: con });
  assert.equal(parseScheduleId(workflowIds.schedule(con)), con);
  for (const other of ['sync/' + con, `sync/${con}/${bf}`, 'backfill/bf_x', `onboarding/${con}/x`, 'hello', `sync-schedule/${run}`]) {
    assert.equal(parseWorkflowId(other), undefined, other);
  }
  assert.equal(parseScheduleId(`sync-schedule/${con}x`), undefined);
});

test('describeFailure unwraps activity failures to the cause\'s type and message', () => {
  const cause = ApplicationFailure.create({ type: 'Provider_unauthorized', message: 'bad key' });
  const wrapped = new ActivityFailure('activity failed', 'syncPages', '1', RetryState.NON_RETRYABLE_FAILURE, 'worker', cause);
  assert.deepEqual(describeFailure(wrapped, 'sync_failed'), { code: 'Provider_unauthorized', message: 'bad key' });
  assert.deepEqual(describeFailure(new Error('boom'), 'sync_failed'), { code: 'sync_failed', message: 'boom' });
  assert.deepEqual(describeFailure(ApplicationFailure.create({ message: 'no type' }), 'chunk_failed'), { code: 'chunk_failed', message: 'no type' });
});
