// Webhooks through the public API: signed, filtered, durable deliveries of connector and run events.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freePort } from '../dev/net.ts';
import { ROOT } from '../dev/state.ts';
import { verify } from '../lib/webhook-signing.ts';
import { startReceiver, type Receiver } from './helpers/receiver.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { connectedPagerDuty, fault, waitForRun } from './helpers/sync.ts';

let s: TestStack;
const receivers: Receiver[] = [];
before(async () => {
  s = await startTestStack({ BACKFILL_MAX_ATTEMPTS: '2' });
});
after(async () => {
  for (const r of receivers) await r.close();
  await s?.close();
});

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

async function endpoint(url: string, events: string[], extra: Record<string, unknown> = {}, key?: string) {
  const res = await s.api('POST', '/v1/webhooks', { url, events, ...extra }, key ? { key } : {});
  assert.equal(res.status, 201, res.text);
  assert.match(res.body.secret, /^whsec_/);
  return res.body as { id: string; secret: string };
}

function verified(r: Receiver, secret: string) {
  return r.received.filter((x) => verify(secret, { id: String(x.headers['webhook-id']), timestamp: String(x.headers['webhook-timestamp']), signature: String(x.headers['webhook-signature']) }, x.body));
}

const types = (r: Receiver, connectorId?: string) => r.received.filter((x) => !connectorId || x.json?.data?.connector?.id === connectorId).map((x) => x.json.type);

