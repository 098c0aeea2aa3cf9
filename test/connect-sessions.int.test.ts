// Connect sessions through the public API: a token completes one connection (catalog, create, credentials,
// test) and reaches no other operation — checked over every operation the document lists, so a new route is
// covered the day it is added; expired and used tokens are 401; origins, CORS and frame-ancestors follow the
// session's allowed origins.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';

let s: TestStack;
before(async () => {
  s = await startTestStack();
});
after(async () => {
  await s?.close();
});

const APP_ORIGIN = 'https://app.example.com';

async function newSession(body: Record<string, unknown> = {}): Promise<{ id: string; token: string; connect_url: string; expires_at: string }> {
  const res = await s.api('POST', '/v1/connect-sessions', body);
  assert.equal(res.status, 201, res.text);
  return res.body;
}

type Operation = { method: string; path: string; operationId: string; session: boolean };

/** Every operation the served document lists that takes a credential (public ones take no token at all). */
async function securedOperations(): Promise<Operation[]> {
  const doc = (await s.api('GET', '/openapi.json', undefined, { key: null })).body;
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (Array.isArray(op.security) && op.security.length === 0) continue;
      ops.push({ method: method.toUpperCase(), path, operationId: op.operationId, session: (op.security ?? []).some((r: object) => 'connectSession' in r) });
    }
  }
  return ops;
}

describe('what a connect-session token can reach', () => {
  test('every operation: refused (401) unless it lists the connectSession scheme, and then only on the session\'s own connector (404 elsewhere)', async () => {
    const other = await s.api('POST', '/v1/connectors', { type: 'github', name: 'someone else\'s' });
    const session = await newSession({ connector_type: 'pagerduty' });
    const own = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'the session\'s' }, { key: session.token });
    assert.equal(own.status, 201, own.text);
    const ops = await securedOperations();
    assert.ok(ops.length >= 35, `the document lists the API's operations (${ops.length})`);
    const values: Record<string, string> = { id: other.body.id, type: 'github', run_id: 'run_00000000000000000000000000', backfill_id: 'bf_00000000000000000000000000', delivery_id: 'whd_00000000000000000000000000' };
    const reached: string[] = [];
    for (const op of ops) {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x');
      const body = ['POST', 'PUT', 'PATCH'].includes(op.method) ? { type: 'pagerduty', api_key: DEMO_KEYS.pagerduty } : undefined;
      const res = await s.api(op.method, path, body, { key: session.token });
      if (!op.session) {
        assert.equal(res.status, 401, `${op.operationId} (${op.method} ${path}) must refuse a connect-session token: ${res.status} ${res.text}`);
        assert.equal(res.body.error.code, 'unauthorized');
        assert.match(res.body.error.message, new RegExp(`cannot call ${op.operationId}`));
      } else if (op.path.includes('{')) {
        assert.equal(res.status, 404, `${op.operationId} outside the session's connector/type: ${res.status} ${res.text}`);
      } else {
        reached.push(op.operationId);
      }
    }
    assert.deepEqual(reached.sort(), ['createConnector', 'getCurrentConnectSession', 'listConnectorTypes'].sort(), 'the operations without a path parameter a session may call');
    // Nothing happened to the other connector, and the session made no second connector.
    const after = await s.api('GET', `/v1/connectors/${other.body.id}`);
    assert.equal(after.body.status, 'pending');
    assert.equal(after.body.name, 'someone else\'s');
    const made = (await s.api('GET', '/v1/connectors?type=pagerduty&limit=100')).body.data.filter((c: { name: string }) => c.name === 'the session\'s');
    assert.equal(made.length, 1);
  });

  test('the session\'s own connector: read, store credentials and test — then the token is spent (401)', async () => {
    const session = await newSession({ connector_type: 'pagerduty', end_user: { id: 'u-42', name: 'Ada' } });
    const types = await s.api('GET', '/v1/connector-types/pagerduty', undefined, { key: session.token });
    assert.equal(types.status, 200, types.text);
    const wrongType = await s.api('POST', '/v1/connectors', { type: 'opsgenie' }, { key: session.token });
    assert.equal(wrongType.status, 409, wrongType.text);
    assert.equal(wrongType.body.error.code, 'wrong_type');
    const made = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'Ada\'s PagerDuty' }, { key: session.token });
    assert.equal(made.status, 201, made.text);
    const second = await s.api('POST', '/v1/connectors', { type: 'pagerduty' }, { key: session.token });
    assert.equal(second.status, 409, 'a session connects one connector');
    assert.equal(second.body.error.code, 'session_connector_exists');
    const current = await s.api('GET', '/v1/connect-sessions/current', undefined, { key: session.token });
    assert.equal(current.body.connector_id, made.body.id);
    assert.equal(current.body.used_at, null);

    const put = await s.api('PUT', `/v1/connectors/${made.body.id}/credentials`, { api_key: DEMO_KEYS.pagerduty }, { key: session.token });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.connector.status, 'connected');
    assert.equal(put.body.test.success, true);
    const spent = await s.api('GET', `/v1/connectors/${made.body.id}`, undefined, { key: session.token });
    assert.equal(spent.status, 401, 'used: its connection is complete');
    assert.match(spent.body.error.message, /was used/);
    // The product reads the outcome with its API key.
    const seen = await s.api('GET', `/v1/connect-sessions/${session.id}`);
    assert.equal(seen.body.connector_id, made.body.id);
    assert.ok(seen.body.used_at);
    assert.deepEqual(seen.body.end_user, { id: 'u-42', name: 'Ada' });
    assert.equal('token' in seen.body, false, 'the token is shown once');
  });

  test('an expired token is 401 at once; an unknown one too; the token is stored only as a hash', async () => {
    const session = await newSession();
    assert.ok(Date.parse(session.expires_at) - Date.now() > 29 * 60_000, 'default lifetime 30 minutes');
    assert.equal((await s.api('GET', '/v1/connect-sessions/current', undefined, { key: session.token })).status, 200);
    await s.db.updateTable('connect_sessions').set({ expires_at: sql<Date>`now() - interval '1 second'` }).where('id', '=', session.id).execute();
    const res = await s.api('GET', '/v1/connector-types', undefined, { key: session.token });
    assert.equal(res.status, 401);
    assert.match(res.body.error.message, /expired/);
    assert.equal((await s.api('GET', '/v1/connector-types', undefined, { key: `${session.token.slice(0, -2)}xx` })).status, 401);
    const stored = await s.db.selectFrom('connect_sessions').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(stored).includes(session.token.slice(4)), 'no plaintext token in the database');
  });

  test('a session for an existing connector reaches that connector only; a session of another workspace reaches nothing of this one', async () => {
    const mine = await s.api('POST', '/v1/connectors', { type: 'opsgenie', name: 'reconnect me' });
    const session = await newSession({ connector_id: mine.body.id });
    assert.equal((await s.api('GET', `/v1/connectors/${mine.body.id}`, undefined, { key: session.token })).status, 200);
    const foreign = await s.api('POST', '/v1/connect-sessions', {}, { key: s.keyB });
    assert.equal(foreign.status, 201);
    assert.equal((await s.api('GET', `/v1/connectors/${mine.body.id}`, undefined, { key: foreign.body.token })).status, 404);
    const bad = await s.api('POST', '/v1/connect-sessions', { connector_id: mine.body.id }, { key: s.keyB });
    assert.equal(bad.status, 404, 'another workspace\'s connector');
  });
});

