// API-key onboarding end to end, the connector resource, auth and workspace isolation, and secret hygiene.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { historyText } from './helpers/history.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { workflowIds } from '../contracts/ids.ts';
import { findConnector } from '../db/connectors.repository.ts';

let s: TestStack;
before(async () => {
  s = await startTestStack();
});
after(async () => {
  await s?.close();
});

const GOOD_KEY = 'pd_secret_good_key_7f3a9c';
const BAD_KEY = 'pd_secret_wrong_key_0b1d2e';

async function createConnector(type = 'pagerduty', name?: string) {
  const res = await s.api('POST', '/v1/connectors', { type, ...(name ? { name } : {}) });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

describe('API-key onboarding', () => {
  test('create → credentials → connected, via the onboarding workflow with search attributes', async () => {
    s.emulator.state.accept('pagerduty', GOOD_KEY);
    const c = await createConnector('pagerduty', 'PD prod');
    assert.equal(c.status, 'pending');
    assert.match(c.id, /^con_[0-9a-z]{26}$/);

    const res = await s.api('PUT', `/v1/connectors/${c.id}/credentials`, { api_key: GOOD_KEY });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.test.success, true);
    assert.equal(typeof res.body.test.latency_ms, 'number');
    assert.equal(res.body.connector.status, 'connected');
    assert.equal(res.body.connector.status_reason, 'credentials_verified');
    assert.equal(res.body.workflow_id, workflowIds.onboarding(c.id));
    // Its first sync has started, and the answer names it.
    const runs = (await s.api('GET', `/v1/connectors/${c.id}/sync-runs`)).body.data;
    assert.deepEqual(runs.map((r: { id: string; trigger: string }) => [r.id, r.trigger]), [[res.body.first_sync_run_id, 'onboarding']]);

    // The database holds the status, its history and encrypted credentials.
    const row = (await findConnector(s.db, c.id))!;
    assert.equal(row.status, 'connected');
    assert.ok(row.credentials_enc && !row.credentials_enc.includes(GOOD_KEY));
    assert.equal(row.candidate_credentials_enc, null);
    const changes = await s.db.selectFrom('connector_status_changes').selectAll().where('connector_id', '=', c.id).orderBy('id').execute();
    assert.deepEqual(changes.map((x) => [x.from_status, x.to_status, x.reason]), [[null, 'pending', 'created'], ['pending', 'connected', 'credentials_verified']]);

    // The emulator saw the provider's real test call with PagerDuty's token header scheme.
    assert.ok(s.emulator.state.requests.some((r) => r.provider === 'pagerduty' && r.path === '/abilities' && r.status === 200));

    // Temporal shows the completed workflow with its search attributes.
    const handle = s.temporal.workflow.getHandle(workflowIds.onboarding(c.id));
    const desc = await handle.describe();
    assert.equal(desc.status.name, 'COMPLETED');
    const sa = desc.searchAttributes as Record<string, unknown[]>;
    assert.deepEqual(sa.ConnectorId, [c.id]);
    assert.deepEqual(sa.ConnectorType, ['pagerduty']);
    assert.deepEqual(sa.WorkspaceId, [c.workspace_id]);
    const found = await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of s.temporal.workflow.list({ query: `ConnectorId = '${c.id}'` })) ids.push(wf.workflowId);
      return ids.includes(workflowIds.onboarding(c.id)) ? ids : undefined;
    }, 20_000, 'visibility of the onboarding workflow');
    assert.ok(found.length >= 1);

    // POST /test reuses the stored credentials.
    const t = await s.api('POST', `/v1/connectors/${c.id}/test`);
    assert.equal(t.status, 200, t.text);
    assert.equal(t.body.success, true);
    assert.equal(typeof t.body.latency_ms, 'number');
  });

  test('a wrong key leaves the connector pending with the provider\'s reason', async () => {
    const c = await createConnector();
    const res = await s.api('PUT', `/v1/connectors/${c.id}/credentials`, { api_key: BAD_KEY });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.test.success, false);
    assert.equal(res.body.test.error.code, 'invalid_credentials');
    assert.equal(res.body.first_sync_run_id, null);
    assert.match(res.body.test.error.message, /Invalid Credentials/);
    const got = await s.api('GET', `/v1/connectors/${c.id}`);
    assert.equal(got.body.status, 'pending');
    assert.equal(got.body.status_reason, 'connection_test_failed');
    assert.match(got.body.status_message, /Invalid Credentials/);
    assert.equal(got.body.has_credentials, false);
    // Nothing verified to test yet: a clear 409.
    const t = await s.api('POST', `/v1/connectors/${c.id}/test`);
    assert.equal(t.status, 409);
    assert.equal(t.body.error.code, 'no_credentials');
    assert.match(t.body.error.message, /PUT \/v1\/connectors\/.+\/credentials/);
  });

  test('a failed re-key keeps a connected connector on its working credentials', async () => {
    const c = await createConnector();
    assert.equal((await s.api('PUT', `/v1/connectors/${c.id}/credentials`, { api_key: DEMO_KEYS.pagerduty })).body.connector.status, 'connected');
    const res = await s.api('PUT', `/v1/connectors/${c.id}/credentials`, { api_key: BAD_KEY });
    assert.equal(res.body.test.success, false);
    assert.equal(res.body.connector.status, 'connected');
    const t = await s.api('POST', `/v1/connectors/${c.id}/test`);
    assert.equal(t.body.success, true);
  });

  test('a provider outage during the test is retried, then reported without crashing', async () => {
    const c = await createConnector();
    await fetch(`${s.emulator.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ provider: 'pagerduty', kind: 'server_error', remaining: 1, path: '/abilities' }) });
    const res = await s.api('PUT', `/v1/connectors/${c.id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.test.success, true, 'one 503 is retried by Temporal and the second attempt passes');
  });

  test('OAuth types refuse stored credentials with a 409 that says what to do', async () => {
    const c = await createConnector('github');
    // Well-formed credentials (of an API-key type): the document's schema accepts them, the connector's auth refuses.
    const res = await s.api('PUT', `/v1/connectors/${c.id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'wrong_auth_method');
    assert.match(res.body.error.message, /oauth\/authorize/);
  });
});

describe('connectors resource', () => {
  test('list with cursor pagination and filters; rename; delete', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createConnector(i % 2 ? 'github' : 'pagerduty', `list-${i}`));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page = await s.api('GET', `/v1/connectors?limit=2${q}`);
      assert.equal(page.status, 200, page.text);
      assert.ok(page.body.data.length <= 2);
      seen.push(...page.body.data.map((c: { id: string }) => c.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length, 'no connector appears twice');
    for (const c of made) assert.ok(seen.includes(c.id));
    assert.deepEqual([...seen].sort().reverse(), seen, 'newest first');

    const gh = await s.api('GET', '/v1/connectors?type=github&limit=100');
    assert.ok(gh.body.data.length >= 2 && gh.body.data.every((c: { type: string }) => c.type === 'github'));
    const connected = await s.api('GET', '/v1/connectors?status=connected&limit=100');
    assert.ok(connected.body.data.every((c: { status: string }) => c.status === 'connected'));

    const renamed = await s.api('PATCH', `/v1/connectors/${made[0].id}`, { name: 'Renamed' });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, 'Renamed');

    const del = await s.api('DELETE', `/v1/connectors/${made[0].id}`);
    assert.equal(del.status, 204);
    assert.equal((await s.api('GET', `/v1/connectors/${made[0].id}`)).status, 404);
    const row = (await findConnector(s.db, made[0].id))!;
    assert.ok(row.deleted_at);
    assert.equal(row.credentials_enc, null);
  });

  test('deleting a connected connector removes its credentials', async () => {
    const c = await createConnector();
    await s.api('PUT', `/v1/connectors/${c.id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
    assert.equal((await s.api('DELETE', `/v1/connectors/${c.id}`)).status, 204);
    const row = (await findConnector(s.db, c.id))!;
    assert.equal(row.credentials_enc, null);
    assert.equal((await s.api('POST', `/v1/connectors/${c.id}/test`)).status, 404);
  });

  test('Idempotency-Key replays the first response and refuses a different body', async () => {
    const h = { 'idempotency-key': 'create-once-1' };
    const a = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'idem' }, { headers: h });
    const b = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'idem' }, { headers: h });
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.equal(b.body.id, a.body.id);
    assert.equal(b.headers.get('idempotent-replayed'), 'true');
    const listed = await s.api('GET', '/v1/connectors?limit=100');
    assert.equal(listed.body.data.filter((x: { name: string }) => x.name === 'idem').length, 1);
    const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'other' }, { headers: h });
    assert.equal(c.status, 422);
    assert.equal(c.body.error.code, 'idempotency_key_mismatch');
  });
});

