// The SDK (@tributary/sdk) against the real stack over HTTP: the "connect via the API" path (type → create →
// credentials → test → sync → follow the run), pagination, the changes feed, typed errors, and verifying a real
// webhook delivery's signature.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTributary, TributaryError, unwrap, verifyWebhook, WebhookVerificationError, type Tributary } from '@tributary/sdk';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { freePort } from '../dev/net.ts';
import { startReceiver, type Receiver } from './helpers/receiver.ts';
import { serveTestApp, type ServedApp } from './helpers/server.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';

let s: TestStack;
let served: ServedApp;
let receiver: Receiver;
let t: Tributary;
before(async () => {
  const port = await freePort();
  s = await startTestStack({ PUBLIC_URL: `http://127.0.0.1:${port}` });
  served = await serveTestApp(s, port);
  receiver = await startReceiver();
  t = createTributary({ baseUrl: served.url, token: s.keyA });
});
after(async () => {
  await served?.close();
  await receiver?.close();
  await s?.close();
});

test('connect via the API: type → create → credentials (tested) → sync → follow the run to its end', { timeout: 120_000 }, async () => {
  const type = await unwrap(t.api.GET('/v1/connector-types/{type}', { params: { path: { type: 'pagerduty' } } }));
  assert.equal(type.auth, 'api_key');
  assert.deepEqual(type.credential_fields.map((f) => f.name), ['api_key']);

  const { connector, test: result } = await t.connectWithApiKey({ type: 'pagerduty', name: 'sdk pd', credentials: { api_key: DEMO_KEYS.pagerduty! } });
  assert.equal(result.success, true);
  assert.equal(connector.status, 'connected', JSON.stringify({ connector, result }));
  const retested = await unwrap(t.api.POST('/v1/connectors/{id}/test', { params: { path: { id: connector.id } } }));
  assert.equal(retested.success, true);

  const { sync_run_id } = await t.syncNow(connector.id);
  const seen: string[] = [];
  const run = await t.followRun(connector.id, sync_run_id, { intervalMs: 200, timeoutMs: 90_000, onUpdate: (r) => seen.push(r.status) });
  assert.equal(run.status, 'succeeded');
  assert.ok(run.records_fetched > 0);
  assert.equal(seen.at(-1), 'succeeded');
  const stored = await s.db.selectFrom('records').select((eb) => eb.fn.countAll<string>().as('n')).where('connector_id', '=', connector.id).executeTakeFirstOrThrow();
  assert.ok(Number(stored.n) > 0, 'records in PostgreSQL');

  // Every record, page after page (small pages), each exactly once.
  const ids: string[] = [];
  for await (const r of t.records(connector.id, { limit: 7 })) ids.push(`${r.kind}/${r.external_id}`);
  assert.equal(ids.length, new Set(ids).size);
  assert.equal(ids.length, Number(stored.n));

  // The changes feed from the start, to its current end.
  const changes = [];
  for await (const c of t.changes({ connector_id: connector.id, limit: 5, follow: false })) changes.push(c);
  assert.ok(changes.length >= ids.length, 'every record arrived as a change');
  assert.equal(new Set(changes.map((c) => c.cursor)).size, changes.length, 'no change twice');

  const listed = [];
  for await (const c of t.connectors({ type: 'pagerduty' })) listed.push(c.id);
  assert.ok(listed.includes(connector.id));
});

test('failures are TributaryError with status, code, the field, the request id', async () => {
  await assert.rejects(
    () => unwrap(t.api.POST('/v1/connectors', { body: { type: 'pagerduty', name: '' } })),
    (err: unknown) => err instanceof TributaryError && err.status === 400 && err.code === 'invalid_request' && err.details.some((d) => d.field === 'name') && Boolean(err.requestId),
  );
  await assert.rejects(() => t.connector('con_00000000000000000000000000'), (err: unknown) => err instanceof TributaryError && err.status === 404);
  const anonymous = createTributary({ baseUrl: served.url, token: 'trb_not_a_key' });
  await assert.rejects(() => anonymous.connector('con_00000000000000000000000000'), (err: unknown) => err instanceof TributaryError && err.status === 401 && err.code === 'unauthorized');
});

test('verifyWebhook accepts a real delivery and refuses an altered body, another secret and an old timestamp', { timeout: 60_000 }, async () => {
  const hook = await unwrap(t.api.POST('/v1/webhooks', { body: { url: receiver.url, events: ['connector.created'] } }));
  await t.api.POST('/v1/connectors', { body: { type: 'opsgenie', name: 'sdk webhook trigger' } });
  const delivery = await eventually(async () => receiver.received.find((r) => r.json?.type === 'connector.created'), 30_000, 'a connector.created delivery');
  const event = await verifyWebhook(hook.secret, delivery.headers as Record<string, string>, delivery.body);
  assert.equal(event.type, 'connector.created');
  await assert.rejects(() => verifyWebhook(hook.secret, delivery.headers as Record<string, string>, delivery.body.replace('opsgenie', 'pagerduty')), WebhookVerificationError);
  const other = await unwrap(t.api.POST('/v1/webhooks/{id}/rotate-secret', { params: { path: { id: hook.id } } }));
  await assert.rejects(() => verifyWebhook(other.secret, delivery.headers as Record<string, string>, delivery.body), WebhookVerificationError);
  await assert.rejects(() => verifyWebhook(hook.secret, delivery.headers as Record<string, string>, delivery.body, { now: Date.now() + 3_600_000 }), /tolerance/);
});
