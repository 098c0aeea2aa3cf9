// A schedule whose ticks stopped running is visible before any next tick: the reconciler's periodic check marks the
// connector `schedule_overdue` (status unchanged, no status history row) and the schedule `overdue_since`; a tick
// that runs clears both and gives the connector its previous reason back (unless a newer one was set); a pause clears it too.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { workflowIds } from '../contracts/ids.ts';
import { workerRegistry } from '../lib/metrics.ts';
import { checkOverdueSchedules, clearOverdue } from '../services/schedule-watch.ts';
import { transitionStatus } from '../services/status.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, waitForRun } from './helpers/sync.ts';

let s: TestStack;
before(async () => {
  // The check runs every 100 ms here (a minute by default); the threshold stays the default: catch-up window + 2 intervals.
  s = await startTestStack({ SCHEDULE_OVERDUE_CHECK_MS: '100' });
});
after(async () => {
  await s?.close();
});

const DAY = 24 * 60;
const overdueMetric = async () => {
  const m = (await workerRegistry.getMetricsAsJSON()).find((x) => x.name === 'tributary_schedules_overdue_total');
  return (m?.values ?? []).filter((v) => v.labels.connector_type === 'pagerduty').reduce((a, v) => a + v.value, 0);
};
const historyCount = async (id: string) => (await s.db.selectFrom('connector_status_changes').select('id').where('connector_id', '=', id).execute()).length;
/** Says the last tick that ran was due `minutes` ago — as if Temporal had stopped firing this schedule since then. */
const lastTickAgo = (id: string, minutes: number) =>
  s.db.updateTable('connector_schedules').set({ last_tick_at: new Date(Date.now() - minutes * 60_000) }).where('connector_id', '=', id).execute();

/** A connected connector on a daily schedule (so no real tick falls inside the test), its first sync done. */
async function dailyConnector(name: string) {
  const { id, firstRunId } = await connectedPagerDuty(s, name);
  await waitForRun(s, id, firstRunId!);
  const put = await s.api('PUT', `/v1/connectors/${id}/schedule`, { interval_minutes: DAY });
  // 202: stored, and Temporal missed the call's deadline (a loaded CI machine); it is applied just after, as waited for below.
  assert.ok(put.status === 200 || put.status === 202, `${put.status} ${put.text}`);
  await eventually(async () => (await s.api('GET', `/v1/connectors/${id}/schedule`)).body.applied, 20_000, 'the schedule to be applied');
  return id;
}

test('a schedule with no tick for the catch-up window + 2 intervals is marked overdue; the next tick clears it and restores the reason', async () => {
  const id = await dailyConnector('overdue');
  const before = (await s.api('GET', `/v1/connectors/${id}`)).body;
  assert.equal(before.status, 'connected');
  const history = await historyCount(id);
  const metric = await overdueMetric();

  // Just under the threshold (3 days for a daily schedule): nothing.
  await lastTickAgo(id, 3 * DAY - 5);
  assert.equal((await checkOverdueSchedules(s.db, s.config)).marked, 0);
  assert.equal((await s.api('GET', `/v1/connectors/${id}/schedule`)).body.overdue_since, null);

  // Past it: marked by the reconciler's own loop, visible through the API.
  const lastTick = new Date(Date.now() - (3 * DAY + 5) * 60_000);
  await s.db.updateTable('connector_schedules').set({ last_tick_at: lastTick }).where('connector_id', '=', id).execute();
  const view = await eventually(async () => {
    const v = (await s.api('GET', `/v1/connectors/${id}/schedule`)).body;
    return v.overdue_since ? v : undefined;
  }, 20_000, 'the schedule to be marked overdue');
  assert.equal(view.overdue_since, new Date(lastTick.getTime() + DAY * 60_000).toISOString(), 'the first tick that did not start');
  assert.equal(view.overdue_ticks, 3);
  assert.equal(view.applied, true, 'nothing to re-apply: the database says what it said');
  const marked = (await s.api('GET', `/v1/connectors/${id}`)).body;
  assert.equal(marked.status, 'connected', 'the status does not change');
  assert.equal(marked.status_reason, 'schedule_overdue');
  assert.match(marked.status_message, new RegExp(`since ${lastTick.toISOString()}: 3 ticks were due`));
  assert.equal(await historyCount(id), history, 'no status history row: the status never changed');
  // Once per episode, however many checks run.
  assert.equal((await checkOverdueSchedules(s.db, s.config)).marked, 0);
  assert.equal(await overdueMetric(), metric + 1);

  // A tick runs (Temporal fires the schedule again): the mark goes and the reason the connector had comes back.
  await s.temporal.schedule.getHandle(workflowIds.schedule(id)).trigger();
  const cleared = await eventually(async () => {
    const v = (await s.api('GET', `/v1/connectors/${id}/schedule`)).body;
    return v.overdue_since === null ? v : undefined;
  }, 30_000, 'the tick to clear the mark');
  assert.equal(cleared.overdue_ticks, 0);
  const restored = (await s.api('GET', `/v1/connectors/${id}`)).body;
  assert.equal(restored.status, 'connected');
  assert.equal(restored.status_reason, before.status_reason);
  assert.equal(restored.status_message, before.status_message);
  assert.equal(await historyCount(id), history);
});

