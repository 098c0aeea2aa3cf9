// Where activities run: long activities that wait on the outside world (a sync's pages) on the I/O queue with their
// own slots; the short control steps of the hot paths (onboarding, a tick's claim, run bookkeeping) as local
// activities of the workflow's worker on the main queue. A backlog of slow provider pages then holds only the I/O
// slots: a customer's onboarding and the ticks' claims go on. Workflows started with today's revision carry no patch
// markers, and a tick runs its sync in its own workflow, its first pages in its own workflow task (a local pass) and
// the rest, if any, on the I/O queue; ticks of a schedule not yet upgraded run as they did.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { defaultPayloadConverter } from '@temporalio/common';
import proto, { type temporal } from '@temporalio/proto';
import { taskQueues, workflowIds } from '../contracts/ids.ts';
import { WORKFLOW_REVISION, type ScheduledSyncInput } from '../contracts/workflows.ts';
import { up as tickRevisionMigration } from '../migrations/20261205T0900_tick_revision.ts';
import { up as revision3Migration } from '../migrations/20261207T0900_tick_revision_3.ts';
import { up as revision4Migration } from '../migrations/20261209T0900_tick_revision_4.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { assertCountsAddUp, connectedPagerDuty, emulatorSync, fault, recordCount, waitForRun } from './helpers/sync.ts';

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

/**
 * Activity type → the task queue Temporal scheduled it on, or `local` for a local activity's marker, from a workflow's
 * history; an activity that ran in both ways, in order, joined by `+`.
 */
async function activityQueues(workflowId: string, runId?: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const add = (type: string, where: string) => (out[type] = out[type] ? `${out[type]}+${where}` : where);
  for (const e of await events(workflowId, runId)) {
    const a = e.activityTaskScheduledEventAttributes;
    if (a) add(a.activityType!.name!, a.taskQueue!.name!);
    const m = e.markerRecordedEventAttributes;
    if (m?.markerName === 'core_local_activity') add(defaultPayloadConverter.fromPayload<{ activity_type: string }>(m.details!.data!.payloads![0]!).activity_type, 'local');
  }
  return out;
}

