// Bring your own OAuth app, through the public API, the real worker and the emulated GitHub OAuth server: the
// workspace's app is used for authorize, code exchange and refresh (the emulator sees its client id), another
// workspace keeps the service-level app, a replaced or deleted app means oauth_app_changed, and no secret leaks.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../api/app.ts';
import type { Config } from '../config/config.ts';
import { createCipher } from '../lib/crypto.ts';
import { createLogger } from '../lib/logger.ts';
import { demoOAuthClient } from '../providers/oauth.ts';
import { createProviderRegistry } from '../providers/registry.ts';
import type { Credentials } from '../providers/types.ts';
import type { Lifecycle } from '../services/lifecycle.ts';
import { historyText } from './helpers/history.ts';
import { oauthDriver, providerUrl as providerUrlOf } from './helpers/oauth.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { findConnector } from '../db/connectors.repository.ts';
import { secretSlots } from '../db/secret-columns.ts';

const PUBLIC = 'http://localhost:3999';
const CALLBACK = `${PUBLIC}/v1/connectors/oauth/callback`;
const demo = demoOAuthClient('github');
const acme = { client_id: 'acme-github-app', client_secret: 'acme-secret-0123456789abcdef' };
const acme2 = { client_id: 'acme-github-app-2', client_secret: 'acme2-secret-0123456789abcdef' };
const rotatedSecret = 'acme-rotated-secret-0123456789';
const realSecret = 'byo-real-github-secret-0123456789';

const lifecycleCalls: string[] = [];
const lifecycle: Lifecycle = {
  activate: async (id, trigger) => {
    lifecycleCalls.push(`activate ${id} ${trigger}`);
    return { syncRunId: null };
  },
  reconcile: async (id) => {
    lifecycleCalls.push(`reconcile ${id}`);
  },
};

const answered: string[] = [];
let s: TestStack;
let cipher: ReturnType<typeof createCipher>;
const { emu, consent, callback, providerUrl } = oauthDriver(() => s, answered);

before(async () => {
  s = await startTestStack({}, { lifecycle });
  cipher = createCipher(s.config.encryptionKeys);
  for (const c of [acme, acme2]) await emu('POST', '/_emulator/oauth/clients', { provider: 'github', ...c, redirect_uris: [CALLBACK] });
});
after(async () => {
  await s?.close();
});

async function api(method: string, path: string, body?: unknown, opts?: Parameters<TestStack['api']>[3]) {
  const res = await s.api(method, path, body, opts);
  answered.push(res.text);
  return res;
}

/** Token-endpoint calls the emulated GitHub answered `ok`, for one grant type and client id. */
async function tokenCalls(grant: 'authorization_code' | 'refresh_token', clientId: string): Promise<number> {
  const stats = await emu('GET', '/_emulator/oauth/stats?provider=github');
  return (stats.token_requests as Array<{ grant_type: string; client_id: string; result: string }>).filter((r) => r.grant_type === grant && r.client_id === clientId && r.result === 'ok').length;
}

async function authorize(id: string, key = s.keyA) {
  const res = await api('POST', `/v1/connectors/${id}/oauth/authorize`, undefined, { key });
  assert.equal(res.status, 200, res.text);
  return new URL(await providerUrl(res.body.authorize_url as string));
}

async function connectGithub(key = s.keyA, expectClient: string) {
  const created = await api('POST', '/v1/connectors', { type: 'github', name: 'GitHub' }, { key });
  assert.equal(created.status, 201, created.text);
  const id = created.body.id as string;
  const url = await authorize(id, key);
  assert.equal(url.searchParams.get('client_id'), expectClient);
  const cb = await callback(await consent(url.toString()));
  assert.equal(cb.status, 200, cb.text);
  assert.match(cb.text, /Connected/);
  return { id, url };
}

const connector = (id: string, key = s.keyA) => api('GET', `/v1/connectors/${id}`, undefined, { key });
const creds = async (id: string) => cipher.decryptJson<Credentials>((await findConnector(s.db, id))!.credentials_enc!, secretSlots.credentials(id));
const expireAccessToken = async (id: string) => emu('POST', '/_emulator/oauth/expire', { provider: 'github', token: (await creds(id)).access_token });