describe('origins, CORS and framing', () => {
  test('allowed origins get CORS (also on a 401); others are 403; a preflight is answered for them only', async () => {
    const session = await newSession({ allowed_origins: [APP_ORIGIN] });
    const ok = await s.api('GET', '/v1/connect-sessions/current', undefined, { key: session.token, headers: { origin: APP_ORIGIN } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), APP_ORIGIN);
    const evil = await s.api('GET', '/v1/connect-sessions/current', undefined, { key: session.token, headers: { origin: 'https://evil.example.net' } });
    assert.equal(evil.status, 403);
    assert.equal(evil.body.error.code, 'origin_not_allowed');
    assert.equal(evil.headers.get('access-control-allow-origin'), null);

    const preflight = (origin: string, method: string, path: string) =>
      s.app.request(path, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' } });
    const pf = await preflight(APP_ORIGIN, 'PUT', '/v1/connectors/con_00000000000000000000000000/credentials');
    assert.equal(pf.status, 204);
    assert.equal(pf.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.notEqual((await preflight('https://evil.example.net', 'PUT', '/v1/connectors/con_00000000000000000000000000/credentials')).headers.get('access-control-allow-origin'), 'https://evil.example.net');
    assert.equal((await preflight(APP_ORIGIN, 'DELETE', '/v1/connectors/con_00000000000000000000000000')).headers.get('access-control-allow-origin'), null, 'not for operations a session cannot call');

    await s.db.updateTable('connect_sessions').set({ expires_at: sql<Date>`now() - interval '1 second'` }).where('id', '=', session.id).execute();
    const expired = await s.api('GET', '/v1/connect-sessions/current', undefined, { key: session.token, headers: { origin: APP_ORIGIN } });
    assert.equal(expired.status, 401);
    assert.equal(expired.headers.get('access-control-allow-origin'), APP_ORIGIN, 'the embedding page can read why');
  });

  test('the embeddable flow may be framed by the session\'s origins only; the token never reaches the server in the URL', async () => {
    const framed = await newSession({ allowed_origins: [APP_ORIGIN, 'http://localhost:8080'] });
    const url = new URL(framed.connect_url);
    assert.equal(url.pathname, `/connect/${framed.id}`);
    assert.equal(url.search, '');
    assert.equal(new URLSearchParams(url.hash.slice(1)).get('token'), framed.token);
    const page = await s.app.request(url.pathname);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors https:\/\/app\.example\.com http:\/\/localhost:8080(;|$)/);
    const unframed = await newSession();
    const popupOnly = await s.app.request(`/connect/${unframed.id}`);
    assert.match(popupOnly.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal((await s.app.request('/connect/cs_00000000000000000000000000')).status, 404);
  });

  test('creating a session: origins and types are checked, the token is not replayed by Idempotency-Key', async () => {
    const bad = await s.api('POST', '/v1/connect-sessions', { allowed_origins: ['https://app.example.com/path'], connector_type: 'nope' });
    assert.equal(bad.status, 400);
    const fields = bad.body.error.details.map((d: { field: string }) => d.field).sort();
    assert.deepEqual(fields, ['allowed_origins.0', 'connector_type']);
    const key = { 'idempotency-key': `cs-${Date.now()}` };
    const first = await s.api('POST', '/v1/connect-sessions', {}, { headers: key });
    assert.equal(first.status, 201);
    const again = await s.api('POST', '/v1/connect-sessions', {}, { headers: key });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'idempotency_secret_withheld');
    assert.ok(!again.text.includes(first.body.token));
  });
});