describe('delivery and filters', () => {
  test('each event type arrives signed; filters select events and connectors; other workspaces never leak in', async () => {
    const all = await receiver();
    const filtered = await receiver();
    const allEp = await endpoint(all.url, ['*']);
    const c1 = (await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'wh-one' })).body;
    const fEp = await endpoint(filtered.url, ['connector.status_changed', 'sync_run.succeeded'], { connector_ids: [c1.id] });

    // ping first, on both
    await eventually(async () => all.received.some((x) => x.json?.type === 'ping') && filtered.received.some((x) => x.json?.type === 'ping'), 20_000, 'pings');

    const { DEMO_KEYS } = await import('../dev/emulator/state.ts');
    await s.api('PUT', `/v1/connectors/${c1.id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
    const other = await connectedPagerDuty(s, 'wh-two');
    const runs = (await s.api('GET', `/v1/connectors/${c1.id}/sync-runs`)).body.data;
    await waitForRun(s, c1.id, runs[0].id);
    await waitForRun(s, other.id, other.firstRunId!);
    // A failing sync and a delete complete the set of connector and run events.
    await fault(s, { provider: 'pagerduty', kind: 'server_error', remaining: 3, path: '/incidents' });
    const failing = await s.api('POST', `/v1/connectors/${other.id}/sync`);
    await waitForRun(s, other.id, failing.body.sync_run_id);
    await s.api('DELETE', `/v1/connectors/${other.id}`);
    // Another workspace's activity.
    const foreign = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'foreign' }, { key: s.keyB });
    await s.api('PUT', `/v1/connectors/${foreign.body.id}/credentials`, { api_key: DEMO_KEYS.pagerduty }, { key: s.keyB });

    const expectAll = ['connector.created', 'connector.status_changed', 'sync_run.succeeded', 'sync_run.failed', 'connector.deleted'];
    await eventually(async () => expectAll.every((t) => types(all).includes(t)), 30_000, `all event types at the * endpoint (got ${types(all).join(',')})`);
    await eventually(async () => types(filtered, c1.id).includes('sync_run.succeeded'), 20_000, 'the filtered endpoint\'s sync event');

    assert.equal(verified(all, allEp.secret).length, all.received.length, 'every delivery verifies with the secret');
    assert.equal(verified(filtered, fEp.secret).length, filtered.received.length);
    assert.equal(verified(all, fEp.secret).length, 0, 'another endpoint\'s secret does not verify');

    const filteredTypes = new Set(filtered.received.map((x) => x.json.type));
    for (const t of filteredTypes) assert.ok(['ping', 'connector.status_changed', 'sync_run.succeeded'].includes(t), `filtered endpoint got ${t}`);
    assert.ok(filtered.received.filter((x) => x.json.type !== 'ping').every((x) => x.json.data.connector.id === c1.id), 'only the selected connector');
    const statusEvt = filtered.received.find((x) => x.json.type === 'connector.status_changed')!;
    assert.deepEqual([statusEvt.json.data.from, statusEvt.json.data.to, statusEvt.json.data.reason], ['pending', 'connected', 'credentials_verified']);
    assert.deepEqual(statusEvt.json.data.connector, { id: c1.id, type: 'pagerduty', name: 'wh-one' });
    assert.equal(statusEvt.headers['webhook-id'], statusEvt.json.id);

    assert.ok(!all.received.some((x) => x.json?.data?.connector?.id === foreign.body.id), 'another workspace\'s events never arrive');
    assert.ok(!JSON.stringify(all.received.map((x) => x.json)).includes(DEMO_KEYS.pagerduty!), 'no credentials in payloads');
  });

  test('500 three times then 200: delivered with the same webhook-id, four attempts in the log', async () => {
    const r = await receiver();
    r.script = [500, 500, 500];
    const ep = await endpoint(r.url, ['connector.created']);
    await eventually(async () => r.received.length >= 4, 20_000, 'four attempts of the ping');
    const ids = new Set(r.received.slice(0, 4).map((x) => x.headers['webhook-id']));
    assert.equal(ids.size, 1, 'stable webhook-id across retries');
    const log = await eventually(async () => {
      const d = await s.api('GET', `/v1/webhooks/${ep.id}/deliveries`);
      return d.body.data[0]?.status === 'delivered' ? d.body.data[0] : undefined;
    }, 20_000, 'delivered status');
    assert.deepEqual(log.attempts.map((a: { status_code: number }) => a.status_code), [500, 500, 500, 200]);
    assert.ok(log.attempts.every((a: { latency_ms: number }) => typeof a.latency_ms === 'number'));
    assert.equal(log.attempts[0].error, 'receiver answered 500');

    // Manual redelivery sends the same event again with the same webhook-id.
    const before = r.received.length;
    const re = await s.api('POST', `/v1/webhooks/${ep.id}/deliveries/${log.id}/redeliver`);
    assert.equal(re.status, 202, re.text);
    await eventually(async () => r.received.length > before, 20_000, 'the redelivery');
    assert.equal(r.received[before]!.headers['webhook-id'], log.event_id);
  });

  test('an endpoint that keeps failing is disabled, and that is recorded as an event', async () => {
    const r = await receiver();
    r.script = Array(100).fill(503);
    const ep = await endpoint(r.url, ['connector.created']);
    await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'trigger-1' });
    const disabled = await eventually(async () => {
      const e = await s.api('GET', `/v1/webhooks/${ep.id}`);
      return e.body.enabled === false ? e.body : undefined;
    }, 30_000, 'the endpoint disabled');
    assert.match(disabled.disabled_reason, /in a row failed/);
    const evt = await s.db.selectFrom('events').selectAll().where('type', '=', 'webhook_endpoint.disabled').execute();
    assert.ok(evt.some((e) => (e.payload as { webhook: { id: string } }).webhook.id === ep.id));
    // Re-enabling resets the failure count.
    const re = await s.api('PATCH', `/v1/webhooks/${ep.id}`, { enabled: true });
    assert.equal(re.body.enabled, true);
    assert.equal(re.body.consecutive_failures, 0);
  });

  test('secrets: shown once, never read back, rotation takes effect', async () => {
    const r = await receiver();
    const ep = await endpoint(r.url, ['connector.created']);
    const got = await s.api('GET', `/v1/webhooks/${ep.id}`);
    assert.ok(!got.text.includes(ep.secret) && !('secret' in got.body));
    assert.ok(!(await s.api('GET', '/v1/webhooks')).text.includes(ep.secret));
    const rot = await s.api('POST', `/v1/webhooks/${ep.id}/rotate-secret`);
    assert.notEqual(rot.body.secret, ep.secret);
    const n = r.received.length;
    await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'after-rotation' });
    await eventually(async () => r.received.slice(n).some((x) => x.json?.type === 'connector.created'), 20_000, 'an event after rotation');
    const last = r.received.slice(n).find((x) => x.json.type === 'connector.created')!;
    assert.ok(verify(rot.body.secret, { id: String(last.headers['webhook-id']), timestamp: String(last.headers['webhook-timestamp']), signature: String(last.headers['webhook-signature']) }, last.body));
    for (const line of s.logs) assert.ok(!line.includes(ep.secret) && !line.includes(rot.body.secret), 'no secret in logs');
  });
});

describe('what runs changed', () => {
  test('sync_run.succeeded carries the counts and the run\'s feed range; records.changed comes once per run that changed something', async () => {
    const r = await receiver();
    const ep = await endpoint(r.url, ['sync_run.succeeded', 'records.changed']);
    const { id, firstRunId } = await connectedPagerDuty(s, 'wh-changes');
    await waitForRun(s, id, firstRunId!);
    const forRun = (type: string, runId: string) => r.received.filter((x) => x.json?.type === type && (x.json.data.sync_run?.id ?? x.json.data.source?.id) === runId);
    await eventually(async () => forRun('sync_run.succeeded', firstRunId!).length === 1 && forRun('records.changed', firstRunId!).length === 1, 20_000, 'both events of the first run');
    const succeeded = forRun('sync_run.succeeded', firstRunId!)[0]!.json.data;
    const changed = forRun('records.changed', firstRunId!)[0]!.json.data;
    const run = (await s.api('GET', `/v1/connectors/${id}/sync-runs/${firstRunId}`)).body;
    for (const k of ['records_fetched', 'records_added', 'records_updated', 'records_unchanged', 'records_deleted']) {
      assert.equal(succeeded.sync_run[k], run[k], k);
      assert.equal(changed[k], run[k], k);
    }
    assert.deepEqual(succeeded.sync_run.changes, run.changes);
    assert.deepEqual(changed.changes, run.changes);
    assert.deepEqual(changed.source, { type: 'sync_run', id: firstRunId });
    assert.equal(run.changes.count, run.records_added, 'a first sync only adds');

    // The range is exactly the run's changes.
    const feed = await s.api('GET', `/v1/connectors/${id}/changes?after=${run.changes.after}&until=${run.changes.until}&limit=1000`);
    assert.equal(feed.body.data.length, run.changes.count);
    assert.ok(feed.body.data.every((c: { source: { id: string } }) => c.source.id === firstRunId));

    // A sync that changes nothing: its succeeded event says so, and no records.changed is sent for it.
    const again = await s.api('POST', `/v1/connectors/${id}/sync`);
    const quiet = await waitForRun(s, id, again.body.sync_run_id);
    assert.equal(quiet.changes, null);
    await eventually(async () => forRun('sync_run.succeeded', quiet.id).length === 1, 20_000, 'the quiet run\'s event');
    assert.equal(forRun('sync_run.succeeded', quiet.id)[0]!.json.data.sync_run.changes, null);
    assert.equal(forRun('records.changed', quiet.id).length, 0);
    assert.equal(verified(r, ep.secret).length, r.received.length);
  });
});

describe('backfill events', () => {
  test('backfill.succeeded, backfill.failed and backfill.cancelled reach a subscribed endpoint', { timeout: 120_000 }, async () => {
    const { DAY, hourAgo, postBackfill, waitForBackfill } = await import('./helpers/backfill.ts');
    const r = await receiver();
    const ep = await endpoint(r.url, ['backfill.succeeded', 'backfill.failed', 'backfill.cancelled']);
    const { id, firstRunId } = await connectedPagerDuty(s, 'bf-events');
    await waitForRun(s, id, firstRunId!);
    const end = hourAgo(2);
    const ok = await postBackfill(s, id, { start: new Date(end - 2 * DAY).toISOString(), end: new Date(end).toISOString() });
    assert.equal((await waitForBackfill(s, id, ok)).status, 'succeeded');

    await fault(s, { provider: 'pagerduty', kind: 'server_error', remaining: 1000, path: '/incidents' });
    const bad = await postBackfill(s, id, { start: new Date(end - 5 * DAY).toISOString(), end: new Date(end - 3 * DAY).toISOString() });
    assert.equal((await waitForBackfill(s, id, bad)).status, 'failed');
    s.emulator.state.faults.length = 0;

    await fault(s, { provider: 'pagerduty', kind: 'slow', remaining: 1000, delay_ms: 300 });
    const slow = await postBackfill(s, id, { start: new Date(end - 20 * DAY).toISOString(), end: new Date(end - 6 * DAY).toISOString() });
    assert.equal((await s.api('POST', `/v1/connectors/${id}/backfills/${slow}/cancel`)).status, 202);
    assert.equal((await waitForBackfill(s, id, slow)).status, 'cancelled');
    s.emulator.state.faults.length = 0;

    const got = await eventually(async () => {
      const byBackfill = new Map(r.received.filter((x) => x.json?.data?.backfill).map((x) => [x.json.data.backfill.id, x.json]));
      return [ok, bad, slow].every((b) => byBackfill.has(b)) ? byBackfill : undefined;
    }, 30_000, 'the three backfill events');
    assert.equal(got.get(ok).type, 'backfill.succeeded');
    assert.equal(got.get(ok).data.connector.id, id);
    assert.ok(got.get(ok).data.backfill.records > 0);
    assert.equal(got.get(bad).type, 'backfill.failed');
    assert.ok(got.get(bad).data.backfill.error.window, 'the failing chunk\'s window');
    assert.equal(got.get(slow).type, 'backfill.cancelled');
    assert.equal(verified(r, ep.secret).length, r.received.length);
  });
});

describe('outbox', () => {
  test('the API process killed right after a status change: the event is still delivered', { timeout: 120_000 }, async () => {
    const r = await receiver();
    await endpoint(r.url, ['connector.status_changed']);
    const { id, firstRunId } = await connectedPagerDuty(s, 'outbox');
    await waitForRun(s, id, firstRunId!);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, ...s.env, PORT: String(port), LOG_LEVEL: 'warn' };
    delete env.NODE_TEST_CONTEXT;
    const api = spawn(process.execPath, [path.join(ROOT, 'bin/tributary.mjs'), 'api'], { env, stdio: 'ignore' });
    try {
      await eventually(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 30_000, 'the API process');
      const res = await fetch(`http://127.0.0.1:${port}/v1/connectors/${id}/pause`, { method: 'POST', headers: { authorization: `Bearer ${s.keyA}` } });
      assert.equal(res.status, 200);
      api.kill('SIGKILL');
    } finally {
      if (api.exitCode === null) api.kill('SIGKILL');
    }
    const got = await eventually(async () => r.received.find((x) => x.json?.type === 'connector.status_changed' && x.json.data.connector.id === id && x.json.data.to === 'paused'), 20_000, 'the paused event');
    assert.equal(got.json.data.reason, 'paused_by_user');
  });
});

