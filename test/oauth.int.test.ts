// OAuth onboarding end to end, through the public API, the real Temporal worker and the emulated GitHub OAuth
// server: the full flow, the 10-minute timer, every bad callback, refresh (one exchange per connector,
// rotation, invalid_grant → oauth_expired, re-authorize) and secret hygiene.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../api/app.ts';
import type { Config } from '../config/config.ts';
import { createCipher, randomToken, sha256Hex } from '../lib/crypto.ts';
import { createLogger } from '../lib/logger.ts';
import { demoOAuthClient, pkceChallenge } from '../providers/oauth.ts';
import { createProviderRegistry } from '../providers/registry.ts';
import type { Credentials } from '../providers/types.ts';
import { createCredentialStore } from '../services/credentials.ts';
import type { Lifecycle } from '../services/lifecycle.ts';
import { historyText } from './helpers/history.ts';
import { oauthDriver, providerUrl as providerUrlOf } from './helpers/oauth.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { workflowIds } from '../contracts/ids.ts';
import { findConnector } from '../db/connectors.repository.ts';
import { secretSlots } from '../db/secret-columns.ts';

const PUBLIC = 'http://localhost:3999';
const CALLBACK = `${PUBLIC}/v1/connectors/oauth/callback`;
const demo = demoOAuthClient('github');

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

/** Every body and Location the API answered, for the secret-leak check at the end. */
const answered: string[] = [];

let s: TestStack;
let cipher: ReturnType<typeof createCipher>;
before(async () => {
  s = await startTestStack({}, { lifecycle });
  cipher = createCipher(s.config.encryptionKeys);
  // Like a real OAuth app, the demo client accepts exactly one callback URL.
  await emu('POST', '/_emulator/oauth/clients', { provider: 'github', client_id: demo.clientId, client_secret: demo.clientSecret, redirect_uris: [CALLBACK] });
});
after(async () => {
  await s?.close();
});

const { emu, grants, consent, callback, providerUrl } = oauthDriver(() => s, answered);

async function api(method: string, path: string, body?: unknown, opts?: Parameters<TestStack['api']>[3]) {
  const res = await s.api(method, path, body, opts);
  answered.push(res.text);
  return res;
}

async function createGithub(name = 'GitHub (acme)') {
  const res = await api('POST', '/v1/connectors', { type: 'github', name });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: string; workspace_id: string };
}

async function authorize(id: string, body?: unknown) {
  const res = await api('POST', `/v1/connectors/${id}/oauth/authorize`, body);
  assert.equal(res.status, 200, res.text);
  return res.body as { authorize_url: string; expires_at: string; workflow_id: string };
}

async function connect(name?: string) {
  const c = await createGithub(name);
  const a = await authorize(c.id);
  const cb = await callback(await consent(a.authorize_url));
  assert.equal(cb.status, 200, cb.text);
  assert.match(cb.text, /Connected/);
  return c;
}

const row = async (id: string) => (await findConnector(s.db, id))!;
const creds = async (id: string) => cipher.decryptJson<Credentials>((await row(id)).credentials_enc!, secretSlots.credentials(id));
const attempts = (id: string) => s.db.selectFrom('oauth_states').selectAll().where('connector_id', '=', id).orderBy('created_at').execute();
const stateOf = (authorizeUrl: string) => new URL(authorizeUrl).searchParams.get('state')!;
const withState = (location: string, state: string) => {
  const u = new URL(location);
  u.searchParams.set('state', state);
  return u.toString();
};

let firstConnectorId = '';