describe('bad input gets a 4xx naming the field', () => {
  const expectField = (res: { status: number; body: any; text: string }, status: number, field: string) => {
    assert.equal(res.status, status, res.text);
    assert.ok(res.body?.error?.code, 'error shape');
    assert.ok(res.body.error.details.some((d: { field: string }) => d.field === field), `details name ${field}: ${res.text}`);
  };

  test('unknown type', async () => expectField(await s.api('POST', '/v1/connectors', { type: 'nope' }), 400, 'type'));
  test('missing type', async () => expectField(await s.api('POST', '/v1/connectors', {}), 400, 'type'));
  test('extra field on create', async () => expectField(await s.api('POST', '/v1/connectors', { type: 'pagerduty', colour: 'red' }), 400, 'colour'));
  test('wrong type for name', async () => expectField(await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 42 }), 400, 'name'));
  test('malformed JSON', async () => expectField(await s.api('POST', '/v1/connectors', undefined, { raw: '{"type": ' }), 400, 'body'));
  test('malformed id', async () => expectField(await s.api('GET', '/v1/connectors/not-an-id'), 400, 'id'));
  test('bad status filter', async () => expectField(await s.api('GET', '/v1/connectors?status=sleeping'), 400, 'status'));
  test('bad limit', async () => expectField(await s.api('GET', '/v1/connectors?limit=1000'), 400, 'limit'));
  test('forged cursor', async () => expectField(await s.api('GET', '/v1/connectors?cursor=abc'), 400, 'cursor'));
  test('oversized body', async () => {
    const res = await s.api('POST', '/v1/connectors', undefined, { raw: JSON.stringify({ type: 'pagerduty', name: 'x'.repeat(2 * 1024 * 1024) }) });
    expectField(res, 413, 'body');
  });
  test('credentials: missing, extra and malformed fields', async () => {
    const c = await createConnector();
    expectField(await s.api('PUT', `/v1/connectors/${c.id}/credentials`, {}), 400, 'api_key');
    // Another type's credentials (Opsgenie takes a region): a 409 naming the type and the field this one lacks.
    const other = await s.api('PUT', `/v1/connectors/${c.id}/credentials`, { api_key: DEMO_KEYS.pagerduty, region: 'eu' });
    expectField(other, 409, 'region');
    assert.equal(other.body.error.code, 'wrong_type');
    expectField(await s.api('PUT', `/v1/connectors/${c.id}/credentials`, { api_key: DEMO_KEYS.pagerduty, colour: 'red' }), 400, 'colour');
    expectField(await s.api('PUT', `/v1/connectors/${c.id}/credentials`, { api_key: 'short' }), 400, 'api_key');
    expectField(await s.api('PUT', `/v1/connectors/${c.id}/credentials`, { api_key: 12345678901234567890 }), 400, 'api_key');
    const row = (await findConnector(s.db, c.id))!;
    assert.equal(row.candidate_credentials_enc, null, 'rejected input writes nothing');
  });
});

