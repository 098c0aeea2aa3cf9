// PUT …/credentials answers as soon as the test's outcome is stored and the first sync is queued; the schedule and
// the first sync's workflow start after the answer, in the same onboarding workflow. The activation is held at a
// gate here (the real lifecycle behind it), so what the caller sees before it runs is observed, not raced.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { defaultPayloadConverter } from '@temporalio/common';
import { ScheduleNotFoundError } from '@temporalio/client';
import { workflowIds } from '../contracts/ids.ts';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { newId } from '../lib/ids.ts';
import { createLifecycle, type Lifecycle } from '../services/lifecycle.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';
import { waitForRun } from './helpers/sync.ts';

let s: TestStack;
let real: Lifecycle;
let gate: Promise<void> = Promise.resolve();
let activations = 0;
const lifecycle: Lifecycle = {
  activate: async (...args) => {
    activations++;
    await gate;
    return real.activate(...args);
  },
  reconcile: (id) => real.reconcile(id),
};

before(async () => {
  s = await startTestStack({}, { lifecycle });
  real = createLifecycle({ db: s.db, orchestrator: s.orchestrator, config: s.config });
});
after(async () => {
  await s?.close();
});

/** Holds every activation until the returned function is called. */
function hold(): () => void {
  let release!: () => void;
  gate = new Promise((r) => (release = r));
  return release;
}

async function onboard(name: string) {
  const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name });
  assert.equal(c.status, 201, c.text);
  const put = await s.api('PUT', `/v1/connectors/${c.body.id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
  assert.equal(put.status, 200, put.text);
  return { id: c.body.id as string, put: put.body };
}

const scheduleExists = (id: string) =>
  s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe().then(
    () => true,
    (err) => (err instanceof ScheduleNotFoundError ? false : Promise.reject(err)),
  );

/** The onboarding's history as event names, a local activity's marker named by its activity. */
async function steps(workflowId: string): Promise<string[]> {
  const history = await s.temporal.workflow.getHandle(workflowId).fetchHistory();
  return history.events!.flatMap((e) => {
    const m = e.markerRecordedEventAttributes;
    if (m?.markerName === 'core_local_activity') return [defaultPayloadConverter.fromPayload<{ activity_type: string }>(m.details!.data!.payloads![0]!).activity_type];
    if (e.workflowExecutionUpdateCompletedEventAttributes) return ['answered'];
    if (e.workflowExecutionCompletedEventAttributes) return ['completed'];
    return [];
  });
}

test('the answer comes before the activation: connected, the first sync queued and named; the schedule and the run start after it', async () => {
  const release = hold();
  const before = activations;
  const { id, put } = await onboard('answer first');
  assert.equal(put.connector.status, 'connected');
  assert.equal(put.test.success, true);
  assert.equal('first_sync_run_id' in put.test, false, 'the run id is a field of the answer, not of the test');
  const runId = put.first_sync_run_id as string;
  assert.match(runId, /^run_/);

  // Answered before the activation ran (it waits at the gate, or has not begun): the run is queued and listed, and
  // its workflow does not exist yet. (The schedule may: the reconciler also applies a status change.)
  const runs = (await s.api('GET', `/v1/connectors/${id}/sync-runs`)).body.data;
  assert.deepEqual(runs.map((r: { id: string; status: string; trigger: string }) => [r.id, r.status, r.trigger]), [[runId, 'queued', 'onboarding']]);
  assert.equal(await s.orchestrator.workflowExists(workflowIds.sync(id, runId)), false);
  assert.equal((await s.temporal.workflow.getHandle(put.workflow_id).describe()).status.name, 'RUNNING');

  release();
  const result = await s.temporal.workflow.getHandle(put.workflow_id).result();
  assert.equal(result.first_sync_run_id, runId);
  assert.equal(activations, before + 1, 'activated once');
  assert.equal((await waitForRun(s, id, runId)).status, 'succeeded');
  assert.equal(await scheduleExists(id), true);
  assert.deepEqual(await steps(put.workflow_id), ['testConnection', 'completeOnboarding', 'answered', 'activateConnector', 'completed']);
});

test('paused between the answer and the activation: the queued first sync is cancelled without ever starting, and the schedule is created paused', async () => {
  const release = hold();
  const { id, put } = await onboard('paused before activation');
  const runId = put.first_sync_run_id as string;
  assert.equal((await s.api('POST', `/v1/connectors/${id}/pause`)).status, 200);
  release();
  await s.temporal.workflow.getHandle(put.workflow_id).result();

  const run = (await s.api('GET', `/v1/connectors/${id}/sync-runs/${runId}`)).body;
  assert.equal(run.status, 'cancelled');
  assert.ok(run.log.some((l: { message: string }) => l.message === 'cancelled before it started: the connector is paused'), JSON.stringify(run.log));
  assert.equal(await s.orchestrator.workflowExists(workflowIds.sync(id, runId)), false, 'its workflow never started');
  const schedule = await s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe();
  assert.equal(schedule.state.paused, true);
});

test('a first sync an earlier onboarding queued but never started (superseded after answering) is started by the next one', async () => {
  const { id, put } = await onboard('superseded');
  await s.temporal.workflow.getHandle(put.workflow_id).result();
  assert.equal((await waitForRun(s, id, put.first_sync_run_id)).status, 'succeeded');
  // What a superseded onboarding leaves: its first sync queued, no workflow for it.
  const leftover = newId('run');
  await s.db.insertInto('sync_runs').values({ id: leftover, connector_id: id, workspace_id: (await s.api('GET', `/v1/connectors/${id}`)).body.workspace_id, status: 'queued', trigger: 'onboarding', workflow_id: workflowIds.sync(id, leftover), log: JSON.stringify([]) }).execute();

  const again = await s.api('PUT', `/v1/connectors/${id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.first_sync_run_id, leftover);
  assert.equal((await waitForRun(s, id, leftover)).status, 'succeeded');

  // A re-key with nothing left over names no run and starts none.
  const third = await s.api('PUT', `/v1/connectors/${id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
  assert.equal(third.body.first_sync_run_id, null);
  await s.temporal.workflow.getHandle(third.body.workflow_id).result();
  assert.equal((await s.api('GET', `/v1/connectors/${id}/sync-runs`)).body.data.length, 2);
});

test('a failed test answers at once with no run, and its workflow ends without activating', async () => {
  const before = activations;
  const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'wrong key' });
  const put = await s.api('PUT', `/v1/connectors/${c.body.id}/credentials`, { api_key: 'pd_wrong_key_for_the_answer_test' });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.body.test.success, false);
  assert.equal(put.body.first_sync_run_id, null);
  assert.equal(put.body.connector.status, 'pending');
  // (The update is answered inside that same task, or finds the run ended and the API reads its result.)
  assert.deepEqual((await steps(put.body.workflow_id)).filter((e) => e !== 'answered'), ['testConnection', 'completeOnboarding', 'completed']);
  assert.equal(activations, before);
});
