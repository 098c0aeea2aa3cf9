// Retention: the `maintenance/retention/<task queue>` schedule is created once by worker processes at start and
// kept at their settings; a run prunes old events, finished deliveries, idempotency keys, run logs, skipped runs,
// old runs and deleted connectors' records (after the grace period) in batches — and nothing young or unfinished.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { RetentionResult } from '../contracts/workflows.ts';
import { newId } from '../lib/ids.ts';
import { retentionSettings } from '../services/orchestrator.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, recordCount, waitForRun } from './helpers/sync.ts';
import { startWorkerProcess } from './helpers/worker-process.ts';
import { findConnector } from '../db/connectors.repository.ts';

let s: TestStack;
/** A connector's rows in the changes feed (change rows hang off their batch, the batch off the connector). */
const changeRowCount = async (connectorId: string) =>
  (await sql<{ n: number }>`select count(*)::int as n from record_changes r join change_batches b on b.id = r.batch_id where b.connector_id = ${connectorId}`.execute(s.db)).rows[0]!.n;
const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms);

before(async () => {
  s = await startTestStack({ RETENTION_BATCH_SIZE: '10', RETENTION_INTERVAL_MINUTES: '45' });
});

after(async () => {
  await s?.close();
});

test('worker processes create the one retention schedule at start, idempotently, with their settings', async () => {
  const workers = await Promise.all([startWorkerProcess(s.env), startWorkerProcess(s.env)]);
  try {
    const d = await eventually(async () => {
      const r = await s.orchestrator.maintenance.describeRetention();
      return r.exists ? r : undefined;
    }, 30_000, 'the retention schedule');
    assert.deepEqual(d.settings, retentionSettings(s.config));
    assert.equal(d.settings!.batchSize, 10);
    assert.equal(d.settings!.maxAgeSeconds.deleted_connectors, 7 * 86_400, 'documented 7-day grace period');
    const schedules: string[] = [];
    for await (const x of s.temporal.schedule.list()) if (x.scheduleId.startsWith('maintenance/retention/')) schedules.push(x.scheduleId);
    assert.ok(schedules.filter((id) => id === `maintenance/retention/${s.config.TEMPORAL_TASK_QUEUE}`).length === 1, schedules.join(' '));
    const described = await s.temporal.schedule.getHandle(`maintenance/retention/${s.config.TEMPORAL_TASK_QUEUE}`).describe();
    assert.deepEqual((described.spec.intervals ?? []).map((i) => i.every), [45 * 60_000]);
    // A later start with other settings brings the same schedule to them.
    assert.equal(await s.orchestrator.maintenance.ensureRetentionSchedule({ ...retentionSettings(s.config), batchSize: 500 }, 45), 'updated');
    assert.equal((await s.orchestrator.maintenance.describeRetention()).settings!.batchSize, 500);
  } finally {
    await Promise.all(workers.map((w) => w.kill('SIGTERM')));
  }
});

