// OAuth building blocks without Temporal or PostgreSQL: PKCE, authorize URLs, client resolution, return-URL
// checks, config, and the generic token client against the emulator's OAuth server (and fake token endpoints).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../config/config.ts';
import { startEmulator, type RunningEmulator } from '../dev/emulator/app.ts';
import {
  buildAuthorizeUrl,
  demoOAuthClient,
  exchangeCode,
  OAuthClientError,
  OAuthGrantError,
  pkceChallenge,
  pkcePair,
  refreshTokens,
  resolveOAuthClient,
  tokensToCredentials,
} from '../providers/oauth.ts';
import { ProviderError } from '../providers/types.ts';
import { checkReturnUrl } from '../services/oauth.ts';

describe('OAuth primitives', () => {
  test('PKCE S256 matches the RFC 7636 example; verifiers are 256-bit and fresh', () => {
    assert.equal(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const a = pkcePair();
    const b = pkcePair();
    assert.equal(Buffer.from(a.verifier, 'base64url').length, 32);
    assert.notEqual(a.verifier, b.verifier);
    assert.equal(a.challenge, pkceChallenge(a.verifier));
  });

  test('authorize URL carries client id, exact redirect URI, scopes, state and the S256 challenge', () => {
    const url = new URL(buildAuthorizeUrl('https://github.com/login/oauth/authorize', {
      clientId: 'cid', redirectUri: 'https://t.example/v1/connectors/oauth/callback', scopes: ['repo', 'read:org'], scopeSeparator: ' ', state: 'st', codeChallenge: 'ch',
    }));
    assert.equal(url.origin + url.pathname, 'https://github.com/login/oauth/authorize');
    assert.equal(url.searchParams.get('client_id'), 'cid');
    assert.equal(url.searchParams.get('redirect_uri'), 'https://t.example/v1/connectors/oauth/callback');
    assert.equal(url.searchParams.get('scope'), 'repo read:org');
    assert.equal(url.searchParams.get('state'), 'st');
    assert.equal(url.searchParams.get('code_challenge'), 'ch');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('response_type'), 'code');
    const noPkce = new URL(buildAuthorizeUrl('https://x.example/auth', { clientId: 'c', redirectUri: 'https://r', scopes: [], scopeSeparator: ',', state: 's' }));
    assert.equal(noPkce.searchParams.has('code_challenge'), false);
    assert.equal(noPkce.searchParams.has('scope'), false);
  });

  test('client resolution: configured app, demo app only while emulated, otherwise the variables to set', () => {
    assert.deepEqual(resolveOAuthClient('github', false, { GITHUB_CLIENT_ID: 'id', GITHUB_CLIENT_SECRET: 'sec' }), { ok: true, client: { clientId: 'id', clientSecret: 'sec' } });
    assert.deepEqual(resolveOAuthClient('github', true, {}), { ok: true, client: demoOAuthClient('github') });
    assert.deepEqual(resolveOAuthClient('github', false, {}), { ok: false, missing: ['GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET'] });
    assert.deepEqual(resolveOAuthClient('github', false, { GITHUB_CLIENT_ID: 'id' }), { ok: false, missing: ['GITHUB_CLIENT_SECRET'] });
  });

  test('return URLs: same origin as PUBLIC_URL or an allowed origin, http(s), no credentials', () => {
    const pub = 'https://tributary.example.com';
    assert.equal(checkReturnUrl('https://tributary.example.com/done?x=1', pub, []), 'https://tributary.example.com/done?x=1');
    assert.equal(checkReturnUrl('https://app.example.com/after', pub, ['https://app.example.com']), 'https://app.example.com/after');
    for (const bad of ['https://evil.example/', '/relative', 'javascript:alert(1)', 'https://user:pw@tributary.example.com/', 'http://tributary.example.com/', 'https://tributary.example.com.evil.example/']) {
      assert.equal(typeof checkReturnUrl(bad, pub, []), 'object', bad);
    }
  });

  test('stored credentials keep the old refresh token when the provider does not rotate', () => {
    const c = tokensToCredentials({ access_token: 'a2', expires_in: 60, token_type: 'bearer' }, Date.UTC(2026, 0, 1), { access_token: 'a1', refresh_token: 'r1', scope: 'repo' });
    assert.deepEqual(c, { access_token: 'a2', refresh_token: 'r1', expires_at: '2026-01-01T00:01:00.000Z', issued_at: '2026-01-01T00:00:00.000Z', token_type: 'bearer', scope: 'repo' });
  });

  test('config: refresh margin default, authorization window bounds, return-URL origins validated', () => {
    const base = { DATABASE_URL: 'postgres://x/y', ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') };
    const c = loadConfig(base);
    assert.equal(c.OAUTH_REFRESH_MARGIN_SECONDS, 300);
    assert.equal(c.OAUTH_AUTHORIZATION_WINDOW_SECONDS, undefined);
    assert.deepEqual(c.OAUTH_RETURN_URL_ORIGINS, []);
    assert.deepEqual(loadConfig({ ...base, OAUTH_RETURN_URL_ORIGINS: 'https://a.example, http://localhost:5173' }).OAUTH_RETURN_URL_ORIGINS, ['https://a.example', 'http://localhost:5173']);
    assert.throws(() => loadConfig({ ...base, OAUTH_RETURN_URL_ORIGINS: 'https://a.example/path', OAUTH_AUTHORIZATION_WINDOW_SECONDS: '0', OAUTH_REFRESH_MARGIN_SECONDS: '-1' }), (e: Error) =>
      /OAUTH_RETURN_URL_ORIGINS/.test(e.message) && /OAUTH_AUTHORIZATION_WINDOW_SECONDS/.test(e.message) && /OAUTH_REFRESH_MARGIN_SECONDS/.test(e.message));
  });
});

describe('token endpoint answers are classified', () => {
  const client = { clientId: 'c', clientSecret: 's' };
  const fake = (status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    (async () => new Response(body, { status, headers })) as unknown as typeof fetch;

  test('RFC 6749: 400 invalid_grant is definitive, 401 invalid_client is configuration', async () => {
    await assert.rejects(refreshTokens(fake(400, '{"error":"invalid_grant","error_description":"revoked"}'), 'https://t/token', client, 'r'), (e: Error) => e instanceof OAuthGrantError && e.error === 'invalid_grant');
    await assert.rejects(refreshTokens(fake(401, '{"error":"invalid_client"}'), 'https://t/token', client, 'r'), (e: Error) => e instanceof OAuthClientError);
  });
  test('5xx, 429, temporarily_unavailable and network errors are transient', async () => {
    for (const f of [fake(503, 'down', {}), fake(429, '{}', { 'retry-after': '3' }), fake(400, '{"error":"temporarily_unavailable"}')]) {
      await assert.rejects(refreshTokens(f, 'https://t/token', client, 'r'), (e: Error) => e instanceof ProviderError && e.retryable);
    }
    await assert.rejects(refreshTokens(fake(429, '{}', { 'retry-after': '3' }), 'https://t/token', client, 'r'), (e: Error) => e instanceof ProviderError && e.retryAfterMs === 3000);
    const offline = (async () => { throw new TypeError('fetch failed'); }) as unknown as typeof fetch;
    await assert.rejects(refreshTokens(offline, 'https://t/token', client, 'r'), (e: Error) => e instanceof ProviderError && e.code === 'network');
  });
  test('GitHub: HTTP 200 with an error body, and form-encoded answers', async () => {
    await assert.rejects(refreshTokens(fake(200, '{"error":"bad_refresh_token","error_description":"The refresh token passed is incorrect or expired."}'), 'https://t/token', client, 'r'), (e: Error) => e instanceof OAuthGrantError);
    const form = fake(200, 'access_token=ghu_x&scope=repo&token_type=bearer', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal((await exchangeCode(form, 'https://t/token', client, { code: 'c', redirectUri: 'https://r' })).access_token, 'ghu_x');
  });
  test('sends a form-encoded POST asking for JSON, with client credentials and the verifier', async () => {
    let seen: { headers: Headers; body: URLSearchParams } | undefined;
    const spy = (async (_url: string, init: RequestInit) => {
      seen = { headers: new Headers(init.headers), body: new URLSearchParams(String(init.body)) };
      return new Response('{"access_token":"a"}', { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    await exchangeCode(spy, 'https://t/token', client, { code: 'the-code', redirectUri: 'https://r/cb', codeVerifier: 'v' });
    assert.equal(seen!.headers.get('accept'), 'application/json');
    assert.equal(seen!.headers.get('content-type'), 'application/x-www-form-urlencoded');
    assert.deepEqual(Object.fromEntries(seen!.body), { grant_type: 'authorization_code', code: 'the-code', redirect_uri: 'https://r/cb', code_verifier: 'v', client_id: 'c', client_secret: 's' });
  });
});

describe('emulated GitHub OAuth server', () => {
  let emu: RunningEmulator;
  const demo = demoOAuthClient('github');
  const redirectUri = 'http://localhost:3999/v1/connectors/oauth/callback';
  const tokenUrl = () => `${emu.url}/github/oauth/login/oauth/access_token`;
  before(async () => {
    emu = await startEmulator({ seed: 1 });
  });
  after(async () => emu?.close());

  const authorize = async (extra: Record<string, string> = {}, pkce = pkcePair()) => {
    const url = buildAuthorizeUrl(`${emu.url}/github/oauth/login/oauth/authorize`, { clientId: demo.clientId, redirectUri, scopes: ['repo'], scopeSeparator: ' ', state: 'st-1', codeChallenge: pkce.challenge });
    const res = await fetch(`${url}&${new URLSearchParams({ emulator_auto: 'approve', ...extra })}`, { redirect: 'manual' });
    return { res, pkce, location: res.headers.get('location') };
  };
  const codeOf = (location: string | null) => new URL(location!).searchParams.get('code')!;
  const apiStatus = async (tokenValue: string) => (await fetch(`${emu.url}/github/api/user`, { headers: { authorization: `Bearer ${tokenValue}` } })).status;

  test('the consent page is a real page with Authorize and Cancel; its form approves or denies', async () => {
    const pkce = pkcePair();
    const url = buildAuthorizeUrl(`${emu.url}/github/oauth/login/oauth/authorize`, { clientId: demo.clientId, redirectUri, scopes: ['repo', 'read:org'], scopeSeparator: ' ', state: 'st-2', codeChallenge: pkce.challenge });
    const page = await fetch(url);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<form method="post"/);
    assert.match(html, /Authorize<\/button>/);
    assert.match(html, /read:org/);
    const consentId = /name="consent_id" value="([^"]+)"/.exec(html)![1]!;
    const approve = await fetch(`${emu.url}/github/oauth/_consent`, { method: 'POST', body: new URLSearchParams({ consent_id: consentId, decision: 'approve' }), redirect: 'manual' });
    assert.equal(approve.status, 302);
    const loc = new URL(approve.headers.get('location')!);
    assert.equal(`${loc.origin}${loc.pathname}`, redirectUri);
    assert.equal(loc.searchParams.get('state'), 'st-2');
    assert.ok(loc.searchParams.get('code'));
    const again = await fetch(`${emu.url}/github/oauth/_consent`, { method: 'POST', body: new URLSearchParams({ consent_id: consentId, decision: 'approve' }), redirect: 'manual' });
    assert.equal(again.status, 400, 'a consent request is answered once');
  });

  test('auto-deny redirects with GitHub\'s access_denied answer and the state', async () => {
    const { res, location } = await authorize({ emulator_auto: 'deny' });
    assert.equal(res.status, 302);
    const loc = new URL(location!);
    assert.equal(loc.searchParams.get('error'), 'access_denied');
    assert.equal(loc.searchParams.get('state'), 'st-1');
    assert.equal(loc.searchParams.has('code'), false);
  });

  test('code → tokens that the emulated API accepts; codes are single-use (reuse revokes the grant)', async () => {
    const { location, pkce } = await authorize();
    const code = codeOf(location);
    const tokens = await exchangeCode(fetch, tokenUrl(), demo, { code, redirectUri, codeVerifier: pkce.verifier });
    assert.match(tokens.access_token, /^ghu_/);
    assert.match(tokens.refresh_token!, /^ghr_/);
    assert.equal(tokens.expires_in, 28800);
    assert.equal(tokens.scope, 'repo');
    assert.equal(await apiStatus(tokens.access_token), 200);
    await assert.rejects(exchangeCode(fetch, tokenUrl(), demo, { code, redirectUri, codeVerifier: pkce.verifier }), (e: Error) => e instanceof OAuthGrantError && e.error === 'bad_verification_code');
    assert.equal(await apiStatus(tokens.access_token), 401, 'the grant of a replayed code is revoked');
  });

  test('codes are bound to the PKCE verifier, the client and the redirect URI', async () => {
    const { location, pkce } = await authorize();
    const code = codeOf(location);
    await assert.rejects(exchangeCode(fetch, tokenUrl(), demo, { code, redirectUri, codeVerifier: pkcePair().verifier }), (e: Error) => e instanceof OAuthGrantError);
    await assert.rejects(exchangeCode(fetch, tokenUrl(), demo, { code, redirectUri }), (e: Error) => e instanceof OAuthGrantError, 'a verifier is required once a challenge was sent');
    await assert.rejects(exchangeCode(fetch, tokenUrl(), { ...demo, clientSecret: 'wrong' }, { code, redirectUri, codeVerifier: pkce.verifier }), (e: Error) => e instanceof OAuthClientError && e.error === 'incorrect_client_credentials');
    await assert.rejects(exchangeCode(fetch, tokenUrl(), demo, { code, redirectUri: 'http://localhost:3999/elsewhere', codeVerifier: pkce.verifier }), (e: Error) => e instanceof OAuthClientError && e.error === 'redirect_uri_mismatch');
    // Failed attempts do not burn the code: the rightful holder can still redeem it.
    assert.ok((await exchangeCode(fetch, tokenUrl(), demo, { code, redirectUri, codeVerifier: pkce.verifier })).access_token);
  });

  test('an unregistered redirect URI gets an error page, never a redirect', async () => {
    await fetch(`${emu.url}/_emulator/oauth/clients`, { method: 'POST', body: JSON.stringify({ provider: 'github', client_id: 'exact-client', client_secret: 'exact-secret', redirect_uris: [redirectUri] }) });
    for (const [clientId, uri] of [[demo.clientId, 'https://evil.example/steal'], ['exact-client', 'https://evil.example/v1/connectors/oauth/callback']] as const) {
      const url = buildAuthorizeUrl(`${emu.url}/github/oauth/login/oauth/authorize`, { clientId, redirectUri: uri, scopes: [], scopeSeparator: ' ', state: 's' });
      const res = await fetch(`${url}&emulator_auto=approve`, { redirect: 'manual' });
      assert.equal(res.status, 400, uri);
      assert.equal(res.headers.get('location'), null);
      assert.match(await res.text(), /redirect_uri MUST match/);
    }
  });

  test('refresh rotates the refresh token; replaying the old one is refused and kills the grant', async () => {
    const { location, pkce } = await authorize();
    const t1 = await exchangeCode(fetch, tokenUrl(), demo, { code: codeOf(location), redirectUri, codeVerifier: pkce.verifier });
    const t2 = await refreshTokens(fetch, tokenUrl(), demo, t1.refresh_token!);
    assert.notEqual(t2.refresh_token, t1.refresh_token);
    assert.equal(await apiStatus(t2.access_token), 200);
    await assert.rejects(refreshTokens(fetch, tokenUrl(), demo, t1.refresh_token!), (e: Error) => e instanceof OAuthGrantError && e.error === 'bad_refresh_token');
    await assert.rejects(refreshTokens(fetch, tokenUrl(), demo, t2.refresh_token!), (e: Error) => e instanceof OAuthGrantError, 'the whole grant died');
    assert.equal(await apiStatus(t2.access_token), 401);
  });

  test('controls: expire an access token (401), revoke a grant (invalid refresh), faults on the token endpoint, stats', async () => {
    const { location, pkce } = await authorize();
    const t1 = await exchangeCode(fetch, tokenUrl(), demo, { code: codeOf(location), redirectUri, codeVerifier: pkce.verifier });
    await fetch(`${emu.url}/_emulator/oauth/expire`, { method: 'POST', body: JSON.stringify({ provider: 'github', token: t1.access_token }) });
    assert.equal(await apiStatus(t1.access_token), 401);

    await fetch(`${emu.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ provider: 'github', kind: 'server_error', path: '/access_token' }) });
    await assert.rejects(refreshTokens(fetch, tokenUrl(), demo, t1.refresh_token!), (e: Error) => e instanceof ProviderError && e.retryable);
    const t2 = await refreshTokens(fetch, tokenUrl(), demo, t1.refresh_token!);
    assert.equal(await apiStatus(t2.access_token), 200);

    const revoked = await (await fetch(`${emu.url}/_emulator/oauth/revoke`, { method: 'POST', body: JSON.stringify({ provider: 'github', token: t2.refresh_token }) })).json();
    assert.equal(revoked.revoked, 1);
    assert.equal(await apiStatus(t2.access_token), 401);
    await assert.rejects(refreshTokens(fetch, tokenUrl(), demo, t2.refresh_token!), (e: Error) => e instanceof OAuthGrantError);

    const stats = await (await fetch(`${emu.url}/_emulator/oauth/stats?provider=github`)).json();
    assert.ok(stats.by_grant_type.refresh_token >= 2);
    assert.ok(stats.by_client_id[demo.clientId] >= 1);
  });

  test('in the RFC 6749 dialect a revoked refresh token is a 400 invalid_grant, a bad client a 401', async () => {
    const { location, pkce } = await authorize();
    const t = await exchangeCode(fetch, tokenUrl(), demo, { code: codeOf(location), redirectUri, codeVerifier: pkce.verifier });
    await fetch(`${emu.url}/_emulator/oauth/settings`, { method: 'POST', body: JSON.stringify({ provider: 'github', dialect: 'rfc6749' }) });
    try {
      await fetch(`${emu.url}/_emulator/oauth/revoke`, { method: 'POST', body: JSON.stringify({ provider: 'github', token: t.access_token }) });
      const raw = await fetch(tokenUrl(), { method: 'POST', headers: { accept: 'application/json' }, body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: t.refresh_token!, client_id: demo.clientId, client_secret: demo.clientSecret }) });
      assert.equal(raw.status, 400);
      assert.equal((await raw.json()).error, 'invalid_grant');
      await assert.rejects(refreshTokens(fetch, tokenUrl(), demo, t.refresh_token!), (e: Error) => e instanceof OAuthGrantError && e.error === 'invalid_grant');
      await assert.rejects(refreshTokens(fetch, tokenUrl(), { ...demo, clientSecret: 'nope' }, t.refresh_token!), (e: Error) => e instanceof OAuthClientError && e.error === 'invalid_client');
    } finally {
      await fetch(`${emu.url}/_emulator/oauth/settings`, { method: 'POST', body: JSON.stringify({ provider: 'github', dialect: 'github' }) });
    }
  });

  test('GitHub answers form-encoded unless asked for JSON', async () => {
    const res = await fetch(tokenUrl(), { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'nope', client_id: demo.clientId, client_secret: demo.clientSecret }) });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /x-www-form-urlencoded/);
    assert.equal(new URLSearchParams(await res.text()).get('error'), 'bad_refresh_token');
  });

  test('the expire_token fault expires the presented token', async () => {
    const { location, pkce } = await authorize();
    const t = await exchangeCode(fetch, tokenUrl(), demo, { code: codeOf(location), redirectUri, codeVerifier: pkce.verifier });
    await fetch(`${emu.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ provider: 'github', kind: 'expire_token', path: '/user' }) });
    assert.equal(await apiStatus(t.access_token), 401);
    assert.equal(await apiStatus(t.access_token), 401, 'stays expired');
  });
});
