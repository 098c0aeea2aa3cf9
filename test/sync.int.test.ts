// Recurring syncs through the public API: schedules in Temporal, sync now, history, records, failures, pause/resume.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { assertCountsAddUp, connectedPagerDuty, emulatorSync, fault, recordCount, waitForRun } from './helpers/sync.ts';
import { workflowIds } from '../contracts/ids.ts';
import { findConnector, updateConnector } from '../db/connectors.repository.ts';
import { secretSlots } from '../db/secret-columns.ts';

let s: TestStack;
before(async () => {
  s = await startTestStack();
});
after(async () => {
  await s?.close();
});

const PD_KINDS = ['incident', 'log_entry'];

describe('schedules', () => {
  test('a new connector gets a 30-minute Temporal schedule and a first sync with the emulator\'s records', async () => {
    const { id, firstRunId } = await connectedPagerDuty(s, 'first');
    assert.ok(firstRunId, 'onboarding started a first sync');
    const run = await waitForRun(s, id, firstRunId!);
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    assert.equal(run.trigger, 'onboarding');
    const expected = emulatorSync(s, 'pagerduty', PD_KINDS, run.window);
    assert.ok(expected.distinct > 100, `the emulator holds data for the window (${expected.distinct})`);
    assert.equal(run.records_fetched, expected.fetched);
    assert.equal(run.records_added, expected.distinct);
    assertCountsAddUp(run);
    assert.equal(await recordCount(s, id), expected.distinct);
    assert.equal(run.workflow_id, workflowIds.sync(id, firstRunId));
    assert.match(run.temporal_ui_url, /\/namespaces\/default\/workflows\/sync%2Fcon_/);
    assert.ok(run.log.length >= 3);

    const desc = await s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe();
    assert.equal(Number(desc.spec.intervals?.[0]?.every), 30 * 60 * 1000);
    assert.equal(desc.policies.overlap, 'SKIP');
    assert.equal(desc.state.paused, false);
    const sched = await s.api('GET', `/v1/connectors/${id}/schedule`);
    assert.equal(sched.body.interval_minutes, 30);
    const next = Date.parse(sched.body.next_run_at);
    assert.ok(next > Date.now() && next <= Date.now() + 30 * 60 * 1000 + 5000, sched.text);

    const conn = (await findConnector(s.db, id))!;
    assert.equal(new Date(conn.sync_cursor!).toISOString(), run.window.end, 'cursor advanced to the committed window end');
  });

  test('a cron schedule with a time zone is applied in Temporal; bad cron and zones are 400s naming the field', async () => {
    const { id } = await connectedPagerDuty(s, 'cron');
    const put = await s.api('PUT', `/v1/connectors/${id}/schedule`, { cron: '30 9 * * MON-FRI', timezone: 'Europe/Berlin' });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.cron, '30 9 * * MON-FRI');
    const desc = await s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe();
    assert.equal(desc.spec.timezone, 'Europe/Berlin');
    const inBerlin = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', weekday: 'short', hour12: false }).format(new Date(iso));
    // The PUT's own answer is the new expression's next fire time (computed from the spec, not a describe that may
    // still see the previous spec), and it is the one Temporal reports once it has taken the update in.
    assert.match(inBerlin(put.body.next_run_at), /^(Mon|Tue|Wed|Thu|Fri) 09:30$/, put.text);
    const temporalNext = async () => (await s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe()).info.nextActionTimes[0]?.toISOString();
    await eventually(async () => (await temporalNext()) === put.body.next_run_at, 10_000, `Temporal's next action to be ${put.body.next_run_at}`);
    assert.equal((await s.api('GET', `/v1/connectors/${id}/schedule`)).body.next_run_at, put.body.next_run_at);
    // Another expression at once: its answer is its own, never the previous spec's next run.
    const nightly = await s.api('PUT', `/v1/connectors/${id}/schedule`, { cron: '15 2 * * *', timezone: 'Asia/Tokyo' });
    assert.equal(nightly.status, 200, nightly.text);
    assert.equal(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(nightly.body.next_run_at)), '02:15', nightly.text);
    assert.ok(Date.parse(nightly.body.next_run_at) - Date.now() <= 86_400_000, 'within a day');
    await eventually(async () => (await temporalNext()) === nightly.body.next_run_at, 10_000, `Temporal's next action to be ${nightly.body.next_run_at}`);

    for (const [body, field] of [
      [{ cron: '61 * * * *', timezone: 'UTC' }, 'cron'],
      [{ cron: 'every day', timezone: 'UTC' }, 'cron'],
      [{ cron: '0 9 * * *', timezone: 'Mars/Olympus' }, 'timezone'],
      [{ interval_minutes: 1 }, 'interval_minutes'],
      [{ interval_minutes: 30, cron: '0 * * * *' }, 'cron'],
      [{}, 'interval_minutes'],
      [{ interval_minutes: 30, timezone: 'UTC' }, 'timezone'],
    ] as const) {
      const res = await s.api('PUT', `/v1/connectors/${id}/schedule`, body);
      assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.text}`);
      assert.ok(res.body.error.details.some((d: { field: string }) => d.field === field), `${JSON.stringify(body)} names ${field}: ${res.text}`);
    }
    const back = await s.api('PUT', `/v1/connectors/${id}/schedule`, { interval_minutes: 15 });
    assert.equal(back.body.interval_minutes, 15);
    const d2 = await s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe();
    assert.equal(Number(d2.spec.intervals?.[0]?.every), 15 * 60 * 1000);
  });

  test('the schedule\'s action really runs a sync', async () => {
    const { id, firstRunId } = await connectedPagerDuty(s, 'triggered');
    await waitForRun(s, id, firstRunId!);
    await s.temporal.schedule.getHandle(workflowIds.schedule(id)).trigger();
    const run = await eventually(async () => {
      const runs = await s.api('GET', `/v1/connectors/${id}/sync-runs`);
      const r = runs.body.data.find((x: { trigger: string; status: string }) => x.trigger === 'schedule' && x.status === 'succeeded');
      return r;
    }, 30_000, 'a scheduled run');
    assert.equal(run.status, 'succeeded');
  });

  test('drift heals: a schedule deleted behind our back is noticed on read (or by a resync) and recreated by the reconciler', async () => {
    const { id } = await connectedPagerDuty(s, 'drift');
    const handle = s.temporal.schedule.getHandle(workflowIds.schedule(id));
    await handle.delete();
    const seen = await s.api('GET', `/v1/connectors/${id}/schedule`);
    assert.equal(seen.body.applied, false, seen.text);
    assert.equal(seen.body.next_run_at, null, 'no next run is promised while Temporal does not run the schedule');
    await eventually(async () => !(await handle.describe()).state.paused, 20_000, 'the schedule recreated');
    await eventually(async () => (await s.api('GET', `/v1/connectors/${id}/schedule`)).body.applied, 20_000, 'applied again');

    await handle.delete();
    const { createConvergence } = await import('../services/convergence.ts');
    const { createScheduleService } = await import('../services/schedules.ts');
    const convergence = createConvergence({ db: s.db, orchestrator: s.orchestrator, config: s.config });
    const result = await createScheduleService({ db: s.db, orchestrator: s.orchestrator, convergence, config: s.config }).resyncAll();
    assert.ok(result.marked >= 1, JSON.stringify(result));
    await eventually(async () => !(await handle.describe()).state.paused, 20_000, 'the schedule recreated by the resync');
  });

  test('a resync deletes the schedules of connectors its database does not hold — never those of another deployment sharing the namespace', async () => {
    const { createConvergence } = await import('../services/convergence.ts');
    const { createScheduleService } = await import('../services/schedules.ts');
    const { createOrchestrator } = await import('../services/orchestrator.ts');
    const { newId } = await import('../lib/ids.ts');
    const { ScheduleNotFoundError } = await import('@temporalio/client');
    const live = await connectedPagerDuty(s, 'resync-live');
    const want = { spec: { intervals: [{ every: '30 minutes' }] }, catchupWindow: '30 minutes', paused: true, note: 'test', neverApplied: true };
    const ghost = () => ({ id: newId('con'), type: 'pagerduty' as const, workspace_id: newId('ws') });
    // Ours: a schedule whose connector is gone from our database (its row deleted behind Tributary's back).
    const ours = ghost();
    await s.orchestrator.schedules.upsert(ours, want);
    // Another deployment's: the same namespace, its own task queue and database (as another test file's stack is).
    const theirs = ghost();
    const other = createOrchestrator({ client: s.temporal, config: { ...s.config, TEMPORAL_TASK_QUEUE: `${s.config.TEMPORAL_TASK_QUEUE}-other` } });
    await other.schedules.upsert(theirs, want);
    // One created before schedules named their deployment (no memo): treated as ours, as every schedule was then.
    const legacy = ghost();
    await s.temporal.schedule.create({
      scheduleId: workflowIds.schedule(legacy.id), spec: want.spec, state: { paused: true },
      action: { type: 'startWorkflow', workflowType: 'scheduledSyncWorkflow', workflowId: workflowIds.scheduledSync(legacy.id), taskQueue: s.config.TEMPORAL_TASK_QUEUE, args: [] },
    });
    try {
      // Listing schedules reads Temporal's visibility store, which may lag their creation a moment.
      await eventually(async () => {
        const listed = new Set<string>();
        for await (const x of s.temporal.schedule.list()) listed.add(x.scheduleId);
        return [ours, theirs, legacy].every((c) => listed.has(workflowIds.schedule(c.id)));
      }, 20_000, 'the three schedules listed');

      const convergence = createConvergence({ db: s.db, orchestrator: s.orchestrator, config: s.config });
      const result = await createScheduleService({ db: s.db, orchestrator: s.orchestrator, convergence, config: s.config }).resyncAll();
      assert.ok(result.orphansRemoved >= 2, JSON.stringify(result));

      const gone = async (id: string) => s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe().then(() => false, (err) => err instanceof ScheduleNotFoundError);
      assert.equal(await gone(ours.id), true, 'our orphan removed');
      assert.equal(await gone(legacy.id), true, 'an unmarked orphan removed');
      assert.equal(await gone(theirs.id), false, 'the other deployment\'s schedule kept');
      assert.equal(await gone(live.id), false, 'a live connector\'s schedule kept');
    } finally {
      await other.schedules.remove(theirs.id);
      await s.orchestrator.schedules.remove(ours.id);
      await s.orchestrator.schedules.remove(legacy.id);
    }
  });
});

describe('sync now', () => {
  test('202 → poll → succeeded; a second sync adds only new records', async () => {
    const { id, firstRunId } = await connectedPagerDuty(s, 'incremental');
    const first = await waitForRun(s, id, firstRunId!);
    const before = await recordCount(s, id);
    assert.equal(before, first.records_added);

    s.emulator.state.data.add('pagerduty', 'incident', 5, Date.now() - 10);
    const res = await s.api('POST', `/v1/connectors/${id}/sync`);
    assert.equal(res.status, 202, res.text);
    assert.match(res.body.sync_run_id, /^run_/);
    const run = await waitForRun(s, id, res.body.sync_run_id);
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    assert.equal(run.trigger, 'manual');
    assert.equal(run.window.start, first.window.end, 'incremental from the stored cursor');
    const expected = emulatorSync(s, 'pagerduty', PD_KINDS, run.window).distinct;
    assert.equal(expected, 10, 'five incidents and their trigger log entries');
    assert.equal(run.records_added, expected);
    assertCountsAddUp(run);
    assert.equal(await recordCount(s, id), before + expected);

    // Records endpoint pages through everything, newest first, filterable by kind.
    let cursor: string | null = null;
    let total = 0;
    do {
      const page: any = await s.api('GET', `/v1/connectors/${id}/records?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(page.status, 200, page.text);
      total += page.body.data.length;
      cursor = page.body.next_cursor;
    } while (cursor);
    assert.equal(total, before + expected);
    const incidents = await s.api('GET', `/v1/connectors/${id}/records?kind=incident&limit=5`);
    assert.ok(incidents.body.data.every((r: { kind: string }) => r.kind === 'incident'));
    assert.ok(incidents.body.data[0].raw.id.startsWith('P'));
  });

  test('twenty concurrent "sync now" calls give one run id', async () => {
    const { id, firstRunId } = await connectedPagerDuty(s, 'concurrent');
    await waitForRun(s, id, firstRunId!);
    await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 2, delay_ms: 1500, path: '/incidents' });
    const results = await Promise.all(Array.from({ length: 20 }, () => s.api('POST', `/v1/connectors/${id}/sync`)));
    assert.ok(results.every((r) => r.status === 202), results.map((r) => r.status).join(','));
    const ids = new Set(results.map((r) => r.body.sync_run_id));
    assert.equal(ids.size, 1, `one run id, got ${[...ids].join(', ')}`);
    assert.equal(results.filter((r) => !r.body.already_running).length, 1);
    const active = await s.db.selectFrom('sync_runs').select('id').where('connector_id', '=', id).where('trigger', '=', 'manual').execute();
    assert.equal(active.length, 1);
    // A scheduled tick during the run is skipped and recorded.
    await s.temporal.schedule.getHandle(workflowIds.schedule(id)).trigger();
    const skipped = await eventually(async () => {
      const runs = await s.api('GET', `/v1/connectors/${id}/sync-runs`);
      return runs.body.data.find((x: { status: string }) => x.status === 'skipped');
    }, 20_000, 'a skipped scheduled run');
    assert.equal(skipped.trigger, 'schedule');
    assert.match(skipped.log[0].message, /already in progress/);
    const run = await waitForRun(s, id, [...ids][0]);
    assert.equal(run.status, 'succeeded');
  });

  test('provider 5xx beyond retries → run failed, connector error; next success → connected', async () => {
    // Its own key: the three 503s cannot be taken by another connector's scheduled tick in this file.
    const key = 'pd-outage-key-0123456789abcdef';
    const { id, firstRunId } = await connectedPagerDuty(s, 'outage', key);
    await waitForRun(s, id, firstRunId!);
    await fault(s, { provider: 'pagerduty', kind: 'server_error', remaining: 3, status: 503, path: '/incidents', key });
    const res = await s.api('POST', `/v1/connectors/${id}/sync`);
    const run = await waitForRun(s, id, res.body.sync_run_id);
    assert.equal(run.status, 'failed');
    assert.equal(run.error.code, 'ProviderUnavailable');
    assert.ok(run.log.some((l: { level: string; message: string }) => l.level === 'warn' && /unavailable/.test(l.message)));
    const c = await s.api('GET', `/v1/connectors/${id}`);
    assert.equal(c.body.status, 'error');
    assert.equal(c.body.status_reason, 'sync_failed');
    // The run row commits in the workflow's last activity; the workflow closes a moment later.
    await s.temporal.workflow.getHandle(run.workflow_id).result().catch(() => undefined);
    const wf = await s.temporal.workflow.getHandle(run.workflow_id).describe();
    assert.equal(wf.status.name, 'FAILED');

    const again = await s.api('POST', `/v1/connectors/${id}/sync`);
    assert.equal(again.status, 202, 'a connector in error can still sync');
    const ok = await waitForRun(s, id, again.body.sync_run_id);
    assert.equal(ok.status, 'succeeded');
    assert.equal((await s.api('GET', `/v1/connectors/${id}`)).body.status, 'connected');
    const changes = await s.db.selectFrom('connector_status_changes').select(['to_status', 'reason']).where('connector_id', '=', id).orderBy('id').execute();
    assert.deepEqual(changes.slice(-2).map((x) => [x.to_status, x.reason]), [['error', 'sync_failed'], ['connected', 'sync_succeeded']]);
  });

  test('a 429 with Retry-After delays the run, which then succeeds', async () => {
    const { id, firstRunId } = await connectedPagerDuty(s, 'ratelimited');
    await waitForRun(s, id, firstRunId!);
    s.emulator.state.data.add('pagerduty', 'incident', 3, Date.now() - 10);
    await fault(s, { provider: 'pagerduty', kind: 'rate_limit', remaining: 1, retry_after_s: 2, path: '/incidents' });
    const res = await s.api('POST', `/v1/connectors/${id}/sync`);
    const run = await waitForRun(s, id, res.body.sync_run_id);
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    assert.ok(run.log.some((l: { message: string }) => /rate_limited.*Retry-After 2s/.test(l.message)), JSON.stringify(run.log));
    const calls = s.emulator.state.requests.filter((r) => r.provider === 'pagerduty' && r.path === '/incidents');
    const limited = calls.findIndex((r) => r.status === 429);
    assert.ok(limited >= 0);
    const retry = calls[limited + 1]!;
    assert.ok(Date.parse(retry.at) - Date.parse(calls[limited]!.at) >= 1900, 'the retry waited for Retry-After');
  });

  test('paused → no runs and manual sync is 409; resumed → schedule active again', async () => {
    const { id, firstRunId } = await connectedPagerDuty(s, 'pausable');
    await waitForRun(s, id, firstRunId!);
    const p = await s.api('POST', `/v1/connectors/${id}/pause`);
    assert.equal(p.status, 200, p.text);
    assert.equal(p.body.status, 'paused');
    assert.equal((await s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe()).state.paused, true);
    const sync = await s.api('POST', `/v1/connectors/${id}/sync`);
    assert.equal(sync.status, 409);
    assert.match(sync.body.error.message, /paused.*resume/);
    const sched = await s.api('GET', `/v1/connectors/${id}/schedule`);
    assert.equal(sched.body.paused, true);
    assert.equal(sched.body.next_run_at, null);
    const runsBefore = (await s.api('GET', `/v1/connectors/${id}/sync-runs`)).body.data.length;
    const r = await s.api('POST', `/v1/connectors/${id}/resume`);
    assert.equal(r.body.status, 'connected');
    assert.equal((await s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe()).state.paused, false);
    assert.equal((await s.api('GET', `/v1/connectors/${id}/sync-runs`)).body.data.length, runsBefore, 'no runs while paused');
    const reasons = await s.db.selectFrom('connector_status_changes').select('reason').where('connector_id', '=', id).orderBy('id').execute();
    assert.deepEqual(reasons.slice(-2).map((x) => x.reason), ['paused_by_user', 'resumed_by_user']);
  });

  test('pending and deleted connectors cannot sync; delete removes the schedule', async () => {
    const pending = await s.api('POST', '/v1/connectors', { type: 'pagerduty' });
    const res = await s.api('POST', `/v1/connectors/${pending.body.id}/sync`);
    assert.equal(res.status, 409);
    assert.match(res.body.error.message, /pending.*credentials/);
    assert.equal((await s.api('POST', `/v1/connectors/${pending.body.id}/pause`)).status, 409);

    const { id, firstRunId } = await connectedPagerDuty(s, 'deleted');
    await waitForRun(s, id, firstRunId!);
    assert.equal((await s.api('DELETE', `/v1/connectors/${id}`)).status, 204);
    await assert.rejects(s.temporal.schedule.getHandle(workflowIds.schedule(id)).describe());
    assert.equal((await s.api('POST', `/v1/connectors/${id}/sync`)).status, 404);
  });

  test('bad ids and another workspace', async () => {
    const { id } = await connectedPagerDuty(s, 'isolation');
    assert.equal((await s.api('GET', `/v1/connectors/${id}/sync-runs/nope`)).status, 400);
    assert.equal((await s.api('GET', `/v1/connectors/${id}/records?since=yesterday`)).status, 400);
    for (const p of ['/sync-runs', '/records', '/schedule']) assert.equal((await s.api('GET', `/v1/connectors/${id}${p}`, undefined, { key: s.keyB })).status, 404);
    assert.equal((await s.api('POST', `/v1/connectors/${id}/sync`, undefined, { key: s.keyB })).status, 404);
  });
});

