// Where activities run: long activities that wait on the outside world (a sync's pages) on the I/O queue with their
// own slots; the short control steps of the hot paths (onboarding, a tick's claim, run bookkeeping) as local
// activities of the workflow's worker on the main queue. A backlog of slow provider pages then holds only the I/O
// slots: a customer's onboarding and the ticks' claims go on. Workflows started with today's revision carry no patch
// markers, and a tick runs its sync in its own workflow; ticks of a schedule not yet upgraded run as they did.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { defaultPayloadConverter } from '@temporalio/common';
import proto, { type temporal } from '@temporalio/proto';
import { taskQueues, workflowIds } from '../contracts/ids.ts';
import { WORKFLOW_REVISION, type ScheduledSyncInput } from '../contracts/workflows.ts';
import { up as tickRevisionMigration } from '../migrations/20261205T0900_tick_revision.ts';
import { up as revision3Migration } from '../migrations/20261207T0900_tick_revision_3.ts';
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

async function events(workflowId: string, runId?: string): Promise<temporal.api.history.v1.IHistoryEvent[]> {
  return (await s.temporal.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
}

/** Activity type → the task queue Temporal scheduled it on, or `local` for a local activity's marker, from a workflow's history. */
async function activityQueues(workflowId: string, runId?: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await events(workflowId, runId)) {
    const a = e.activityTaskScheduledEventAttributes;
    if (a) out[a.activityType!.name!] = a.taskQueue!.name!;
    const m = e.markerRecordedEventAttributes;
    if (m?.markerName === 'core_local_activity') out[defaultPayloadConverter.fromPayload<{ activity_type: string }>(m.details!.data!.payloads![0]!).activity_type] = 'local';
  }
  return out;
}

/** The patch markers and search-attribute upserts in a workflow's history (each costs events and a visibility write). */
async function patchEvents(workflowId: string, runId?: string): Promise<string[]> {
  return (await events(workflowId, runId))
    .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch' || e.upsertWorkflowSearchAttributesEventAttributes)
    .map(eventName);
}

function eventName(e: temporal.api.history.v1.IHistoryEvent): string {
  return proto.temporal.api.enums.v1.EventType[e.eventType!];
}

/** The tick workflow `sync-scheduled/con_…` and its run that claimed `syncRunId`. */
async function tickOf(syncRunId: string): Promise<[string, string]> {
  const { tick_id } = await s.db.selectFrom('sync_runs').select('tick_id').where('id', '=', syncRunId).executeTakeFirstOrThrow();
  return [tick_id!.slice(0, tick_id!.lastIndexOf('/')), tick_id!.slice(tick_id!.lastIndexOf('/') + 1)];
}

/** Triggers the connector's schedule and returns the scheduled run it claimed (one not among `earlier`). */
async function triggerTick(id: string, ...earlier: string[]): Promise<{ id: string; status: string }> {
  await s.temporal.schedule.getHandle(workflowIds.schedule(id)).trigger();
  return eventually(async () => (await s.api('GET', `/v1/connectors/${id}/sync-runs`)).body.data.find((r: { id: string; trigger: string }) => r.trigger === 'schedule' && !earlier.includes(r.id)), 10_000, 'the tick');
}

test('a sync\'s pages are scheduled on the I/O queue; its bookkeeping, a tick\'s claim and onboarding\'s steps are local activities (Temporal history)', async () => {
  const { id, firstRunId, onboardingWorkflowId } = await connectedPagerDuty(s, 'queues');
  const run = await waitForRun(s, id, firstRunId!);
  assert.equal(run.status, 'succeeded');
  await s.temporal.workflow.getHandle(run.workflow_id).result();
  const q = s.config.TEMPORAL_TASK_QUEUE;
  assert.deepEqual(await activityQueues(run.workflow_id), { startSyncRun: 'local', syncPages: taskQueues.io(q), finishSyncRun: 'local' });
  assert.deepEqual(await activityQueues(onboardingWorkflowId), { testConnection: 'local', completeOnboarding: 'local', activateConnector: 'local' });

  const tick = await triggerTick(id);
  const [tickWorkflow, tickRun] = await tickOf(tick.id);
  // The tick runs its sync itself: the run's workflow is the tick's, whose result is the sync's and names the run.
  // Its markers land as its workflow tasks complete, so the history is read once the tick has finished.
  const handle = s.temporal.workflow.getHandle(tickWorkflow, tickRun);
  const result = await handle.result();
  assert.equal(result.status, 'succeeded');
  assert.equal((result as { syncRunId?: string }).syncRunId, tick.id);
  const view = await waitForRun(s, id, tick.id);
  assert.equal(view.workflow_id, tickWorkflow);
  assert.match(view.workflow_id, new RegExp(`^sync-scheduled/${id}-\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$`));
  assert.deepEqual(await activityQueues(tickWorkflow, tickRun), { claimScheduledRun: 'local', startSyncRun: 'local', syncPages: taskQueues.io(q), finishSyncRun: 'local' });
  await assert.rejects(s.temporal.workflow.getHandle(workflowIds.sync(id, tick.id)).describe(), /not found/i, 'no sync/con_…/run_… workflow for a tick');

  // Started with today's revision: no patch marker and no TemporalChangeVersion upsert anywhere.
  for (const [wf, runId] of [[run.workflow_id], [onboardingWorkflowId], [tickWorkflow, tickRun]]) assert.deepEqual(await patchEvents(wf!, runId), [], wf);
  const types = (await events(tickWorkflow, tickRun)).map(eventName);
  assert.ok(!types.some((t) => t.includes('CHILD_WORKFLOW')), types.join(' '));
  assert.equal(types.length, 14, `a tick, its sync included, is 14 events: ${types.join(' ')}`);
});

