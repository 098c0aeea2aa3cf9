// Where activities run: long activities that wait on the outside world (a sync's pages) on the I/O queue with their
// own slots; the short control steps of the hot paths (onboarding, a tick's claim, run bookkeeping) as local
// activities of the workflow's worker on the main queue. A backlog of slow provider pages then holds only the I/O
// slots: a customer's onboarding and the ticks' claims go on.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { defaultPayloadConverter } from '@temporalio/common';
import { taskQueues, workflowIds } from '../contracts/ids.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, fault, waitForRun } from './helpers/sync.ts';

let s: TestStack;
before(async () => {
  // One I/O slot, so a single slow page fills it; a heartbeat timeout longer than the slow page (no retry mid-test).
  s = await startTestStack({ WORKER_MAX_CONCURRENT_ACTIVITIES: '1', WORKER_MAX_CONCURRENT_CONTROL_ACTIVITIES: '4', SYNC_HEARTBEAT_TIMEOUT_SECONDS: '60' });
});
after(async () => {
  await s?.close();
});

/** Activity type → the task queue Temporal scheduled it on, or `local` for a local activity's marker, from a workflow's history. */
async function activityQueues(workflowId: string, runId?: string): Promise<Record<string, string>> {
  const h = await s.temporal.workflow.getHandle(workflowId, runId).fetchHistory();
  const out: Record<string, string> = {};
  for (const e of h.events ?? []) {
    const a = e.activityTaskScheduledEventAttributes;
    if (a) out[a.activityType!.name!] = a.taskQueue!.name!;
    const m = e.markerRecordedEventAttributes;
    if (m?.markerName === 'core_local_activity') out[defaultPayloadConverter.fromPayload<{ activity_type: string }>(m.details!.data!.payloads![0]!).activity_type] = 'local';
  }
  return out;
}

test('a sync\'s pages are scheduled on the I/O queue; its bookkeeping, a tick\'s claim and onboarding\'s steps are local activities (Temporal history)', async () => {
  const { id, firstRunId, onboardingWorkflowId } = await connectedPagerDuty(s, 'queues');
  const run = await waitForRun(s, id, firstRunId!);
  assert.equal(run.status, 'succeeded');
  const q = s.config.TEMPORAL_TASK_QUEUE;
  assert.deepEqual(await activityQueues(run.workflow_id), { startSyncRun: 'local', syncPages: taskQueues.io(q), finishSyncRun: 'local' });
  assert.deepEqual(await activityQueues(onboardingWorkflowId), { testConnection: 'local', completeOnboarding: 'local', activateConnector: 'local' });

  await s.temporal.schedule.getHandle(workflowIds.schedule(id)).trigger();
  const tick = await eventually(async () => (await s.api('GET', `/v1/connectors/${id}/sync-runs`)).body.data.find((r: { trigger: string }) => r.trigger === 'schedule'), 10_000, 'the tick');
  const tickRow = await s.db.selectFrom('sync_runs').select('tick_id').where('id', '=', tick.id).executeTakeFirstOrThrow();
  const [tickWorkflow, tickRun] = [tickRow.tick_id!.slice(0, tickRow.tick_id!.lastIndexOf('/')), tickRow.tick_id!.slice(tickRow.tick_id!.lastIndexOf('/') + 1)];
  assert.deepEqual(await activityQueues(tickWorkflow, tickRun), { claimScheduledRun: 'local' });
  await waitForRun(s, id, tick.id);
});

test('while a slow provider page holds every I/O slot, a new connector is onboarded and a tick is claimed; then everything finishes', async () => {
  const slowKey = 'pd-slow-pages-key-0123456789';
  const { id: busyId, firstRunId } = await connectedPagerDuty(s, 'busy', slowKey);
  await waitForRun(s, busyId, firstRunId!);
  await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 1, delay_ms: 15_000, path: '/incidents', key: slowKey });
  const busy = await s.api('POST', `/v1/connectors/${busyId}/sync`);
  assert.equal(busy.status, 202, busy.text);
  // The busy run's page request is in the emulator, waiting: the one I/O slot is taken.
  await eventually(async () => s.emulator.state.faults.find((f) => f.key === slowKey)?.remaining === 0, 20_000, 'the slow page to start');

  // Onboarding (provider test, activation, first sync started) and a scheduled tick's claim run on the main queue.
  const { id, firstRunId: newFirst } = await connectedPagerDuty(s, 'onboarded meanwhile');
  assert.ok(newFirst, 'its first sync was started');
  await s.temporal.schedule.getHandle(workflowIds.schedule(id)).trigger();
  const tick = await eventually(async () => {
    const runs = await s.api('GET', `/v1/connectors/${id}/sync-runs`);
    return runs.body.data.find((r: { trigger: string }) => r.trigger === 'schedule');
  }, 10_000, 'the tick to be claimed');
  // The new connector's first sync is still waiting for the I/O slot, so the tick is recorded as skipped.
  assert.equal(tick.status, 'skipped');
  // All of that happened while the slow page still held the slot.
  assert.equal((await s.api('GET', `/v1/connectors/${busyId}/sync-runs/${busy.body.sync_run_id}`)).body.status, 'running');

  // Nothing was lost: the slow run finishes, then the new connector's first sync gets the slot.
  assert.equal((await waitForRun(s, busyId, busy.body.sync_run_id, 60_000)).status, 'succeeded');
  assert.equal((await waitForRun(s, id, newFirst!, 60_000)).status, 'succeeded');
  const wf = await s.temporal.workflow.getHandle((await s.api('GET', `/v1/connectors/${busyId}/sync-runs/${busy.body.sync_run_id}`)).body.workflow_id).describe();
  assert.equal(wf.taskQueue, s.config.TEMPORAL_TASK_QUEUE, 'workflows stay on the main queue');
});
