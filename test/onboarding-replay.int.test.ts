// Onboarding's steps (test, settle, activate) are local activities: their results reach Temporal only when the
// workflow task completes. A worker killed after the settling step committed — the connector already `connected` —
// but before that task completed has every step run again on the next worker (a replay). They answer what the first
// run decided, so the connector still gets its schedule and exactly one first sync, and the PUT its success.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { workflowIds } from '../contracts/ids.ts';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { createLifecycle } from '../services/lifecycle.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { waitForRun } from './helpers/sync.ts';
import { startWorkerProcess, type WorkerProcess } from './helpers/worker-process.ts';

let s: TestStack;
const workers: WorkerProcess[] = [];
before(async () => {
  s = await startTestStack({ SCHEDULE_APPLY_WAIT_MS: '30000' }, { worker: false });
});
after(async () => {
  for (const w of workers) await w.kill();
  await s?.close();
});

test('a worker killed after onboarding connected the connector, before its workflow task completed: the replay connects it once — schedule, one first sync, the PUT answers success', { timeout: 120_000 }, async () => {
  workers.push(await startWorkerProcess(s.env));
  const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'replayed' });
  assert.equal(c.status, 201, c.text);
  const id: string = c.body.id;
  // Another process holds the lease on the connector's schedule, so the last step (activation) waits for it to apply
  // the schedule (up to SCHEDULE_APPLY_WAIT_MS): the connector is connected, the workflow task not yet completed.
  const lease = (until: Date | null) => s.db.updateTable('connector_schedules').set({ lease_owner: until ? 'test:elsewhere' : null, lease_until: until }).where('connector_id', '=', id).execute();
  await lease(new Date(Date.now() + 3_600_000));
  const put = s.api('PUT', `/v1/connectors/${id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
  await eventually(async () => (await s.db.selectFrom('connectors').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status === 'connected', 30_000, 'the connector connected by the first worker');
  await workers[0]!.kill('SIGKILL');
  await lease(null);

  // The next worker gets the onboarding's workflow task once Temporal times the dead worker's out, and replays it.
  workers.push(await startWorkerProcess(s.env));
  const answer = await put;
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.body.test.success, true, `the replayed test answers what the first one found, not "superseded": ${answer.text}`);
  assert.equal(answer.body.connector.status, 'connected', answer.text);
  assert.ok(answer.body.first_sync_run_id, `a first sync: ${answer.text}`);

  const runs = await s.db.selectFrom('sync_runs').select(['id', 'trigger', 'tick_id']).where('connector_id', '=', id).execute();
  assert.equal(runs.length, 1, `exactly one first sync: ${JSON.stringify(runs)}`);
  const settled = await s.db.selectFrom('connectors').select(['settled_candidate_id', 'settled_candidate']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.match(settled.settled_candidate_id ?? '', /^cand_/);
  assert.deepEqual(settled.settled_candidate, { test: { success: true, latency_ms: settled.settled_candidate!.test.latency_ms }, became_connected: true });
  assert.deepEqual(runs[0], { id: answer.body.first_sync_run_id, trigger: 'onboarding', tick_id: `onboarding/${settled.settled_candidate_id}` });
  const run = await waitForRun(s, id, answer.body.first_sync_run_id);
  assert.equal(run.status, 'succeeded', JSON.stringify(run));

  // Its Temporal schedule exists and is active (applied inline when it can be, else by the reconciler), and the API
  // agrees. Described directly, not read through the API first (which would re-apply a missing schedule).
  const schedule = await eventually(
    () => s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe().catch(() => undefined),
    30_000, 'the connector\'s Temporal schedule',
  );
  assert.equal(schedule.state.paused, false);
  const view = await s.api('GET', `/v1/connectors/${id}/schedule`);
  assert.equal(view.status, 200, view.text);
  assert.ok(view.body.next_run_at, view.text);
});

test('activation run again for the same credentials returns their first sync instead of starting another', { timeout: 60_000 }, async () => {
  if (workers.length === 0) workers.push(await startWorkerProcess(s.env));
  const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'activated-twice' });
  const put = await s.api('PUT', `/v1/connectors/${c.body.id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
  assert.equal(put.status, 200, put.text);
  const first = await waitForRun(s, c.body.id, put.body.first_sync_run_id);
  assert.equal(first.status, 'succeeded');
  const { settled_candidate_id: candidateId } = await s.db.selectFrom('connectors').select('settled_candidate_id').where('id', '=', c.body.id).executeTakeFirstOrThrow();
  // What a replayed activation does, after the first sync finished: the same run back, nothing new.
  const lifecycle = createLifecycle({ db: s.db, orchestrator: s.orchestrator, config: s.config });
  assert.deepEqual(await lifecycle.activate(c.body.id, 'onboarding', candidateId!), { syncRunId: put.body.first_sync_run_id });
  const runs = await s.db.selectFrom('sync_runs').select('id').where('connector_id', '=', c.body.id).execute();
  assert.deepEqual(runs.map((r) => r.id), [put.body.first_sync_run_id]);
  // Other credentials are another activation: a new first sync.
  const other = await lifecycle.activate(c.body.id, 'onboarding', 'cand_other');
  assert.notEqual(other.syncRunId, put.body.first_sync_run_id);
  await waitForRun(s, c.body.id, other.syncRunId!);
});