test('a run prunes what is old and finished, in batches, and keeps the rest', async () => {
  await s.orchestrator.maintenance.ensureRetentionSchedule(retentionSettings(s.config), 45);
  // Connectors: live A; B deleted 10 days ago (grace over); C deleted yesterday (within the grace period).
  const a = await connectedPagerDuty(s, 'live');
  const b = await connectedPagerDuty(s, 'deleted long ago');
  const c = await connectedPagerDuty(s, 'deleted yesterday');
  for (const x of [a, b, c]) await waitForRun(s, x.id, x.firstRunId!);
  const bRecords = await recordCount(s, b.id);
  assert.ok(bRecords > 20, `B has ${bRecords} records (more than two batches)`);
  const bChanges = await changeRowCount(b.id);
  assert.equal(bChanges, bRecords, 'the first sync added each record once');
  const keptChanges = { a: await changeRowCount(a.id), c: await changeRowCount(c.id) };
  for (const x of [b, c]) assert.equal((await s.api('DELETE', `/v1/connectors/${x.id}`)).status, 204);
  await s.db.updateTable('connectors').set({ deleted_at: ago(10 * DAY) }).where('id', '=', b.id).execute();
  await s.db.updateTable('connectors').set({ deleted_at: ago(DAY) }).where('id', '=', c.id).execute();
  const ws = (await findConnector(s.db, a.id))!.workspace_id;

  // Events and deliveries: old dispatched events (one still referenced by a pending delivery), an undispatched one.
  const endpoint = await s.api('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['sync_run.failed'] });
  assert.equal(endpoint.status, 201);
  const event = async (age: number, dispatched: boolean) => {
    const id = newId('evt');
    await s.db.insertInto('events').values({ id, workspace_id: ws, type: 'sync_run.failed', connector_id: a.id, payload: '{}', created_at: ago(age), dispatched_at: dispatched ? ago(age) : null }).execute();
    return id;
  };
  const oldEvents = await Promise.all(Array.from({ length: 12 }, () => event(40 * DAY, true)));
  const referenced = await event(40 * DAY, true);
  const undispatched = await event(40 * DAY, false);
  const young = await event(DAY, true);
  const delivery = async (eventId: string, status: 'delivered' | 'failed' | 'pending', finishedAgo: number | null) => {
    const id = newId('whd');
    await s.db.insertInto('webhook_deliveries').values({ id, endpoint_id: endpoint.body.id, event_id: eventId, workspace_id: ws, status, workflow_started: true, finished_at: finishedAgo === null ? null : ago(finishedAgo) }).execute();
    await s.db.insertInto('webhook_attempts').values({ delivery_id: id, attempt: 1, status_code: 500, latency_ms: 3 }).execute();
    return id;
  };
  const oldDelivered = await delivery(oldEvents[0]!, 'delivered', 35 * DAY);
  const oldFailed = await delivery(oldEvents[1]!, 'failed', 35 * DAY);
  const pending = await delivery(referenced, 'pending', null);
  const recent = await delivery(young, 'delivered', DAY);

  // Idempotency keys: 25 older than 24 h, one fresh.
  for (let i = 0; i < 25; i++) await s.db.insertInto('idempotency_keys').values({ workspace_id: ws, key: `old-${i}`, method: 'POST', path: '/v1/connectors', request_hash: 'h', status_code: 201, response_body: '{}', created_at: ago(2 * DAY) }).execute();
  await s.db.insertInto('idempotency_keys').values({ workspace_id: ws, key: 'fresh', method: 'POST', path: '/v1/connectors', request_hash: 'h' }).execute();

  // Runs of a fourth connector D: three finished 200 days ago (the newest stays), one 40 days ago (log emptied),
  // skipped ticks 10 days old (gone) and 1 day old (kept).
  const d = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'runs' });
  const run = async (status: string, finished: number, trigger = 'manual') => {
    const id = newId('run');
    await s.db.insertInto('sync_runs').values({ id, connector_id: d.body.id, workspace_id: ws, status: status as 'succeeded', trigger: trigger as 'manual', log: JSON.stringify([{ at: ago(finished).toISOString(), level: 'info', message: 'a line' }]), created_at: ago(finished), finished_at: ago(finished) }).execute();
    return id;
  };
  const ancient = [await run('succeeded', 200 * DAY), await run('failed', 200 * DAY)];
  const oldWithLog = await run('succeeded', 40 * DAY);
  const skippedOld = await Promise.all(Array.from({ length: 3 }, () => run('skipped', 10 * DAY, 'schedule')));
  const skippedYoung = await run('skipped', DAY, 'schedule');
  const newestAncient = await run('succeeded', 200 * DAY); // the connector's newest run by id, however old

  await s.orchestrator.maintenance.triggerRetention();
  const workflowId = await eventually(async () => (await s.orchestrator.maintenance.describeRetention()).recentWorkflowIds[0], 30_000, 'a retention run');
  const result = (await s.temporal.workflow.getHandle(workflowId).result()) as RetentionResult;

  const ids = async (table: 'events' | 'webhook_deliveries' | 'sync_runs', list: string[]) =>
    new Set((await s.db.selectFrom(table).select('id').where('id', 'in', list).execute()).map((r) => r.id));
  const events = await ids('events', [...oldEvents, referenced, undispatched, young]);
  assert.deepEqual(events, new Set([referenced, undispatched, young]), 'old dispatched events without deliveries go');
  assert.deepEqual(await ids('webhook_deliveries', [oldDelivered, oldFailed, pending, recent]), new Set([pending, recent]));
  const attempts = await s.db.selectFrom('webhook_attempts').select('delivery_id').where('delivery_id', 'in', [oldDelivered, oldFailed]).execute();
  assert.equal(attempts.length, 0, 'attempts go with their delivery');
  const keys = await s.db.selectFrom('idempotency_keys').select('key').where('workspace_id', '=', ws).execute();
  assert.deepEqual(keys.map((k) => k.key), ['fresh']);
  assert.deepEqual(await ids('sync_runs', [...ancient, oldWithLog, ...skippedOld, skippedYoung, newestAncient]), new Set([oldWithLog, skippedYoung, newestAncient]));
  const logs = await s.db.selectFrom('sync_runs').select(['id', 'log']).where('id', 'in', [oldWithLog, skippedYoung]).execute();
  assert.deepEqual(Object.fromEntries(logs.map((l) => [l.id, l.log.length])), { [oldWithLog]: 0, [skippedYoung]: 1 });
  // B is purged (records, then its change history, then the row and everything hanging off it); C keeps its records
  // and its history until its grace ends.
  assert.equal(await recordCount(s, b.id), 0);
  assert.equal(await changeRowCount(b.id), 0, "B's change rows are gone");
  assert.equal((await s.db.selectFrom('change_batches').select('id').where('connector_id', '=', b.id).execute()).length, 0, "B's change batches are gone");
  assert.deepEqual({ a: await changeRowCount(a.id), c: await changeRowCount(c.id) }, keptChanges, 'the others keep their history');
  const orphans = await sql<{ n: number }>`select count(*)::int as n from record_changes r where not exists (select 1 from change_batches b where b.id = r.batch_id)`.execute(s.db);
  assert.equal(orphans.rows[0]!.n, 0, 'no change row outlives its batch');
  assert.equal(await findConnector(s.db, b.id), undefined);
  assert.equal((await s.db.selectFrom('sync_runs').select('id').where('connector_id', '=', b.id).execute()).length, 0);
  assert.ok((await recordCount(s, c.id)) > 0);
  assert.ok((await recordCount(s, a.id)) > 0);
  assert.deepEqual(result.pruned, {
    webhook_deliveries: 2,
    events: 12,
    idempotency_keys: 25,
    sync_run_logs: (result.pruned.sync_run_logs ?? 0),
    skipped_runs: 3,
    sync_runs: 2,
    deleted_connectors: bRecords + bChanges + 1,
  });
  assert.ok((result.pruned.sync_run_logs ?? 0) >= 1);

  // In batches of 10: the activity ran once per batch (25 keys → 3 batches, B's records → several, its change batches
  // → at least one, then its row).
  const history = await s.temporal.workflow.getHandle(workflowId).fetchHistory();
  const batches = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'pruneBatch').length;
  assert.ok(batches >= 3 + Math.ceil(bRecords / 10) + 1 + 1 + 5, `pruneBatch ran ${batches} times`);

  // The next run finds nothing more to do.
  const before = await sql<{ n: number }>`select count(*)::int as n from records`.execute(s.db);
  await s.orchestrator.maintenance.triggerRetention();
  const second = await eventually(async () => (await s.orchestrator.maintenance.describeRetention()).recentWorkflowIds.find((id) => id !== workflowId), 30_000, 'a second run');
  const again = (await s.temporal.workflow.getHandle(second).result()) as RetentionResult;
  assert.deepEqual(Object.values(again.pruned).filter((n) => n), []);
  assert.equal((await sql<{ n: number }>`select count(*)::int as n from records`.execute(s.db)).rows[0]!.n, before.rows[0]!.n);
});
