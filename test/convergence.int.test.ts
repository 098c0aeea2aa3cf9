// Temporal converges to the database: canonical time zones, a schedule change Temporal could not take yet
// (honest 202, applied later), pause/resume/delete while Temporal is unreachable, and concurrent schedule
// writes that neither hang the pool nor starve another workspace.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { workflowIds } from '../contracts/ids.ts';
import { findSchedule } from '../db/schedules.repository.ts';
import { apiWithTemporalDown, eventually, startTestStack, type ApiCall, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, fault, waitForRun } from './helpers/sync.ts';
import { findConnector } from '../db/connectors.repository.ts';
import { Client } from '@temporalio/client';
import { DomainError } from '../lib/errors.ts';
import { createOrchestrator } from '../services/orchestrator.ts';

let s: TestStack;
let down: { api: ApiCall; close(): Promise<void> };
before(async () => {
  s = await startTestStack({ DATABASE_POOL_MAX: '5', DATABASE_ACQUIRE_TIMEOUT_MS: '10000' });
  down = await apiWithTemporalDown(s);
});
after(async () => {
  await down?.close();
  await s?.close();
});

const describeSchedule = (id: string) => s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe();
const intervalMinutes = async (id: string) => Number((await describeSchedule(id)).spec.intervals?.[0]?.every) / 60_000;

