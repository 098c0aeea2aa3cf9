// Scheduled ticks at scale: each connector's ticks fall at a stable offset within its interval (not all at once), a
// late tick may still start for one interval (the catch-up window), a tick that never ran is counted on the schedule
// and in a metric, and the Temporal dynamic config that lets schedules start enough workflows is the same everywhere.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { workflowIds } from '../contracts/ids.ts';
import { dynamicConfigYaml, TEMPORAL_DYNAMIC_CONFIG } from '../dev/temporal-dynamic-config.ts';
import { workerRegistry } from '../lib/metrics.ts';
import { newId } from '../lib/ids.ts';
import { scheduleOffsetSeconds } from '../services/convergence.ts';
import { nextIntervalRun } from '../services/schedules.ts';
import { OVERLAP_SLACK_MS, recordTick } from '../db/schedules.repository.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, waitForRun } from './helpers/sync.ts';

let s: TestStack;
before(async () => {
  s = await startTestStack();
});
after(async () => {
  await s?.close();
});

const missedMetric = async () => {
  const m = (await workerRegistry.getMetricsAsJSON()).find((x) => x.name === 'tributary_scheduled_ticks_missed_total');
  return (m?.values ?? []).filter((v) => v.labels.connector_type === 'pagerduty').reduce((a, v) => a + v.value, 0);
};

describe('spread', () => {
  test('offsets are stable per connector, inside the interval, and spread 10,000 connectors evenly', () => {
    const ids = Array.from({ length: 10_000 }, () => newId('con'));
    const perTenSeconds = new Array<number>(30).fill(0);
    for (const id of ids) {
      const o = scheduleOffsetSeconds(id, 5);
      assert.equal(o, scheduleOffsetSeconds(id, 5), 'stable');
      assert.ok(Number.isInteger(o) && o >= 0 && o < 300, `${o} within 5 minutes`);
      perTenSeconds[Math.floor(o / 10)]!++;
    }
    // Even would be 333 per 10 s; a burst (everything at :00) would be 10,000 in one.
    assert.ok(Math.max(...perTenSeconds) < 450, `at most 450 starts in any 10 s: ${perTenSeconds.join(',')}`);
    assert.ok(Math.min(...perTenSeconds) > 220, `at least 220 in every 10 s: ${perTenSeconds.join(',')}`);
  });

  test('a connector\'s Temporal schedule carries its offset and a catch-up window of one interval; the API shows the offset', async () => {
    const { id } = await connectedPagerDuty(s, 'spread');
    // Under load the inline apply may miss the Temporal call deadline: then the answer is 202 `applied: false` (by
    // design; the reconciler applies it). This test is about the applied answer, so it puts again until one is.
    let put = await s.api('PUT', `/v1/connectors/${id}/schedule`, { interval_minutes: 7 });
    for (let attempt = 1; put.status === 202 && attempt < 5; attempt++) {
      assert.equal(put.body.applied, false, put.text);
      put = await s.api('PUT', `/v1/connectors/${id}/schedule`, { interval_minutes: 7 });
    }
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.offset_seconds, scheduleOffsetSeconds(id, 7));
    assert.equal(put.body.missed_ticks, 0);
    const d = await s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe();
    assert.equal(Number(d.spec.intervals?.[0]?.every), 7 * 60_000);
    assert.equal(Number(d.spec.intervals?.[0]?.offset ?? 0), scheduleOffsetSeconds(id, 7) * 1000);
    assert.equal(Number(d.policies.catchupWindow), 7 * 60_000);
    // The next run falls on the connector's own second of the interval (Temporal aligns intervals to the epoch).
    const next = Date.parse(put.body.next_run_at);
    assert.equal(Math.round(next / 1000) % (7 * 60), scheduleOffsetSeconds(id, 7));
    // The PUT computes the next run from the spec (no describe while the schedule takes the update in); it is the
    // time Temporal itself reports.
    assert.equal(put.body.next_run_at, d.info.nextActionTimes[0]?.toISOString());
    assert.equal((await s.api('GET', `/v1/connectors/${id}/schedule`)).body.next_run_at, put.body.next_run_at);
  });

  test('the next run of an interval schedule: epoch-aligned multiples of the interval plus the offset, strictly after now', () => {
    const t = Date.parse('2026-11-29T17:00:00Z');
    assert.equal(nextIntervalRun(t, 5, 17).toISOString(), '2026-11-29T17:00:17.000Z');
    assert.equal(nextIntervalRun(t + 17_000, 5, 17).toISOString(), '2026-11-29T17:05:17.000Z');
    assert.equal(nextIntervalRun(t + 16_999, 5, 17).toISOString(), '2026-11-29T17:00:17.000Z');
    assert.equal(nextIntervalRun(t, 60, 0).toISOString(), '2026-11-29T18:00:00.000Z');
  });
});