describe('OAuth onboarding', () => {
  test('authorize → emulator consent → callback → connected, tokens encrypted, workflow completed, lifecycle activated', async () => {
    const c = await createGithub();
    firstConnectorId = c.id;
    const started = Date.now();
    const res = await api('POST', `/v1/connectors/${c.id}/oauth/authorize`, { return_url: `${PUBLIC}/integrations/done?tab=github` });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const a = res.body;

    const url = new URL(await providerUrl(a.authorize_url));
    assert.equal(`${url.origin}${url.pathname}`, `${s.emulator.url}/github/oauth/login/oauth/authorize`);
    assert.equal(url.searchParams.get('client_id'), demo.clientId);
    assert.equal(url.searchParams.get('redirect_uri'), CALLBACK);
    assert.equal(url.searchParams.get('scope'), 'repo read:org');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    const state = url.searchParams.get('state')!;
    assert.equal(Buffer.from(state, 'base64url').length, 32, '256-bit state');
    const expiresIn = Date.parse(a.expires_at) - started;
    assert.ok(expiresIn > 595_000 && expiresIn <= 601_000, `expires in 10 minutes (${expiresIn} ms)`);
    assert.equal(a.workflow_id, workflowIds.onboarding(c.id));

    // The state is stored only as a hash, bound to this connector and workspace; the PKCE verifier encrypted.
    const [attempt] = await attempts(c.id);
    assert.equal(attempt!.state_hash, sha256Hex(state));
    assert.equal(attempt!.workspace_id, c.workspace_id);
    assert.ok(!JSON.stringify(attempt).includes(state));
    assert.equal(pkceChallenge(cipher.decrypt(attempt!.code_verifier_enc!, secretSlots.codeVerifier(attempt!.id))), url.searchParams.get('code_challenge'));

    const codesBefore = await grants('authorization_code');
    const location = await consent(a.authorize_url);
    assert.ok(location.startsWith(`${CALLBACK}?`), location);
    const cb = await callback(location);
    assert.equal(cb.status, 303, cb.text);
    assert.equal(cb.headers.get('referrer-policy'), 'no-referrer');
    const back = new URL(cb.location!);
    assert.equal(`${back.origin}${back.pathname}`, `${PUBLIC}/integrations/done`);
    assert.deepEqual(Object.fromEntries(back.searchParams), { tab: 'github', connector_id: c.id, outcome: 'connected', status: 'connected' });

    const got = await api('GET', `/v1/connectors/${c.id}`);
    assert.equal(got.body.status, 'connected');
    assert.equal(got.body.status_reason, 'authorized');
    assert.equal(got.body.has_credentials, true);

    // Tokens: encrypted at rest, with their expiry; the candidate slot is empty again.
    const r = await row(c.id);
    const t = cipher.decryptJson<Credentials>(r.credentials_enc!, secretSlots.credentials(r.id));
    assert.match(t.access_token!, /^ghu_/);
    assert.match(t.refresh_token!, /^ghr_/);
    assert.ok(Math.abs(Date.parse(t.expires_at!) - (Date.now() + 8 * 3600_000)) < 60_000);
    assert.ok(!r.credentials_enc!.includes(t.access_token!) && !r.credentials_enc!.includes(t.refresh_token!));
    assert.equal(r.candidate_credentials_enc, null);
    const [done] = await attempts(c.id);
    assert.ok(done!.consumed_at && done!.exchanged_at);
    assert.equal(done!.code_enc, null);
    assert.equal(done!.code_verifier_enc, null);
    assert.equal(done!.outcome, 'connected');

    assert.equal(await grants('authorization_code'), codesBefore + 1);
    const desc = await s.temporal.workflow.getHandle(workflowIds.onboarding(c.id)).describe();
    assert.equal(desc.status.name, 'COMPLETED');
    assert.deepEqual((desc.searchAttributes as Record<string, unknown[]>).ConnectorId, [c.id]);
    assert.equal((await s.temporal.workflow.getHandle(workflowIds.onboarding(c.id)).result()).outcome, 'connected');
    assert.ok(lifecycleCalls.includes(`activate ${c.id} onboarding`));
    const changes = await s.db.selectFrom('connector_status_changes').select(['from_status', 'to_status', 'reason']).where('connector_id', '=', c.id).orderBy('id').execute();
    assert.deepEqual(changes.map((x) => [x.from_status, x.to_status, x.reason]), [[null, 'pending', 'created'], ['pending', 'connected', 'authorized']]);

    // The emulated API accepts the issued token.
    const test1 = await api('POST', `/v1/connectors/${c.id}/test`);
    assert.equal(test1.body.success, true, test1.text);
  });

  test('the workflow waits exactly 10 minutes for the callback (timer read from the history)', async () => {
    const history = await s.temporal.workflow.getHandle(workflowIds.onboarding(firstConnectorId)).fetchHistory();
    const timers = (history.events ?? []).flatMap((e) => (e.timerStartedEventAttributes ? [e.timerStartedEventAttributes.startToFireTimeout!] : []));
    assert.deepEqual(timers.map((d) => Number(String(d.seconds))), [600]);
  });

  test('a token endpoint outage during the code exchange is retried by Temporal, then connects', async () => {
    const c = await createGithub();
    const a = await authorize(c.id);
    await emu('POST', '/_emulator/faults', { provider: 'github', kind: 'server_error', path: '/access_token', remaining: 1 });
    const cb = await callback(await consent(a.authorize_url));
    assert.equal(cb.status, 200, cb.text);
    assert.equal(s.emulator.state.faults.filter((f) => f.path === '/access_token' && f.remaining > 0).length, 0, 'the fault was hit');
    assert.equal((await row(c.id)).status, 'connected');
  });

  test('a reused state gets a 400 page and changes nothing', async () => {
    const c = await createGithub();
    const a = await authorize(c.id);
    const location = await consent(a.authorize_url);
    assert.equal((await callback(location)).status, 200);
    const before = { creds: (await row(c.id)).credentials_enc, codes: await grants('authorization_code') };
    const again = await callback(location);
    assert.equal(again.status, 400);
    assert.match(again.text, /already been used/);
    assert.equal((await row(c.id)).credentials_enc, before.creds);
    assert.equal((await row(c.id)).status, 'connected');
    assert.equal(await grants('authorization_code'), before.codes);
  });

  test('forged, missing or malformed state and a missing code get a 400 page; the live attempt survives', async () => {
    const c = await createGithub();
    const a = await authorize(c.id);
    const location = await consent(a.authorize_url);
    const code = new URL(location).searchParams.get('code')!;
    for (const [query, pattern] of [
      [`code=${code}&state=${randomToken(32)}`, /not valid/],
      [`code=${code}`, /carried no state/],
      [`state=${stateOf(a.authorize_url)}`, /neither an authorization code nor an error/],
      [`code=${code}&state=${'x'.repeat(600)}`, /malformed/],
    ] as const) {
      const res = await callback(`${CALLBACK}?${query}`);
      assert.equal(res.status, 400, query);
      assert.match(res.text, pattern, query);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    }
    const [attempt] = await attempts(c.id);
    assert.equal(attempt!.consumed_at, null, 'none of them consumed the real state');
    assert.equal((await row(c.id)).status, 'pending');
    assert.equal((await callback(location)).status, 200, 'the real callback still works');
    assert.equal((await row(c.id)).status, 'connected');
  });

  test('the state of another connector cannot carry this connector\'s code (PKCE), and the other connector is untouched', async () => {
    const victim = await createGithub('victim');
    const other = await createGithub('other');
    const av = await authorize(victim.id);
    const ao = await authorize(other.id);
    const otherLocation = await consent(ao.authorize_url);
    // The other connector's code, presented with the victim's state.
    const mixed = await callback(withState(otherLocation, stateOf(av.authorize_url)));
    assert.equal(mixed.status, 200, mixed.text);
    assert.match(mixed.text, /Connection failed/);
    assert.match(mixed.text, /bad_verification_code/);
    const v = await api('GET', `/v1/connectors/${victim.id}`);
    assert.equal(v.body.status, 'pending');
    assert.equal(v.body.status_reason, 'authorization_failed');
    assert.equal(v.body.has_credentials, false);
    // The other connector's attempt is still live and its own callback connects it.
    const [o] = await attempts(other.id);
    assert.equal(o!.consumed_at, null);
    assert.equal((await callback(otherLocation)).status, 200);
    assert.equal((await row(other.id)).status, 'connected');
    assert.equal((await row(victim.id)).status, 'pending');
  });

  test('a tampered redirect URI is refused by the provider: no code is issued, nothing changes', async () => {
    const c = await createGithub();
    const a = await authorize(c.id);
    for (const evil of ['https://evil.example/v1/connectors/oauth/callback', `${CALLBACK}/extra`]) {
      const u = new URL(await providerUrl(a.authorize_url));
      u.searchParams.set('redirect_uri', evil);
      const res = await fetch(`${u}&emulator_auto=approve`, { redirect: 'manual' });
      assert.equal(res.status, 400, evil);
      assert.equal(res.headers.get('location'), null);
      assert.match(await res.text(), /redirect_uri MUST match/);
    }
    const [attempt] = await attempts(c.id);
    assert.equal(attempt!.consumed_at, null);
    assert.equal((await row(c.id)).status, 'pending');
  });

  test('access_denied is recorded on the connector, which stays pending', async () => {
    const c = await createGithub();
    const codes = await grants('authorization_code');
    const a = await authorize(c.id, { return_url: `${PUBLIC}/after` });
    const location = await consent(a.authorize_url, 'deny');
    assert.equal(new URL(location).searchParams.get('error'), 'access_denied');
    const cb = await callback(location);
    assert.equal(cb.status, 303);
    assert.deepEqual(Object.fromEntries(new URL(cb.location!).searchParams), { connector_id: c.id, outcome: 'denied', status: 'pending', error: 'access_denied' });
    const got = await api('GET', `/v1/connectors/${c.id}`);
    assert.equal(got.body.status, 'pending');
    assert.equal(got.body.status_reason, 'authorization_denied');
    assert.equal(got.body.status_message, 'The user has denied your application access.');
    assert.equal(got.body.has_credentials, false);
    assert.equal(await grants('authorization_code'), codes, 'no token request');
    assert.equal((await s.temporal.workflow.getHandle(workflowIds.onboarding(c.id)).result()).outcome, 'denied');
    assert.ok(!lifecycleCalls.some((l) => l.includes(c.id)));
  });

  test('a new authorize call supersedes the previous one: its workflow is terminated and its state dies', async () => {
    const c = await createGithub();
    const first = await authorize(c.id);
    const firstProviderUrl = await providerUrl(first.authorize_url); // a browser already past the start page
    const firstRun = (await s.temporal.workflow.getHandle(workflowIds.onboarding(c.id)).describe()).runId;
    const second = await authorize(c.id);
    assert.notEqual(stateOf(first.authorize_url), stateOf(second.authorize_url));
    assert.equal((await s.temporal.workflow.getHandle(workflowIds.onboarding(c.id), firstRun).describe()).status.name, 'TERMINATED');
    const startAgain = await s.app.request(new URL(first.authorize_url).pathname + new URL(first.authorize_url).search);
    assert.equal(startAgain.status, 400, 'the old link stops at its start page');
    assert.match(await startAgain.text(), /newer authorization/);
    const stale = await callback(await consent(firstProviderUrl));
    assert.equal(stale.status, 400);
    assert.match(stale.text, /newer authorization/);
    assert.equal((await row(c.id)).status, 'pending');
    assert.equal((await callback(await consent(second.authorize_url))).status, 200);
    assert.equal((await row(c.id)).status, 'connected');
  });

  test('deleting a connector kills its live state and stops its workflow', async () => {
    const c = await createGithub();
    const a = await authorize(c.id);
    const location = await consent(a.authorize_url);
    assert.equal((await api('DELETE', `/v1/connectors/${c.id}`)).status, 204);
    const cb = await callback(location);
    assert.equal(cb.status, 400);
    assert.match(cb.text, /deleted/);
    const [attempt] = await attempts(c.id);
    assert.equal(attempt!.invalidated_reason, 'connector_deleted');
    assert.equal(attempt!.code_verifier_enc, null);
    assert.equal((await s.temporal.workflow.getHandle(workflowIds.onboarding(c.id)).describe()).status.name, 'TERMINATED');
    const again = await api('POST', `/v1/connectors/${c.id}/oauth/authorize`);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'invalid_status');
    assert.match(again.body.error.message, /deleted/);
  });

  test('authorize refuses API-key types (409), other workspaces (404) and foreign return URLs (400)', async () => {
    const pd = await api('POST', '/v1/connectors', { type: 'opsgenie' });
    const wrong = await api('POST', `/v1/connectors/${pd.body.id}/oauth/authorize`);
    assert.equal(wrong.status, 409);
    assert.equal(wrong.body.error.code, 'wrong_auth_method');
    assert.match(wrong.body.error.message, /PUT \/v1\/connectors\/.+\/credentials/);

    const c = await createGithub();
    assert.equal((await api('POST', `/v1/connectors/${c.id}/oauth/authorize`, undefined, { key: s.keyB })).status, 404);
    assert.equal((await api('POST', `/v1/connectors/${c.id}/oauth/authorize`, undefined, { key: null })).status, 401);
    for (const [body, field] of [[{ return_url: 'https://evil.example/phish' }, 'return_url'], [{ return_url: 'not a url' }, 'return_url'], [{ colour: 'red' }, 'colour']] as const) {
      const res = await api('POST', `/v1/connectors/${c.id}/oauth/authorize`, body);
      assert.equal(res.status, 400, res.text);
      assert.ok(res.body.error.details.some((d: { field: string }) => d.field === field), res.text);
    }
    assert.equal((await attempts(c.id)).length, 0, 'refused calls start nothing');
  });

  test('without an OAuth app for a real (not emulated) provider: 409 naming the variables; with one: the real authorize URL', async () => {
    const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void s.logs.push(line) } });
    const appFor = (providerEnv: Record<string, string>) => {
      const config: Readonly<Config> = { ...s.config, EMULATOR_URL: undefined, providerEnv };
      return createApp({ config, db: s.db, temporal: s.temporal, providers: createProviderRegistry(config), cipher, logger });
    };
    const c = await createGithub();
    const call = async (app: ReturnType<typeof createApp>) => {
      const res = await app.request(`/v1/connectors/${c.id}/oauth/authorize`, { method: 'POST', headers: { authorization: `Bearer ${s.keyA}` } });
      const text = await res.text();
      answered.push(text);
      return { status: res.status, body: JSON.parse(text) };
    };
    const missing = await call(appFor({}));
    assert.equal(missing.status, 409);
    assert.equal(missing.body.error.code, 'oauth_not_configured');
    assert.match(missing.body.error.message, /GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET/);
    assert.match(missing.body.error.message, /http:\/\/localhost:3999\/v1\/connectors\/oauth\/callback/);

    const real = await call(appFor({ GITHUB_CLIENT_ID: 'Iv1.realclient', GITHUB_CLIENT_SECRET: 'real-secret-value' }));
    assert.equal(real.status, 200);
    const u = new URL(await providerUrlOf(appFor({ GITHUB_CLIENT_ID: 'Iv1.realclient', GITHUB_CLIENT_SECRET: 'real-secret-value' }), real.body.authorize_url));
    assert.equal(`${u.origin}${u.pathname}`, 'https://github.com/login/oauth/authorize');
    assert.equal(u.searchParams.get('client_id'), 'Iv1.realclient');
    assert.equal(u.searchParams.get('redirect_uri'), CALLBACK);
    assert.equal(u.searchParams.get('scope'), 'repo read:org');
    assert.equal(u.searchParams.get('code_challenge_method'), 'S256');
    assert.equal((await api('DELETE', `/v1/connectors/${c.id}`)).status, 204);
  });

  test('Jira\'s authorize URL carries the parameters Atlassian requires (audience, prompt) from its manifest', async () => {
    const c = await api('POST', '/v1/connectors', { type: 'jira' });
    const res = await api('POST', `/v1/connectors/${c.body.id}/oauth/authorize`, {});
    assert.equal(res.status, 200, res.text);
    const u = new URL(await providerUrl(res.body.authorize_url));
    assert.equal(u.searchParams.get('audience'), 'api.atlassian.com');
    assert.equal(u.searchParams.get('prompt'), 'consent');
    assert.equal(u.searchParams.get('response_type'), 'code');
    assert.equal((await api('DELETE', `/v1/connectors/${c.body.id}`)).status, 204);
  });

  test('an authorize response is never kept for Idempotency-Key replay (it carries a single-use state)', async () => {
    const c = await createGithub();
    const h = { 'idempotency-key': `authorize-${c.id}` };
    const one = await api('POST', `/v1/connectors/${c.id}/oauth/authorize`, undefined, { headers: h });
    const two = await api('POST', `/v1/connectors/${c.id}/oauth/authorize`, undefined, { headers: h });
    assert.equal(one.status, 200);
    assert.equal(two.status, 200);
    assert.notEqual(stateOf(one.body.authorize_url), stateOf(two.body.authorize_url));
    const stored = await s.db.selectFrom('idempotency_keys').selectAll().where('key', '=', h['idempotency-key']).execute();
    assert.equal(stored.length, 0);
    assert.equal((await api('DELETE', `/v1/connectors/${c.id}`)).status, 204);
  });
});