describe('schedules', () => {
  test('a first activation creates the schedule; a row that says "never applied" while the schedule exists still updates it', async () => {
    const { id } = await connectedPagerDuty(s, 'first-apply');
    const row = (await findSchedule(s.db, id))!;
    assert.ok(row.applied_at && row.applied_version === row.desired_version, 'activation applied the schedule');
    assert.equal(await intervalMinutes(id), 30);
    // A crash between Temporal's create and recording it leaves applied_at empty: the create meets the schedule and updates it.
    await s.db.updateTable('connector_schedules').set({ applied_at: null }).where('connector_id', '=', id).execute();
    const put = await s.api('PUT', `/v1/connectors/${id}/schedule`, { interval_minutes: 45 });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.applied, true);
    assert.equal(await intervalMinutes(id), 45);
  });

  test('a time zone in any letter case is stored and applied as its canonical IANA name', async () => {
    const { id } = await connectedPagerDuty(s, 'tz-case');
    const put = await s.api('PUT', `/v1/connectors/${id}/schedule`, { cron: '0 9 * * *', timezone: 'europe/berlin' });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.timezone, 'Europe/Berlin');
    assert.equal(put.body.applied, true);
    assert.ok(put.body.next_run_at);
    assert.equal((await describeSchedule(id)).spec.timezone, 'Europe/Berlin');
    const got = await s.api('GET', `/v1/connectors/${id}/schedule`);
    assert.deepEqual([got.body.cron, got.body.timezone, got.body.applied], ['0 9 * * *', 'Europe/Berlin', true]);
    assert.equal((await findSchedule(s.db, id))!.timezone, 'Europe/Berlin');
  });

  test('a schedule Temporal cannot take yet: 202 with applied:false and no promised next run; the reconciler applies it', async () => {
    const { id } = await connectedPagerDuty(s, 'tz-down');
    // The API with Temporal down waits a moment for a concurrent apply; the stack's own reconciler (Temporal up) can
    // win that race and apply the change first. Then the answer is a true 200 (Temporal runs it), and we try again.
    let minutes = 45;
    let put = await down.api('PUT', `/v1/connectors/${id}/schedule`, { interval_minutes: minutes });
    for (let attempt = 1; put.status === 200 && attempt < 5; attempt++) {
      assert.equal(put.body.applied, true, put.text);
      assert.equal(await intervalMinutes(id), minutes, 'a 200 means Temporal runs the stored schedule');
      minutes += 5;
      put = await down.api('PUT', `/v1/connectors/${id}/schedule`, { interval_minutes: minutes });
    }
    assert.equal(put.status, 202, put.text);
    assert.equal(put.body.interval_minutes, minutes);
    assert.equal(put.body.applied, false);
    assert.equal(put.body.next_run_at, null);
    assert.match(put.body.apply_error, /Temporal is unavailable/);
    // What the API shows is never another schedule in disguise: either not applied (and no next run
    // promised), or applied — and then Temporal really runs it (the reconciler may be that quick).
    const seen = await down.api('GET', `/v1/connectors/${id}/schedule`);
    assert.equal(seen.status, 200, seen.text);
    if (seen.body.applied) assert.equal(await intervalMinutes(id), minutes);
    else assert.equal(seen.body.next_run_at, null);
    await eventually(async () => (await intervalMinutes(id)) === minutes, 20_000, 'Temporal running the stored schedule');
    const applied = await eventually(async () => {
      const r = await s.api('GET', `/v1/connectors/${id}/schedule`);
      return r.body.applied ? r.body : undefined;
    }, 20_000, 'applied');
    assert.equal(applied.interval_minutes, minutes);
    assert.equal(applied.apply_error, null);
    assert.ok(applied.next_run_at);
  });

  test('40 concurrent PUT …/schedule on one connector (pool of 5): all answered, another workspace served meanwhile, Temporal ends on the stored one', { timeout: 120_000 }, async () => {
    const { id } = await connectedPagerDuty(s, 'stampede');
    const versionBefore = (await findSchedule(s.db, id))!.desired_version;
    const other = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'b' }, { key: s.keyB });
    let stop = false;
    const otherReads: number[] = [];
    const reader = (async () => {
      while (!stop) {
        const t = Date.now();
        const r = await s.api('GET', `/v1/connectors/${other.body.id}`, undefined, { key: s.keyB });
        assert.equal(r.status, 200, r.text);
        otherReads.push(Date.now() - t);
      }
    })();
    const puts = await Promise.all(Array.from({ length: 40 }, (_, i) => s.api('PUT', `/v1/connectors/${id}/schedule`, { interval_minutes: 5 + i })));
    stop = true;
    await reader;
    assert.deepEqual([...new Set(puts.map((p) => p.status))].filter((st) => st !== 200 && st !== 202), [], puts.map((p) => `${p.status} ${p.text.slice(0, 120)}`).join('\n'));
    assert.ok(otherReads.length > 0, 'the other workspace was served while the writes ran');
    const row = await eventually(async () => {
      const r = (await findSchedule(s.db, id))!;
      return r.applied_version >= r.desired_version ? r : undefined;
    }, 30_000, 'converged');
    assert.equal(await intervalMinutes(id), row.interval_minutes);
    assert.equal(row.desired_version, versionBefore + 40, 'every write made a new version');
    const idle = await s.db.selectFrom('connector_schedules').select('lease_owner').where('connector_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(idle.lease_owner, null, 'no lease left behind');
  });
});