describe('missed ticks', () => {
  test('ticks that never ran between two that did are counted on the schedule and in the metric; a new spec restarts the gap', async () => {
    const { id, firstRunId } = await connectedPagerDuty(s, 'missed');
    await waitForRun(s, id, firstRunId!);
    assert.equal((await s.api('PUT', `/v1/connectors/${id}/schedule`, { interval_minutes: 5 })).status, 200);
    const before = await missedMetric();
    // The previous tick that ran was due 3 intervals ago: the two between it and the next one never ran.
    await s.db.updateTable('connector_schedules').set({ last_tick_at: new Date(Date.now() - 15 * 60_000) }).where('connector_id', '=', id).execute();
    await s.temporal.schedule.getHandle(workflowIds.schedule(id)).trigger();
    const view = await eventually(async () => {
      const v = await s.api('GET', `/v1/connectors/${id}/schedule`);
      return v.body.missed_ticks > 0 ? v.body : undefined;
    }, 30_000, 'the missed ticks to be counted');
    assert.equal(view.missed_ticks, 2, JSON.stringify(view));
    assert.ok(view.last_missed_at && Date.parse(view.last_missed_at) > Date.now() - 60_000, view.last_missed_at);
    assert.equal(await missedMetric(), before + 2);

    // The same tick again (a retried claim) counts nothing more; a new spec restarts the gap (a pause in between is no miss).
    const scheduled = await eventually(async () => {
      const runs = (await s.api('GET', `/v1/connectors/${id}/sync-runs`)).body.data as Array<{ id: string; trigger: string; status: string }>;
      return runs.find((r) => r.trigger === 'schedule' && ['succeeded', 'skipped'].includes(r.status));
    }, 30_000, 'the triggered run to finish');
    assert.ok(scheduled);
    assert.equal((await s.api('PUT', `/v1/connectors/${id}/schedule`, { interval_minutes: 6 })).status, 200);
    const row = await s.db.selectFrom('connector_schedules').select(['last_tick_at', 'missed_ticks']).where('connector_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.last_tick_at, null);
    assert.equal(Number(row.missed_ticks), 2);
  });
});

describe('ticks skipped while the previous tick\'s sync ran', () => {
  test('a tick runs its sync in itself, so the schedule skips ticks meanwhile: the next tick records them as skipped runs, not missed', async () => {
    const { id, firstRunId } = await connectedPagerDuty(s, 'overlap');
    await waitForRun(s, id, firstRunId!);
    assert.equal((await s.api('PUT', `/v1/connectors/${id}/schedule`, { interval_minutes: 5 })).status, 200);
    const c = await s.db.selectFrom('connectors').select('workspace_id').where('id', '=', id).executeTakeFirstOrThrow();
    const before = await missedMetric();
    // The previous tick was due 15 minutes ago and its sync ran until 7 minutes ago: the tick due 10 minutes ago fell
    // while it ran (the schedule's overlap policy skipped it), the one due 5 minutes ago did not and never ran.
    const prevTick = new Date(Math.floor(Date.now() / 1000) * 1000 - 15 * 60_000);
    await s.db.updateTable('connector_schedules').set({ last_tick_at: prevTick }).where('connector_id', '=', id).execute();
    const longRun = newId('run');
    await s.db.insertInto('sync_runs').values({
      id: longRun, connector_id: id, workspace_id: c.workspace_id, status: 'succeeded', trigger: 'schedule',
      tick_id: `${workflowIds.scheduledSync(id)}-${prevTick.toISOString().replace(/\.\d{3}Z$/, 'Z')}/earlier`,
      workflow_id: `${workflowIds.scheduledSync(id)}-${prevTick.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
      started_at: prevTick, finished_at: new Date(Date.now() - 7 * 60_000), log: '[]',
    }).execute();
    await s.temporal.schedule.getHandle(workflowIds.schedule(id)).trigger();

    const runs = await eventually(async () => {
      const all = (await s.api('GET', `/v1/connectors/${id}/sync-runs`)).body.data as Array<{ id: string; trigger: string; status: string; log: Array<{ message: string }>; workflow_id: string | null }>;
      return all.some((r) => r.trigger === 'schedule' && r.status === 'succeeded' && r.id !== longRun) ? all : undefined;
    }, 30_000, 'the triggered tick to run');
    const skipped = runs.filter((r) => r.status === 'skipped');
    assert.equal(skipped.length, 1, JSON.stringify(runs));
    const overlapDue = new Date(prevTick.getTime() + 5 * 60_000).toISOString();
    assert.equal(skipped[0]!.log[0]!.message, `skipped: the tick due at ${overlapDue} fell while sync ${longRun} was running`);
    assert.equal(skipped[0]!.workflow_id, null);
    const row = await s.db.selectFrom('sync_runs').select('tick_id').where('id', '=', skipped[0]!.id).executeTakeFirstOrThrow();
    assert.equal(row.tick_id, `${workflowIds.scheduledSync(id)}-${overlapDue.replace(/\.\d{3}Z$/, 'Z')}/overlap`);
    const view = (await s.api('GET', `/v1/connectors/${id}/schedule`)).body;
    assert.equal(view.missed_ticks, 1, JSON.stringify(view));
    assert.equal(await missedMetric(), before + 1);
  });

  test('a cron schedule\'s fire times that fell while the previous sync ran are returned as skipped; none are counted missed', async () => {
    const { id, firstRunId } = await connectedPagerDuty(s, 'overlap-cron');
    await waitForRun(s, id, firstRunId!);
    assert.equal((await s.api('PUT', `/v1/connectors/${id}/schedule`, { cron: '*/10 * * * *', timezone: 'UTC' })).status, 200);
    const prev = new Date('2026-11-30T10:00:00Z');
    await s.db.updateTable('connector_schedules').set({ last_tick_at: prev }).where('connector_id', '=', id).execute();
    // The sync ran until 10:25: the fire times 10:10 and 10:20 fell while it ran, 10:30 and 10:40 did not.
    const r = await recordTick(s.db, id, new Date('2026-11-30T10:50:00Z'), 30, new Date('2026-11-30T10:25:00Z'));
    assert.deepEqual(r.overlapped.map((d) => d.toISOString()), ['2026-11-30T10:10:00.000Z', '2026-11-30T10:20:00.000Z']);
    assert.equal(r.missed, 0);
    // The same tick again changes nothing.
    assert.deepEqual(await recordTick(s.db, id, new Date('2026-11-30T10:50:00Z'), 30, new Date('2026-11-30T10:25:00Z')), { missed: 0, overlapped: [], mayBeOverdue: true });
  });

  test('an interval schedule: ticks up to the sync\'s end plus the slack are skipped, the rest missed', async () => {
    const { id, firstRunId } = await connectedPagerDuty(s, 'overlap-slack');
    await waitForRun(s, id, firstRunId!);
    assert.equal((await s.api('PUT', `/v1/connectors/${id}/schedule`, { interval_minutes: 10 })).status, 200);
    const prev = new Date('2026-11-30T10:00:00Z');
    await s.db.updateTable('connector_schedules').set({ last_tick_at: prev }).where('connector_id', '=', id).execute();
    // Due 10:10, 10:20, 10:30 between 10:00 and 10:40; the sync ended 29 s before 10:20, within the slack of it.
    const ended = new Date(Date.parse('2026-11-30T10:20:00Z') - OVERLAP_SLACK_MS + 1000);
    const r = await recordTick(s.db, id, new Date('2026-11-30T10:40:00Z'), 30, ended);
    assert.deepEqual(r.overlapped.map((d) => d.toISOString()), ['2026-11-30T10:10:00.000Z', '2026-11-30T10:20:00.000Z']);
    assert.equal(r.missed, 1);
    const row = await s.db.selectFrom('connector_schedules').select(['missed_ticks', 'last_tick_at']).where('connector_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(Number(row.missed_ticks), 1);
    assert.equal(row.last_tick_at?.toISOString(), '2026-11-30T10:40:00.000Z');
  });
});

describe('Temporal dynamic config', () => {
  test('compose\'s file holds exactly the values the dev server and the test harness are started with', () => {
    assert.equal(TEMPORAL_DYNAMIC_CONFIG['worker.schedulerNamespaceStartWorkflowRPS'], 100);
    const deployed = readFileSync(new URL('../deploy/temporal/dynamicconfig.yaml', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n');
    assert.equal(deployed, dynamicConfigYaml());
  });
});