test('pausing an overdue connector clears the mark; its reason is the pause\'s', async () => {
  const id = await dailyConnector('overdue-paused');
  await lastTickAgo(id, 4 * DAY);
  await eventually(async () => (await s.api('GET', `/v1/connectors/${id}`)).body.status_reason === 'schedule_overdue', 20_000, 'the mark');
  assert.equal((await s.api('POST', `/v1/connectors/${id}/pause`)).status, 200);
  await eventually(async () => (await s.api('GET', `/v1/connectors/${id}/schedule`)).body.overdue_since === null, 20_000, 'the check to clear a paused schedule');
  const c = (await s.api('GET', `/v1/connectors/${id}`)).body;
  assert.equal(c.status, 'paused');
  assert.equal(c.status_reason, 'paused_by_user');
  const row = await s.db.selectFrom('connector_schedules').select(['overdue_prev_reason', 'overdue_prev_message']).where('connector_id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual(row, { overdue_prev_reason: null, overdue_prev_message: null });
});

test('clearing gives back exactly the reason saved when marked, and leaves a reason set since then alone', async () => {
  const id = await dailyConnector('overdue-restore');
  const setReason = (status_reason: string, status_message: string | null) => s.db.updateTable('connectors').set({ status_reason, status_message }).where('id', '=', id).execute();
  const reasonOf = async () => s.db.selectFrom('connectors').select(['status', 'status_reason', 'status_message']).where('id', '=', id).executeTakeFirstOrThrow();
  const markedNow = () => eventually(async () => (await reasonOf()).status_reason === 'schedule_overdue', 20_000, 'the mark');

  await setReason('credentials_verified', 'a message worth keeping');
  await lastTickAgo(id, 4 * DAY);
  await markedNow();
  await lastTickAgo(id, 0); // a tick ran (the claim clears at once; the check would too)
  await clearOverdue(s.db, id);
  assert.deepEqual(await reasonOf(), { status: 'connected', status_reason: 'credentials_verified', status_message: 'a message worth keeping' });

  // Marked again; then a sync fails (the status machine sets its own reason): clearing keeps the failure's reason.
  await lastTickAgo(id, 4 * DAY);
  await markedNow();
  await transitionStatus(s.db, id, 'error', 'sync_failed', 'provider said no');
  await lastTickAgo(id, 0);
  await clearOverdue(s.db, id);
  assert.deepEqual(await reasonOf(), { status: 'error', status_reason: 'sync_failed', status_message: 'provider said no' });
  assert.equal((await s.api('GET', `/v1/connectors/${id}/schedule`)).body.overdue_since, null);
});

test('a cron schedule is judged by its own fire times: marked once the first due tick\'s window and 2 more passed, cleared by a tick', async () => {
  const { id, firstRunId } = await connectedPagerDuty(s, 'overdue-cron');
  await waitForRun(s, id, firstRunId!);
  const put = await s.api('PUT', `/v1/connectors/${id}/schedule`, { cron: '0 3 * * *', timezone: 'UTC' });
  // 202: stored, and Temporal missed the call's deadline (a loaded CI machine); it is applied just after, as waited for below.
  assert.ok(put.status === 200 || put.status === 202, `${put.status} ${put.text}`);
  await eventually(async () => (await s.api('GET', `/v1/connectors/${id}/schedule`)).body.applied, 20_000, 'the schedule to be applied');
  // The latest 03:00 UTC that passed, and the daily fire times before it.
  const latest = new Date();
  latest.setUTCHours(3, 0, 0, 0);
  if (latest.getTime() > Date.now()) latest.setUTCDate(latest.getUTCDate() - 1);
  const firedDaysBefore = (n: number) => new Date(latest.getTime() - n * DAY * 60_000);

  // Last tick two fire times ago: the third after it is still ahead.
  await s.db.updateTable('connector_schedules').set({ last_tick_at: firedDaysBefore(2) }).where('connector_id', '=', id).execute();
  assert.equal((await checkOverdueSchedules(s.db, s.config)).marked, 0);
  assert.equal((await s.api('GET', `/v1/connectors/${id}/schedule`)).body.overdue_since, null);

  // Three fire times ago: marked by the reconciler's loop, the first missed fire time as `overdue_since`.
  await s.db.updateTable('connector_schedules').set({ last_tick_at: firedDaysBefore(3) }).where('connector_id', '=', id).execute();
  const view = await eventually(async () => {
    const v = (await s.api('GET', `/v1/connectors/${id}/schedule`)).body;
    return v.overdue_since ? v : undefined;
  }, 20_000, 'the cron schedule to be marked overdue');
  assert.equal(view.overdue_since, firedDaysBefore(2).toISOString());
  assert.equal(view.overdue_ticks, 3);
  const marked = (await s.api('GET', `/v1/connectors/${id}`)).body;
  assert.equal(marked.status, 'connected');
  assert.equal(marked.status_reason, 'schedule_overdue');
  assert.match(marked.status_message, /: 3 ticks were due by now/);
  assert.equal((await checkOverdueSchedules(s.db, s.config)).marked, 0, 'once per episode');

  await s.temporal.schedule.getHandle(workflowIds.schedule(id)).trigger();
  await eventually(async () => (await s.api('GET', `/v1/connectors/${id}/schedule`)).body.overdue_since === null, 30_000, 'the tick to clear the mark');
  assert.notEqual((await s.api('GET', `/v1/connectors/${id}`)).body.status_reason, 'schedule_overdue');
});