describe('OAuth apps API', () => {
  test('validation: unknown type 404, API-key type 409 naming type, fields and unknown scopes 400 by name', async () => {
    const unknown = await api('PUT', '/v1/oauth-apps/nosuch', acme);
    assert.equal(unknown.status, 404, unknown.text);
    const apiKeyType = await api('PUT', '/v1/oauth-apps/opsgenie', acme);
    assert.equal(apiKeyType.status, 409, apiKeyType.text);
    assert.equal(apiKeyType.body.error.code, 'wrong_auth_method');
    assert.deepEqual(apiKeyType.body.error.details.map((d: { field: string }) => d.field), ['type']);
    for (const [body, field] of [
      [{ client_secret: 'x' }, 'client_id'],
      [{ client_id: 'a', client_secret: '' }, 'client_secret'],
      [{ client_id: 'a b', client_secret: 'x' }, 'client_id'],
      [{ ...acme, extra: 1 }, 'extra'],
      [{ ...acme, scopes: [] }, 'scopes'],
    ] as const) {
      const res = await api('PUT', '/v1/oauth-apps/github', body);
      assert.equal(res.status, 400, res.text);
      assert.ok(res.body.error.details.some((d: { field: string }) => d.field === field), `${field}: ${res.text}`);
    }
    const scopes = await api('PUT', '/v1/oauth-apps/github', { ...acme, scopes: ['repo', 'admin:org'] });
    assert.equal(scopes.status, 400, scopes.text);
    assert.deepEqual(scopes.body.error.details.map((d: { field: string }) => d.field), ['scopes.1']);
    assert.match(scopes.body.error.message, /admin:org/);
    assert.equal((await api('GET', '/v1/oauth-apps/github')).status, 404);
    assert.deepEqual((await api('GET', '/v1/oauth-apps')).body, { data: [] });
    assert.equal((await api('DELETE', '/v1/oauth-apps/github')).status, 404);
    assert.equal((await api('GET', '/v1/oauth-apps', undefined, { key: null })).status, 401);
  });

  test('PUT creates (201) then replaces (200); GET shows client id, scopes and the redirect URI, never the secret; encrypted at rest', async () => {
    const created = await api('PUT', '/v1/oauth-apps/github', { ...acme, scopes: ['repo', 'repo'] });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(Object.keys(created.body).sort(), ['client_id', 'created_at', 'redirect_uri', 'requested_scopes', 'scopes', 'type', 'updated_at']);
    assert.equal(created.body.client_id, acme.client_id);
    assert.deepEqual(created.body.scopes, ['repo']);
    assert.equal(created.body.redirect_uri, CALLBACK);
    const same = await api('PUT', '/v1/oauth-apps/github', { ...acme, scopes: ['repo'] });
    assert.equal(same.status, 200, same.text);
    assert.equal(same.body.created_at, created.body.created_at);
    assert.ok(Date.parse(same.body.updated_at) >= Date.parse(created.body.updated_at));

    const one = await api('GET', '/v1/oauth-apps/github');
    assert.equal(one.status, 200);
    assert.deepEqual(one.body, same.body);
    assert.deepEqual((await api('GET', '/v1/oauth-apps')).body, { data: [same.body] });
    // Another workspace sees none of it.
    assert.equal((await api('GET', '/v1/oauth-apps/github', undefined, { key: s.keyB })).status, 404);
    assert.deepEqual((await api('GET', '/v1/oauth-apps', undefined, { key: s.keyB })).body, { data: [] });

    const row = await s.db.selectFrom('oauth_apps').selectAll().executeTakeFirstOrThrow();
    assert.ok(!row.client_secret_enc.includes(acme.client_secret));
    assert.equal(cipher.decrypt(row.client_secret_enc, secretSlots.oauthAppSecret(row.workspace_id, row.type)), acme.client_secret);
  });
});