describe('auth and workspaces', () => {
  test('no key and bad key → 401 in the error shape', async () => {
    const none = await s.api('GET', '/v1/connectors', undefined, { key: null });
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'unauthorized');
    const bad = await s.api('GET', '/v1/connectors', undefined, { key: 'trb_not_a_real_key' });
    assert.equal(bad.status, 401);
    const basic = await s.api('GET', '/v1/connectors', undefined, { key: null, headers: { authorization: 'Basic abc' } });
    assert.equal(basic.status, 401);
  });

  test('another workspace\'s connector is a 404, and lists never cross workspaces', async () => {
    const c = await createConnector();
    for (const [m, p, b] of [
      ['GET', `/v1/connectors/${c.id}`],
      ['PATCH', `/v1/connectors/${c.id}`, { name: 'hijack' }],
      ['PUT', `/v1/connectors/${c.id}/credentials`, { api_key: DEMO_KEYS.pagerduty }],
      ['POST', `/v1/connectors/${c.id}/test`],
      ['DELETE', `/v1/connectors/${c.id}`],
    ] as const) {
      const res = await s.api(m, p, b, { key: s.keyB });
      assert.equal(res.status, 404, `${m} ${p}: ${res.text}`);
    }
    const list = await s.api('GET', '/v1/connectors?limit=100', undefined, { key: s.keyB });
    assert.ok(!list.body.data.some((x: { id: string }) => x.id === c.id));
    assert.equal((await s.api('GET', `/v1/connectors/${c.id}`)).body.name, 'PagerDuty');
  });

  test('health, readiness, spec and docs need no key', async () => {
    assert.equal((await s.api('GET', '/healthz', undefined, { key: null })).status, 200);
    const ready = await s.api('GET', '/readyz', undefined, { key: null });
    assert.equal(ready.status, 200, ready.text);
    assert.deepEqual([ready.body.checks.postgres.ok, ready.body.checks.temporal.ok], [true, true]);
    const spec = await s.api('GET', '/openapi.json', undefined, { key: null });
    assert.equal(spec.status, 200);
    assert.ok(spec.body.paths['/v1/connectors/{id}/credentials']);
    assert.ok(spec.body.paths['/v1/connectors/{id}/changes'] && spec.body.paths['/v1/changes'], 'the changes feed is documented');
    assert.ok(spec.body.components.schemas.Change && spec.body.components.schemas.Record);
    const docs = await s.app.request('/docs');
    assert.equal(docs.status, 200);
    assert.match(await docs.text(), /swagger-ui/);
    assert.equal((await s.app.request('/docs/assets/swagger-ui-bundle.js')).status, 200);
  });

  test('responses carry a request id', async () => {
    const res = await s.api('GET', '/healthz', undefined, { key: null });
    assert.ok(res.headers.get('x-request-id'));
  });
});