describe('OAuth connectors and the schedule', () => {
  test('OAuth onboarding starts a first sync; oauth_expired pauses the schedule; re-authorizing resumes it', async () => {
    const { oauthDriver } = await import('./helpers/oauth.ts');
    const { emu, consent, callback } = oauthDriver(() => s);
    const c = (await s.api('POST', '/v1/connectors', { type: 'github', name: 'gh' })).body;
    const a = await s.api('POST', `/v1/connectors/${c.id}/oauth/authorize`, {});
    assert.equal(a.status, 200, a.text);
    const cb = await callback(await consent(a.body.authorize_url));
    assert.ok(cb.status < 400, cb.text);
    assert.equal((await s.api('GET', `/v1/connectors/${c.id}`)).body.status, 'connected');
    const first = await eventually(async () => (await s.api('GET', `/v1/connectors/${c.id}/sync-runs`)).body.data[0], 20_000, 'the first sync');
    assert.equal(first.trigger, 'onboarding');
    const done = await waitForRun(s, c.id, first.id);
    assert.equal(done.status, 'succeeded', JSON.stringify(done));
    assert.equal(done.records_added, emulatorSync(s, 'github', ['pull_request', 'commit'], done.window).distinct);
    assert.equal((await s.temporal.schedule.getHandle(workflowIds.schedule(c.id)).describe()).state.paused, false);

    // The grant is revoked at the provider: the next refresh is refused for good.
    const { createCipher } = await import('../lib/crypto.ts');
    const row = (await findConnector(s.db, c.id))!;
    const tokens = createCipher(s.config.encryptionKeys).decryptJson<{ refresh_token: string }>(row.credentials_enc!, secretSlots.credentials(c.id));
    await emu('POST', '/_emulator/oauth/revoke', { provider: 'github', token: tokens.refresh_token });
    await updateConnector(s.db, c.id, { credentials_enc: createCipher(s.config.encryptionKeys).encryptJson({ ...tokens, expires_at: new Date(Date.now() - 1000).toISOString() }, secretSlots.credentials(c.id)) });
    const run = await s.api('POST', `/v1/connectors/${c.id}/sync`);
    const failed = await waitForRun(s, c.id, run.body.sync_run_id);
    assert.equal(failed.status, 'failed');
    const expired = await s.api('GET', `/v1/connectors/${c.id}`);
    assert.equal(expired.body.status, 'oauth_expired', JSON.stringify(failed));
    await eventually(async () => (await s.temporal.schedule.getHandle(workflowIds.schedule(c.id)).describe()).state.paused, 5000, 'the schedule paused');
    const refused = await s.api('POST', `/v1/connectors/${c.id}/sync`);
    assert.equal(refused.status, 409);
    assert.match(refused.body.error.message, /re-authorize/);

    const again = await s.api('POST', `/v1/connectors/${c.id}/oauth/authorize`, {});
    await callback(await consent(again.body.authorize_url));
    assert.equal((await s.api('GET', `/v1/connectors/${c.id}`)).body.status, 'connected');
    await eventually(async () => !(await s.temporal.schedule.getHandle(workflowIds.schedule(c.id)).describe()).state.paused, 10_000, 'the schedule resumed');
    const next = await eventually(async () => (await s.api('GET', `/v1/connectors/${c.id}/sync-runs`)).body.data.find((r: { id: string; trigger: string }) => r.id > run.body.sync_run_id && r.trigger === 'onboarding'), 10_000, 'the sync after re-authorizing');
    const after = await waitForRun(s, c.id, next.id);
    assert.equal(after.status, 'succeeded');
  });
});