describe('the workspace app in use', () => {
  let a: { id: string };

  test('workspace A: authorize URL, code exchange and refresh use its app; workspace B keeps the service-level app', async () => {
    const codes = await tokenCalls('authorization_code', acme.client_id);
    const conn = await connectGithub(s.keyA, acme.client_id);
    a = conn;
    assert.equal(conn.url.searchParams.get('scope'), 'repo', 'the app\'s scopes');
    assert.equal(conn.url.searchParams.get('redirect_uri'), CALLBACK);
    assert.equal(await tokenCalls('authorization_code', acme.client_id), codes + 1);
    assert.equal((await connector(a.id)).body.status, 'connected');

    const refreshes = await tokenCalls('refresh_token', acme.client_id);
    await expireAccessToken(a.id);
    const t = await api('POST', `/v1/connectors/${a.id}/test`);
    assert.equal(t.body.success, true, t.text);
    assert.equal(await tokenCalls('refresh_token', acme.client_id), refreshes + 1);

    const demoCodes = await tokenCalls('authorization_code', demo.clientId);
    const b = await connectGithub(s.keyB, demo.clientId);
    assert.equal(b.url.searchParams.get('scope'), 'repo read:org', 'the manifest\'s scopes');
    assert.equal(await tokenCalls('authorization_code', demo.clientId), demoCodes + 1);
    const demoRefreshes = await tokenCalls('refresh_token', demo.clientId);
    await expireAccessToken(b.id);
    assert.equal((await api('POST', `/v1/connectors/${b.id}/test`, undefined, { key: s.keyB })).body.success, true);
    assert.equal(await tokenCalls('refresh_token', demo.clientId), demoRefreshes + 1);
  });

  test('a new secret for the same client id keeps the connector refreshing (with the new secret)', async () => {
    await emu('POST', '/_emulator/oauth/clients', { provider: 'github', client_id: acme.client_id, client_secret: rotatedSecret, redirect_uris: [CALLBACK] });
    assert.equal((await api('PUT', '/v1/oauth-apps/github', { client_id: acme.client_id, client_secret: rotatedSecret, scopes: ['repo'] })).status, 200);
    const refreshes = await tokenCalls('refresh_token', acme.client_id);
    await expireAccessToken(a.id);
    const t = await api('POST', `/v1/connectors/${a.id}/test`);
    assert.equal(t.body.success, true, t.text);
    assert.equal(await tokenCalls('refresh_token', acme.client_id), refreshes + 1);
    assert.equal((await connector(a.id)).body.status, 'connected');
  });

  test('replacing the app: the next refresh gives oauth_expired / oauth_app_changed without calling the provider; re-authorize → connected', async () => {
    const put = await api('PUT', '/v1/oauth-apps/github', acme2);
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.scopes, null);
    assert.deepEqual(put.body.requested_scopes, ['repo', 'read:org']);
    const before = (await emu('GET', '/_emulator/oauth/stats?provider=github')).token_requests.length;
    await expireAccessToken(a.id);
    const t = await api('POST', `/v1/connectors/${a.id}/test`);
    assert.equal(t.body.success, false, t.text);
    assert.match(t.body.error.message, /re-authorize/);
    const got = await connector(a.id);
    assert.equal(got.body.status, 'oauth_expired');
    assert.equal(got.body.status_reason, 'oauth_app_changed');
    assert.match(got.body.status_message, /replaced or deleted/);
    assert.equal((await emu('GET', '/_emulator/oauth/stats?provider=github')).token_requests.length, before, 'no token request with the wrong app');
    assert.ok(lifecycleCalls.includes(`reconcile ${a.id}`));
    const event = await eventually(async () => {
      const rows = await s.db.selectFrom('events').select('payload').where('connector_id', '=', a.id).where('type', '=', 'connector.status_changed').execute();
      return rows.find((r) => JSON.stringify(r.payload).includes('oauth_app_changed'));
    }, 5000, 'the status_changed event');
    assert.ok(event);

    const url = await authorize(a.id);
    assert.equal(url.searchParams.get('client_id'), acme2.client_id);
    const codes = await tokenCalls('authorization_code', acme2.client_id);
    const cb = await callback(await consent(url.toString()));
    assert.equal(cb.status, 200, cb.text);
    const back = await connector(a.id);
    assert.equal(back.body.status, 'connected');
    assert.equal(back.body.status_reason, 'reauthorized');
    assert.equal(await tokenCalls('authorization_code', acme2.client_id), codes + 1);
    const refreshes = await tokenCalls('refresh_token', acme2.client_id);
    await expireAccessToken(a.id);
    assert.equal((await api('POST', `/v1/connectors/${a.id}/test`)).body.success, true);
    assert.equal(await tokenCalls('refresh_token', acme2.client_id), refreshes + 1);
  });

  test('an app replaced during an authorization: the exchange refuses with oauth_app_changed; authorizing again works', async () => {
    const created = await api('POST', '/v1/connectors', { type: 'github', name: 'mid-flight' });
    const url = await authorize(created.body.id);
    assert.equal(url.searchParams.get('client_id'), acme2.client_id);
    assert.equal((await api('PUT', '/v1/oauth-apps/github', acme)).status, 200);
    const cb = await callback(await consent(url.toString()));
    assert.equal(cb.status, 200, cb.text);
    assert.match(cb.text, /oauth_app_changed/);
    assert.equal((await connector(created.body.id)).body.status, 'pending');
    await emu('POST', '/_emulator/oauth/clients', { provider: 'github', ...acme, redirect_uris: [CALLBACK] }); // back to the original secret
    const again = await authorize(created.body.id);
    assert.equal(again.searchParams.get('client_id'), acme.client_id);
    assert.equal((await callback(await consent(again.toString()))).status, 200);
    assert.equal((await connector(created.body.id)).body.status, 'connected');
  });

  test('deleting the app: 204, the service-level app applies again, and the next refresh is oauth_app_changed', async () => {
    // A connector authorized with the current app (acme), then the app goes away.
    const reauth = await connectGithub(s.keyA, acme.client_id);
    assert.equal((await api('DELETE', '/v1/oauth-apps/github')).status, 204);
    assert.equal((await api('GET', '/v1/oauth-apps/github')).status, 404);
    await expireAccessToken(reauth.id);
    assert.equal((await api('POST', `/v1/connectors/${reauth.id}/test`)).body.success, false);
    const got = await connector(reauth.id);
    assert.equal(got.body.status, 'oauth_expired');
    assert.equal(got.body.status_reason, 'oauth_app_changed');
    assert.match(got.body.status_message, /service-level app/);
    const url = await authorize(reauth.id);
    assert.equal(url.searchParams.get('client_id'), demo.clientId);
    assert.equal((await callback(await consent(url.toString()))).status, 200);
    assert.equal((await connector(reauth.id)).body.status, 'connected');
  });
});