describe('pause, resume and delete while Temporal is unreachable', () => {
  test('pause and resume answer at once and the schedule follows when Temporal does; repeating them is harmless', async () => {
    const { id, firstRunId } = await connectedPagerDuty(s, 'pause-down');
    const paused = await down.api('POST', `/v1/connectors/${id}/pause`);
    assert.equal(paused.status, 200, paused.text);
    assert.equal(paused.body.status, 'paused');
    assert.equal((await down.api('POST', `/v1/connectors/${id}/pause`)).status, 200, 'a repeat is harmless');
    await eventually(async () => (await describeSchedule(id)).state.paused, 20_000, 'the Temporal schedule paused');

    const resumed = await down.api('POST', `/v1/connectors/${id}/resume`);
    assert.equal(resumed.status, 200, resumed.text);
    assert.equal(resumed.body.status, 'connected');
    await eventually(async () => !(await describeSchedule(id)).state.paused, 20_000, 'the Temporal schedule active again');
    // A manual sync needs Temporal now: a clear 503 with Retry-After, and no run left behind. (Once the first sync has
    // finished: while it runs, "sync now" answers with that run, from the database alone.)
    await waitForRun(s, id, firstRunId!);
    const runsBefore = (await s.api('GET', `/v1/connectors/${id}/sync-runs`)).body.data.length;
    const sync = await down.api('POST', `/v1/connectors/${id}/sync`);
    assert.equal(sync.status, 503, sync.text);
    assert.equal(sync.body.error.code, 'temporal_unavailable');
    assert.equal(sync.headers.get('retry-after'), '5');
    assert.equal((await s.api('GET', `/v1/connectors/${id}/sync-runs`)).body.data.length, runsBefore);
  });

  test('DELETE while Temporal is unreachable: 204 at once; schedule, running sync and running backfill are stopped once it answers', async () => {
    const { id, firstRunId } = await connectedPagerDuty(s, 'delete-down');
    await waitForRun(s, id, firstRunId!);
    await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 1000, delay_ms: 400 });
    const sync = await s.api('POST', `/v1/connectors/${id}/sync`);
    const end = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    const bf = await s.api('POST', `/v1/connectors/${id}/backfills`, { start: new Date(end.getTime() - 20 * 86_400_000).toISOString(), end: end.toISOString() });
    assert.equal(bf.status, 202, bf.text);
    await eventually(async () => (await s.api('GET', `/v1/connectors/${id}/sync-runs/${sync.body.sync_run_id}`)).body.status === 'running', 10_000, 'sync running');

    const del = await down.api('DELETE', `/v1/connectors/${id}`);
    assert.equal(del.status, 204, del.text);
    assert.equal((await s.api('GET', `/v1/connectors/${id}`)).status, 404);
    // Recorded in the delete's own transaction: the runs are over as far as the API is concerned.
    const run = await s.api('GET', `/v1/connectors/${id}/sync-runs/${sync.body.sync_run_id}`);
    assert.equal(run.status, 404, 'the connector is gone from the API');
    assert.equal((await s.db.selectFrom('sync_runs').select('status').where('id', '=', sync.body.sync_run_id).executeTakeFirstOrThrow()).status, 'cancelled');
    // Temporal follows once reachable: schedule deleted, sync workflow cancelled, backfill workflow finished as cancelled.
    await eventually(async () => {
      const row = (await findSchedule(s.db, id))!;
      return row.applied_version >= row.desired_version;
    }, 30_000, 'the stop applied');
    await assert.rejects(describeSchedule(id), /not found/i);
    await eventually(async () => (await s.temporal.workflow.getHandle(workflowIds.sync(id, sync.body.sync_run_id)).describe()).status.name !== 'RUNNING', 30_000, 'the sync workflow stopped');
    await eventually(async () => (await s.db.selectFrom('backfills').select('status').where('id', '=', bf.body.backfill_id).executeTakeFirstOrThrow()).status === 'cancelled', 30_000, 'the backfill cancelled');
    await eventually(async () => (await s.temporal.workflow.getHandle(workflowIds.backfill(bf.body.backfill_id)).describe()).status.name !== 'RUNNING', 30_000, 'the backfill workflow stopped');
    s.emulator.state.faults.length = 0;
  });

  test('DELETE while a scheduled sync runs inside its tick\'s workflow: the run is cancelled and the tick\'s workflow stops', async () => {
    const key = 'pd-delete-tick-key-0123456789';
    const { id, firstRunId } = await connectedPagerDuty(s, 'delete-tick', key);
    await waitForRun(s, id, firstRunId!);
    await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 1000, delay_ms: 400, key });
    await s.temporal.schedule.getHandle(workflowIds.schedule(id)).trigger();
    const run = await eventually(async () => {
      const runs = (await s.api('GET', `/v1/connectors/${id}/sync-runs`)).body.data as Array<{ id: string; trigger: string; status: string; workflow_id: string }>;
      return runs.find((r) => r.trigger === 'schedule' && r.status === 'running');
    }, 20_000, 'the scheduled sync running');
    assert.match(run.workflow_id, /^sync-scheduled\//, 'the run is the tick\'s own workflow');

    assert.equal((await s.api('DELETE', `/v1/connectors/${id}`)).status, 204);
    // Recorded in the delete's transaction; the tick's sync finds its run closed at its next commit and stops.
    assert.equal((await s.db.selectFrom('sync_runs').select('status').where('id', '=', run.id).executeTakeFirstOrThrow()).status, 'cancelled');
    const ended = await eventually(async () => {
      const d = await s.temporal.workflow.getHandle(run.workflow_id).describe();
      return d.status.name !== 'RUNNING' ? d.status.name : undefined;
    }, 30_000, 'the tick\'s workflow stopped');
    console.log(`[convergence] the deleted connector's tick ended ${ended}`);
    assert.equal((await s.db.selectFrom('sync_runs').select('status').where('id', '=', run.id).executeTakeFirstOrThrow()).status, 'cancelled', 'nothing overwrote the cancel');
    s.emulator.state.faults.length = 0;
  });

  test('work that needs Temporal now is a 503 temporal_unavailable that leaves nothing half-done', async () => {
    const c = await down.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'onboard-down' });
    assert.equal(c.status, 201, 'creating needs only the database');
    const put = await down.api('PUT', `/v1/connectors/${c.body.id}/credentials`, { api_key: 'demo_pagerduty_key_0001' });
    assert.equal(put.status, 503, put.text);
    assert.equal(put.body.error.code, 'temporal_unavailable');
    const { status, candidate_credentials_enc, credentials_enc } = (await findConnector(s.db, c.body.id))!;
    const row = { status, candidate_credentials_enc, credentials_enc };
    assert.deepEqual(row, { status: 'pending', candidate_credentials_enc: null, credentials_enc: null }, 'no untested candidate left behind');

    const { id } = await connectedPagerDuty(s, 'bf-down');
    const end = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    const bf = await down.api('POST', `/v1/connectors/${id}/backfills`, { start: new Date(end.getTime() - 2 * 86_400_000).toISOString(), end: end.toISOString() });
    assert.equal(bf.status, 503, bf.text);
    assert.equal((await s.db.selectFrom('backfills').select('id').where('connector_id', '=', id).execute()).length, 0, 'no backfill row left behind');
    const test_ = await down.api('POST', `/v1/connectors/${id}/test`);
    assert.equal(test_.status, 503, test_.text);

    // Cancelling a backfill needs no Temporal: the request is recorded and its chunks stop on it.
    await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 200, delay_ms: 300 });
    const running = await s.api('POST', `/v1/connectors/${id}/backfills`, { start: new Date(end.getTime() - 10 * 86_400_000).toISOString(), end: end.toISOString() });
    assert.equal(running.status, 202, running.text);
    const cancel = await down.api('POST', `/v1/connectors/${id}/backfills/${running.body.backfill_id}/cancel`);
    assert.equal(cancel.status, 202, cancel.text);
    assert.ok(cancel.body.cancel_requested_at);
    await eventually(async () => (await s.api('GET', `/v1/connectors/${id}/backfills/${running.body.backfill_id}`)).body.status === 'cancelled', 30_000, 'the backfill cancelled');
    s.emulator.state.faults.length = 0;
  });
});

test('a namespace Temporal does not know (not registered yet, or lost) is a 503 temporal_unavailable, not a 500', async () => {
  const lost = createOrchestrator({ client: new Client({ connection: s.temporal.connection, namespace: 'no-such-namespace' }), config: s.config });
  const c = (await findConnector(s.db, (await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'lost-namespace' })).body.id))!;
  await assert.rejects(lost.runOnboarding(c, 'cand_x'), (err: unknown) => err instanceof DomainError && err.code === 'temporal_unavailable');
});