describe('token refresh', () => {
  let c: { id: string };
  before(async () => {
    c = await connect('refresh');
  });

  test('two concurrent tests after a provider 401 make exactly one token exchange; the refresh token rotates', async () => {
    const old = await creds(c.id);
    const refreshes = await grants('refresh_token');
    await emu('POST', '/_emulator/oauth/expire', { provider: 'github', token: old.access_token });
    const [t1, t2] = await Promise.all([api('POST', `/v1/connectors/${c.id}/test`), api('POST', `/v1/connectors/${c.id}/test`)]);
    assert.equal(t1.body.success, true, t1.text);
    assert.equal(t2.body.success, true, t2.text);
    assert.equal(await grants('refresh_token'), refreshes + 1);
    const now = await creds(c.id);
    assert.notEqual(now.access_token, old.access_token);
    assert.notEqual(now.refresh_token, old.refresh_token);
  });

  test('the credential store: concurrent refreshes after a 401 and before expiry (margin) each exchange once', async () => {
    const store = createCredentialStore({ db: s.db, cipher, providers: createProviderRegistry(s.config), lifecycle, config: s.config });
    const old = await creds(c.id);
    let refreshes = await grants('refresh_token');
    await emu('POST', '/_emulator/oauth/expire', { provider: 'github', token: old.access_token });
    const after401 = await Promise.all([1, 2, 3, 4].map(() => store.refreshAfterUnauthorized(c.id, old)));
    assert.equal(new Set(after401.map((x) => x.access_token)).size, 1);
    assert.notEqual(after401[0]!.access_token, old.access_token);
    assert.equal(await grants('refresh_token'), ++refreshes);

    // Tokens now live 2 minutes, shorter than the 5-minute margin: the margin becomes half their lifetime, so a fresh
    // one is used as is (not refreshed on every use) …
    await emu('POST', '/_emulator/oauth/settings', { provider: 'github', access_token_ttl_s: 120 });
    try {
      const fresh = await store.refreshAfterUnauthorized(c.id, after401[0]!);
      assert.equal(await grants('refresh_token'), ++refreshes);
      assert.ok(Date.parse(fresh.expires_at!) - Date.now() < 300_000);
      assert.equal((await store.get(c.id)).access_token, fresh.access_token);
      assert.equal(await grants('refresh_token'), refreshes);
      // … and 90 s later (30 s left) get() refreshes before use, once for all callers; a caller reading the new
      // token after that commit finds it fresh.
      const later = createCredentialStore({ db: s.db, cipher, providers: createProviderRegistry(s.config), lifecycle, config: s.config, now: () => Date.now() + 90_000 });
      const got = await Promise.all([1, 2, 3].map(() => later.get(c.id)));
      assert.equal(new Set(got.map((x) => x.access_token)).size, 1);
      assert.notEqual(got[0]!.access_token, fresh.access_token);
      assert.equal(await grants('refresh_token'), ++refreshes);
      assert.equal((await later.get(c.id)).access_token, got[0]!.access_token);
      assert.equal(await grants('refresh_token'), refreshes);
    } finally {
      await emu('POST', '/_emulator/oauth/settings', { provider: 'github', access_token_ttl_s: 28800 });
    }
    // A token far from expiry is used as is.
    const longLived = await store.refreshAfterUnauthorized(c.id, await creds(c.id));
    refreshes++;
    assert.equal((await store.get(c.id)).access_token, longLived.access_token);
    assert.equal(await grants('refresh_token'), refreshes);
  });

  test('a token endpoint outage is retried and then succeeds', async () => {
    const old = await creds(c.id);
    await emu('POST', '/_emulator/oauth/expire', { provider: 'github', token: old.access_token });
    await emu('POST', '/_emulator/faults', { provider: 'github', kind: 'server_error', path: '/access_token', remaining: 1 });
    const t = await api('POST', `/v1/connectors/${c.id}/test`);
    assert.equal(t.body.success, true, t.text);
    assert.equal(s.emulator.state.faults.filter((f) => f.path === '/access_token' && f.remaining > 0).length, 0, 'the fault was hit');
    assert.notEqual((await creds(c.id)).access_token, old.access_token);
    assert.equal((await row(c.id)).status, 'connected');
  });

  test('a classic token without a refresh token: a 401 means oauth_expired', async () => {
    await emu('POST', '/_emulator/oauth/settings', { provider: 'github', refresh_tokens: false });
    let classic: { id: string };
    try {
      classic = await connect('classic');
    } finally {
      await emu('POST', '/_emulator/oauth/settings', { provider: 'github', refresh_tokens: true });
    }
    const t = await creds(classic.id);
    assert.equal(t.refresh_token, undefined);
    assert.equal(t.expires_at, undefined);
    const refreshes = await grants('refresh_token');
    await emu('POST', '/_emulator/oauth/revoke', { provider: 'github', token: t.access_token });
    assert.equal((await api('POST', `/v1/connectors/${classic.id}/test`)).body.success, false);
    const got = await api('GET', `/v1/connectors/${classic.id}`);
    assert.equal(got.body.status, 'oauth_expired');
    assert.match(got.body.status_message, /no refresh token/);
    assert.equal(await grants('refresh_token'), refreshes);
  });

  test('invalid_grant (revoked) → oauth_expired at once, schedule reconciled; re-authorize → connected with the same id', async () => {
    const current = await creds(c.id);
    assert.equal((await emu('POST', '/_emulator/oauth/revoke', { provider: 'github', token: current.refresh_token })).revoked, 1);
    const t = await api('POST', `/v1/connectors/${c.id}/test`);
    assert.equal(t.body.success, false);
    assert.equal(t.body.error.code, 'invalid_credentials');
    assert.match(t.body.error.message, /re-authorize/);
    const got = await api('GET', `/v1/connectors/${c.id}`);
    assert.equal(got.body.status, 'oauth_expired');
    assert.equal(got.body.status_reason, 'oauth_refresh_refused');
    assert.match(got.body.status_message, /bad_refresh_token/);
    assert.ok(lifecycleCalls.includes(`reconcile ${c.id}`));
    const change = await s.db.selectFrom('connector_status_changes').selectAll().where('connector_id', '=', c.id).where('to_status', '=', 'oauth_expired').execute();
    assert.equal(change.length, 1);
    assert.equal(change[0]!.from_status, 'connected');

    // Once expired, nothing calls the provider's token endpoint again.
    const refreshes = await grants('refresh_token');
    assert.equal((await api('POST', `/v1/connectors/${c.id}/test`)).body.success, false);
    assert.equal(await grants('refresh_token'), refreshes);

    const a = await authorize(c.id);
    const cb = await callback(await consent(a.authorize_url));
    assert.equal(cb.status, 200, cb.text);
    const back = await api('GET', `/v1/connectors/${c.id}`);
    assert.equal(back.body.id, c.id);
    assert.equal(back.body.status, 'connected');
    assert.equal(back.body.status_reason, 'reauthorized');
    assert.ok(lifecycleCalls.includes(`activate ${c.id} reauthorized`));
    assert.equal((await api('POST', `/v1/connectors/${c.id}/test`)).body.success, true);
  });
});