describe('validation', () => {
  const expectField = (res: { status: number; body: any; text: string }, field: string, status = 400) => {
    assert.equal(res.status, status, res.text);
    assert.ok(res.body.error.details.some((d: { field: string }) => d.field === field), `names ${field}: ${res.text}`);
  };
  test('bad URLs and unknown events → 400, foreign connector ids → 404, naming the field', async () => {
    expectField(await s.api('POST', '/v1/webhooks', { url: 'not a url', events: ['*'] }), 'url');
    expectField(await s.api('POST', '/v1/webhooks', { url: 'ftp://example.com/x', events: ['*'] }), 'url');
    expectField(await s.api('POST', '/v1/webhooks', { url: 'https://user:pw@example.com/x', events: ['*'] }), 'url');
    expectField(await s.api('POST', '/v1/webhooks', { url: 'https://example.com/x', events: ['connector.exploded'] }), 'events.0');
    expectField(await s.api('POST', '/v1/webhooks', { url: 'https://example.com/x', events: [] }), 'events');
    const foreign = await s.api('POST', '/v1/connectors', { type: 'pagerduty' }, { key: s.keyB });
    expectField(await s.api('POST', '/v1/webhooks', { url: 'https://example.com/x', events: ['*'], connector_ids: [foreign.body.id] }), 'connector_ids.0', 404);
    expectField(await s.api('POST', '/v1/webhooks', { url: 'https://example.com/x', events: ['*'], colour: 'red' }), 'colour');
    assert.equal((await s.api('GET', '/v1/webhooks/wh_nope')).status, 400);
    const ep = await endpoint('https://example.com/x', ['*']);
    assert.equal((await s.api('GET', `/v1/webhooks/${ep.id}`, undefined, { key: s.keyB })).status, 404);
    assert.equal((await s.api('DELETE', `/v1/webhooks/${ep.id}`)).status, 204);
  });
});