describe('nothing configured', () => {
  test('a real (not emulated) provider without a service-level app: authorize 409 naming both options; a workspace app fixes it', async () => {
    const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void s.logs.push(line) } });
    const config: Readonly<Config> = { ...s.config, EMULATOR_URL: undefined, providerEnv: {} };
    const app = createApp({ config, db: s.db, temporal: s.temporal, providers: createProviderRegistry(config), cipher, logger });
    const call = async (method: string, path: string, body?: unknown) => {
      const headers: Record<string, string> = { authorization: `Bearer ${s.keyB}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
      const res = await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      answered.push(text);
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    const c = await call('POST', '/v1/connectors', { type: 'github', name: 'real github' });
    assert.equal(c.status, 201);
    const missing = await call('POST', `/v1/connectors/${c.body.id}/oauth/authorize`);
    assert.equal(missing.status, 409);
    assert.equal(missing.body.error.code, 'oauth_not_configured');
    assert.match(missing.body.error.message, /PUT \/v1\/oauth-apps\/github/);
    assert.match(missing.body.error.message, /GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET/);
    assert.match(missing.body.error.message, /http:\/\/localhost:3999\/v1\/connectors\/oauth\/callback/);

    assert.equal((await call('PUT', '/v1/oauth-apps/github', { client_id: 'Iv1.byo-real', client_secret: realSecret })).status, 201);
    const ok = await call('POST', `/v1/connectors/${c.body.id}/oauth/authorize`);
    assert.equal(ok.status, 200);
    const u = new URL(await providerUrlOf(app, ok.body.authorize_url));
    assert.equal(`${u.origin}${u.pathname}`, 'https://github.com/login/oauth/authorize');
    assert.equal(u.searchParams.get('client_id'), 'Iv1.byo-real');
    assert.equal(u.searchParams.get('redirect_uri'), CALLBACK);
    assert.equal((await call('DELETE', '/v1/oauth-apps/github')).status, 204);
    assert.equal((await call('DELETE', `/v1/connectors/${c.body.id}`)).status, 204);
  });
});

describe('secret hygiene', () => {
  test('no client secret in any API response, log line or workflow history payload', async () => {
    const secrets = [acme.client_secret, acme2.client_secret, rotatedSecret, realSecret, demo.clientSecret];
    const { workflowIds, text: history } = await eventually(async () => {
      const h = await historyText(s.temporal, `TaskQueue = '${s.config.TEMPORAL_TASK_QUEUE}'`);
      return h.workflowIds.length >= 5 ? h : undefined;
    }, 20_000, 'visibility of the OAuth workflows');
    assert.ok(workflowIds.some((id) => id.startsWith('onboarding/')));
    const logs = s.logs.join('\n');
    const responses = answered.join('\n');
    assert.ok(responses.includes('redirect_uri') && logs.includes('oauth callback'));
    for (const secret of secrets) {
      assert.ok(!responses.includes(secret), `a client secret appeared in an API response: ${secret.slice(0, 6)}…`);
      assert.ok(!logs.includes(secret), `a client secret appeared in the logs: ${secret.slice(0, 6)}…`);
      assert.ok(!history.includes(secret), `a client secret appeared in a workflow history: ${secret.slice(0, 6)}…`);
    }
  });
});