describe('secrets never leak', () => {
  test('an API key given in credentials appears in no response, log line or workflow history', async () => {
    const secret = 'pd_secret_canary_5e1f0a9b7c';
    s.emulator.state.accept('pagerduty', secret);
    const c = await createConnector();
    const bodies: string[] = [];
    const put = await s.api('PUT', `/v1/connectors/${c.id}/credentials`, { api_key: secret });
    assert.equal(put.body.connector.status, 'connected');
    bodies.push(put.text);
    bodies.push((await s.api('GET', `/v1/connectors/${c.id}`)).text);
    bodies.push((await s.api('GET', '/v1/connectors?limit=100')).text);
    bodies.push((await s.api('POST', `/v1/connectors/${c.id}/test`)).text);
    // A rejected PUT must not echo it either.
    bodies.push((await s.api('PUT', `/v1/connectors/${c.id}/credentials`, { api_key: secret, extra: secret })).text);
    for (const b of bodies) assert.ok(!b.includes(secret), `response leaked the secret: ${b}`);

    assert.ok(s.logs.length > 0, 'logs were captured');
    for (const line of s.logs) assert.ok(!line.includes(secret), `log line leaked the secret: ${line}`);

    const { workflowIds, text } = await eventually(async () => {
      const h = await historyText(s.temporal, `ConnectorId = '${c.id}'`);
      return h.workflowIds.length >= 2 ? h : undefined;
    }, 20_000, 'workflow histories');
    assert.ok(workflowIds.some((id) => id.startsWith('onboarding/')));
    assert.ok(text.includes(c.id), 'histories were decoded (they carry the connector id)');
    assert.ok(!text.includes(secret), 'a workflow history payload contains the secret');
  });
});