test('upgrade: ticks of a schedule with no revision, or revision 2, run as before (patch markers and a waited-for child; a child started) until each migration re-applies it', async () => {
  const { id, firstRunId } = await connectedPagerDuty(s, 'upgraded');
  await waitForRun(s, id, firstRunId!);
  const schedule = s.temporal.schedule.getHandle(workflowIds.schedule(id));
  // The action as a release before revision 2 wrote it.
  await schedule.update((prev) => {
    if (prev.action.type !== 'startWorkflow') throw new Error('not a workflow action');
    const [{ revision: _, ...older }] = prev.action.args as [ScheduledSyncInput];
    return { ...prev, action: { ...prev.action, args: [older] } };
  });
  const old = await triggerTick(id);
  const [oldWorkflow, oldRun] = await tickOf(old.id);
  const result = await s.temporal.workflow.getHandle(oldWorkflow, oldRun).result();
  assert.equal(result.status, 'succeeded', 'an older tick waits for its sync and returns its result');
  assert.ok((await patchEvents(oldWorkflow, oldRun)).includes('EVENT_TYPE_MARKER_RECORDED'), 'an older tick takes the change by its patch marker');
  assert.deepEqual(await activityQueues(oldWorkflow, oldRun), { claimScheduledRun: 'local' });
  // The sync it started is today's revision all the same.
  await s.temporal.workflow.getHandle((await s.api('GET', `/v1/connectors/${id}/sync-runs/${old.id}`)).body.workflow_id).result();
  assert.deepEqual(await patchEvents((await s.api('GET', `/v1/connectors/${id}/sync-runs/${old.id}`)).body.workflow_id), []);

  // The upgrade's migration asks for a new version of every live schedule; the reconciler applies it.
  await tickRevisionMigration(s.db);
  const revisionApplied = (revision: number) => eventually(async () => {
    const d = await schedule.describe();
    return d.action.type === 'startWorkflow' && (d.action.args as [ScheduledSyncInput])[0].revision === revision;
  }, 30_000, `the schedule re-applied with revision ${revision}`);
  await revisionApplied(WORKFLOW_REVISION);

  // A schedule as a revision-2 release wrote it: its ticks start the sync as a child and complete at once.
  await schedule.update((prev) => {
    if (prev.action.type !== 'startWorkflow') throw new Error('not a workflow action');
    const [input] = prev.action.args as [ScheduledSyncInput];
    return { ...prev, action: { ...prev.action, args: [{ ...input, revision: 2 }] } };
  });
  const second = await triggerTick(id, old.id);
  const [secondWorkflow, secondRun] = await tickOf(second.id);
  assert.deepEqual(await s.temporal.workflow.getHandle(secondWorkflow, secondRun).result(), { status: 'started', syncRunId: second.id });
  assert.deepEqual(await patchEvents(secondWorkflow, secondRun), []);
  const secondView = await waitForRun(s, id, second.id);
  assert.equal(secondView.status, 'succeeded');
  assert.equal(secondView.workflow_id, workflowIds.sync(id, second.id));

  // Revision 3's migration re-applies it again; its next tick runs the sync in itself.
  await revision3Migration(s.db);
  await revisionApplied(3);
  const next = await triggerTick(id, old.id, second.id);
  const [nextWorkflow, nextRun] = await tickOf(next.id);
  const nextResult = await s.temporal.workflow.getHandle(nextWorkflow, nextRun).result();
  assert.equal(nextResult.status, 'succeeded');
  assert.equal((nextResult as { syncRunId?: string }).syncRunId, next.id);
  assert.deepEqual(await patchEvents(nextWorkflow, nextRun), []);
  assert.equal((await waitForRun(s, id, next.id)).workflow_id, nextWorkflow);
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