/** Rewrites the arguments of the connector's schedule's action (as an older release, or other settings, wrote them). */
async function rewriteAction(id: string, change: (input: ScheduledSyncInput) => ScheduledSyncInput): Promise<void> {
  await s.temporal.schedule.getHandle(workflowIds.schedule(id)).update((prev) => {
    if (prev.action.type !== 'startWorkflow') throw new Error('not a workflow action');
    const [input] = prev.action.args as [ScheduledSyncInput];
    return { ...prev, action: { ...prev.action, args: [change(input)] } };
  });
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

test('a sync\'s pages are scheduled on the I/O queue; its bookkeeping, a tick\'s claim and pages and onboarding\'s steps are local activities (Temporal history)', async () => {
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
  // A short sync (no new records: one empty page per kind) is fetched in the tick's own workflow task: no activity task.
  assert.deepEqual(await activityQueues(tickWorkflow, tickRun), { claimScheduledRun: 'local', startSyncRun: 'local', syncPages: 'local', finishSyncRun: 'local' });
  assert.equal(view.pages, 2, 'one page per kind');
  assert.ok(!view.log.some((l: { message: string }) => l.message.includes('I/O queue')), JSON.stringify(view.log));
  await assert.rejects(s.temporal.workflow.getHandle(workflowIds.sync(id, tick.id)).describe(), /not found/i, 'no sync/con_…/run_… workflow for a tick');

  // Started with today's revision: no patch marker and no TemporalChangeVersion upsert anywhere.
  for (const [wf, runId] of [[run.workflow_id], [onboardingWorkflowId], [tickWorkflow, tickRun]]) assert.deepEqual(await patchEvents(wf!, runId), [], wf);
  const types = (await events(tickWorkflow, tickRun)).map(eventName);
  assert.ok(!types.some((t) => t.includes('CHILD_WORKFLOW')), types.join(' '));
  // One workflow task: the claim, the run's start, its pages and its finish are its four markers.
  assert.equal(types.length, 9, `a short tick, its sync included, is 9 events: ${types.join(' ')}`);
});

test('upgrade: ticks of a schedule with no revision, revision 2 or 3, run as before (patch markers and a waited-for child; a child started; pages on the I/O queue) until each migration re-applies it', async () => {
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

  // Revision 3's migration re-applies it again (as today's release writes it).
  await revision3Migration(s.db);
  await revisionApplied(WORKFLOW_REVISION);

  // A schedule as a revision-3 release wrote it (no local pages): its ticks run the sync in themselves, every page on
  // the I/O queue.
  await rewriteAction(id, ({ settings: { tickLocalPages: _, ...settings }, ...input }) => ({ ...input, settings, revision: 3 }));
  const third = await triggerTick(id, old.id, second.id);
  const [thirdWorkflow, thirdRun] = await tickOf(third.id);
  const thirdResult = await s.temporal.workflow.getHandle(thirdWorkflow, thirdRun).result();
  assert.equal(thirdResult.status, 'succeeded');
  assert.equal((thirdResult as { syncRunId?: string }).syncRunId, third.id);
  assert.deepEqual(await patchEvents(thirdWorkflow, thirdRun), []);
  assert.equal((await waitForRun(s, id, third.id)).workflow_id, thirdWorkflow);
  assert.equal((await activityQueues(thirdWorkflow, thirdRun)).syncPages, taskQueues.io(s.config.TEMPORAL_TASK_QUEUE));

  // Revision 4's migration re-applies it (as today's release writes it: revision 5 changed only backfills); its next
  // tick fetches its pages in its own workflow task.
  await revision4Migration(s.db);
  await revisionApplied(WORKFLOW_REVISION);
  const next = await triggerTick(id, old.id, second.id, third.id);
  const [nextWorkflow, nextRun] = await tickOf(next.id);
  assert.equal((await s.temporal.workflow.getHandle(nextWorkflow, nextRun).result()).status, 'succeeded');
  assert.deepEqual(await patchEvents(nextWorkflow, nextRun), []);
  assert.equal((await activityQueues(nextWorkflow, nextRun)).syncPages, 'local');
});

test('a tick whose sync outlasts its local pass continues on the I/O queue where the pass stopped: every record fetched once, none lost', async () => {
  const { id, firstRunId } = await connectedPagerDuty(s, 'long tick');
  const first = await waitForRun(s, id, firstRunId!);
  // A pass of two pages (the default would take this whole sync), and a tick with more to fetch: every incident the
  // first sync stored changed (one page of incidents, and two of the log entries the changes wrote).
  await rewriteAction(id, (input) => ({ ...input, settings: { ...input.settings, tickLocalPages: 2 } }));
  const changed = s.emulator.state.changeMany('pagerduty', 'incident', Date.parse(first.window.start), Date.parse(first.window.end), 1, { title: 'changed for the long tick' });

  const tick = await triggerTick(id);
  const [tickWorkflow, tickRun] = await tickOf(tick.id);
  assert.equal((await s.temporal.workflow.getHandle(tickWorkflow, tickRun).result()).status, 'succeeded');
  assert.deepEqual(await activityQueues(tickWorkflow, tickRun), {
    claimScheduledRun: 'local', startSyncRun: 'local', syncPages: `local+${taskQueues.io(s.config.TEMPORAL_TASK_QUEUE)}`, finishSyncRun: 'local',
  });
  const run = await waitForRun(s, id, tick.id);
  assert.equal(run.status, 'succeeded', JSON.stringify(run));
  // The I/O queue's activity started where the pass's two pages ended: inside the log entries, not at the beginning.
  assert.equal(run.pages, 3, JSON.stringify(run));
  const handoff = run.log.find((l: { message: string }) => l.message.startsWith('continuing on the I/O queue at '));
  assert.ok(handoff, JSON.stringify(run.log));
  assert.match(handoff.message, /^continuing on the I\/O queue at log_entry page (?!first)/);
  // Every page of the window counted once: what the emulator serves for it, fetched once.
  const expected = emulatorSync(s, 'pagerduty', ['incident', 'log_entry'], run.window);
  assert.equal(run.records_fetched, expected.fetched);
  assert.ok(run.records_updated >= changed, JSON.stringify(run));
  assertCountsAddUp(run);
  assert.equal(await recordCount(s, id), (await waitForRun(s, id, firstRunId!)).records_added + run.records_added);
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

test('ticks\' local passes take at most half the local-activity slots: past that a tick\'s pages go to the I/O queue at once, and onboarding\'s steps still run', async () => {
  // WORKER_MAX_CONCURRENT_CONTROL_ACTIVITIES 4 here: two local passes at once.
  const slow: { id: string; firstRunId: string | null; key: string }[] = [];
  for (const n of [1, 2]) {
    const key = `pd-slow-pass-${n}-key-0123456789`;
    const c = await connectedPagerDuty(s, `slow pass ${n}`, key);
    await waitForRun(s, c.id, c.firstRunId!);
    slow.push({ ...c, key });
  }
  const quick = await connectedPagerDuty(s, 'quick pass');
  await waitForRun(s, quick.id, quick.firstRunId!);
  for (const { key } of slow) await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 1, delay_ms: 10_000, path: '/incidents', key });
  const slowTicks: { id: string }[] = [];
  for (const c of slow) slowTicks.push(await triggerTick(c.id));
  // Both passes wait for their slow page in the emulator: both lanes taken.
  await eventually(async () => slow.every(({ key }) => s.emulator.state.faults.find((f) => f.key === key)?.remaining === 0), 20_000, 'the slow pages to start');

  const tick = await triggerTick(quick.id);
  const [tickWorkflow, tickRun] = await tickOf(tick.id);
  assert.equal((await s.temporal.workflow.getHandle(tickWorkflow, tickRun).result()).status, 'succeeded');
  // No lane was free: the pass returned at once and the I/O queue fetched every page.
  assert.equal((await activityQueues(tickWorkflow, tickRun)).syncPages, `local+${taskQueues.io(s.config.TEMPORAL_TASK_QUEUE)}`);
  assert.equal((await waitForRun(s, quick.id, tick.id)).pages, 2);
  // Onboarding's steps had local slots meanwhile.
  const onboarded = await connectedPagerDuty(s, 'onboarded beside the passes');
  assert.ok(onboarded.firstRunId);
  for (const [i, c] of slow.entries()) {
    assert.equal((await s.api('GET', `/v1/connectors/${c.id}/sync-runs/${slowTicks[i]!.id}`)).body.status, 'running', 'all of that while the slow passes ran');
  }
  // The slow pages outlasted the passes' time (2 s): each pass committed its page and the I/O queue fetched the rest.
  for (const [i, c] of slow.entries()) {
    const run = await waitForRun(s, c.id, slowTicks[i]!.id, 60_000);
    assert.equal(run.status, 'succeeded');
    assert.equal(run.pages, 2);
    assert.ok(run.log.some((l: { message: string }) => l.message === 'continuing on the I/O queue at log_entry page first'), JSON.stringify(run.log));
    const [w, r] = await tickOf(slowTicks[i]!.id);
    assert.equal((await activityQueues(w, r)).syncPages, `local+${taskQueues.io(s.config.TEMPORAL_TASK_QUEUE)}`);
  }
});

test('a provider error or a Retry-After beyond the pass\'s time (2 s) in a tick\'s local pass leaves the page to the I/O queue, which retries it as any sync\'s (Retry-After honoured)', async () => {
  const key = 'pd-pass-faults-key-0123456789';
  const { id, firstRunId } = await connectedPagerDuty(s, 'pass faults', key);
  await waitForRun(s, id, firstRunId!);
  const io = taskQueues.io(s.config.TEMPORAL_TASK_QUEUE);

  await fault(s, { provider: 'pagerduty', kind: 'server_error', status: 503, remaining: 1, path: '/incidents', key });
  const failed = await triggerTick(id);
  let [w, r] = await tickOf(failed.id);
  assert.equal((await s.temporal.workflow.getHandle(w, r).result()).status, 'succeeded');
  assert.equal((await activityQueues(w, r)).syncPages, `local+${io}`);
  const afterError = await waitForRun(s, id, failed.id);
  assert.equal(afterError.pages, 2, 'the failed page fetched again, nothing counted twice');
  assert.ok(afterError.log.some((l: { level: string; message: string }) => l.level === 'warn' && l.message.startsWith('incident: ')), JSON.stringify(afterError.log));

  await fault(s, { provider: 'pagerduty', kind: 'rate_limit', remaining: 1, retry_after_s: 8, path: '/incidents', key });
  const limited = await triggerTick(id, failed.id);
  [w, r] = await tickOf(limited.id);
  assert.equal((await s.temporal.workflow.getHandle(w, r).result()).status, 'succeeded');
  assert.equal((await activityQueues(w, r)).syncPages, `local+${io}`);
  const run = await waitForRun(s, id, limited.id);
  const limitedAt = run.log.find((l: { message: string }) => l.message.includes('rate_limited'));
  assert.ok(limitedAt, JSON.stringify(run.log));
  const waited = Date.parse(run.finished_at) - Date.parse(limitedAt.at);
  assert.ok(waited >= 7_500, `the I/O queue waited out the Retry-After (${waited} ms)`);
});