describe('secret hygiene', () => {
  test('no token, code, client secret or PKCE verifier in any API response, log line or workflow history payload', async () => {
    const secrets = s.emulator.state.oauth.secrets().filter((x) => x.length >= 8);
    assert.ok(secrets.some((x) => x.startsWith('ghu_')) && secrets.some((x) => x.startsWith('ghr_')) && secrets.includes(demo.clientSecret));
    assert.ok(secrets.length > 20, `collected ${secrets.length} secrets`);
    const { workflowIds, text: history } = await eventually(async () => {
      const h = await historyText(s.temporal, `ConnectorType = 'github'`);
      return h.workflowIds.length >= 10 ? h : undefined;
    }, 20_000, 'visibility of the OAuth workflows');
    assert.ok(workflowIds.some((id) => id.startsWith('onboarding/')));
    const logs = s.logs.join('\n');
    const responses = answered.join('\n');
    assert.ok(logs.includes('oauth callback') && responses.includes('authorize_url'));
    for (const secret of secrets) {
      assert.ok(!responses.includes(secret), `a secret appeared in an API response: ${secret.slice(0, 6)}…`);
      assert.ok(!logs.includes(secret), `a secret appeared in the logs: ${secret.slice(0, 6)}…`);
      assert.ok(!history.includes(secret), `a secret appeared in a workflow history: ${secret.slice(0, 6)}…`);
    }
    // Codes and verifiers do not linger in the database either.
    const lingering = await s.db.selectFrom('oauth_states').select('id').where((eb) => eb.or([eb('code_enc', 'is not', null), eb.and([eb('code_verifier_enc', 'is not', null), eb('invalidated_at', 'is not', null)])])).execute();
    assert.deepEqual(lingering, []);
  });
});
