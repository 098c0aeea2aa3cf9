// OAuth at its edges: Temporal unreachable at the callback (503, nothing used up, reload finishes), an
// authorize link forwarded to someone else (Tributary's start page names the workspace and connector first),
// and the Integrations page waiting only for reasons the service really records.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CONNECTOR_RULES } from '../lib/connector-rules.ts';
import { continueLink, oauthDriver, startOAuthStack } from './helpers/oauth.ts';
import { apiWithTemporalDown, type TestStack } from './helpers/stack.ts';

const PUBLIC = 'http://localhost:3999';

let s: TestStack;
before(async () => {
  s = await startOAuthStack();
});
after(async () => {
  await s?.close();
});

const { consent, callback } = oauthDriver(() => s);
const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

async function githubConnector(name: string, key = s.keyA) {
  const c = await s.api('POST', '/v1/connectors', { type: 'github', name }, { key });
  assert.equal(c.status, 201, c.text);
  const a = await s.api('POST', `/v1/connectors/${c.body.id}/oauth/authorize`, undefined, { key });
  assert.equal(a.status, 200, a.text);
  return { id: c.body.id as string, authorizeUrl: a.body.authorize_url as string };
}

describe('the callback while Temporal is unreachable', () => {
  test('answers 503 with Retry-After, uses nothing up, and reloading the same URL completes the connection', async () => {
    const { id, authorizeUrl } = await githubConnector('callback-during-outage');
    const location = await consent(authorizeUrl);
    const down = await apiWithTemporalDown(s);
    try {
      const res = await down.app.request(pathOf(location));
      const html = await res.text();
      assert.equal(res.status, 503, html);
      assert.equal(res.headers.get('retry-after'), '5');
      assert.match(html, /reload this page/i);
    } finally {
      await down.close();
    }
    const attempt = await s.db.selectFrom('oauth_states').selectAll().where('connector_id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual([attempt.consumed_at, attempt.invalidated_at, attempt.code_enc], [null, null, null], 'the state is still unused and no code is kept');
    const reload = await callback(location);
    assert.equal(reload.status, 200, reload.text);
    assert.match(reload.text, /Connected/);
    assert.equal((await s.api('GET', `/v1/connectors/${id}`)).body.status, 'connected');
  });
});

describe('a forwarded authorize link', () => {
  test('opens on Tributary\'s start page naming the workspace, connector and provider; only that page links to the provider', async () => {
    const { id, authorizeUrl } = await githubConnector('Acme prod GitHub');
    const u = new URL(authorizeUrl);
    assert.equal(`${u.origin}${u.pathname}`, `${PUBLIC}/v1/connectors/oauth/start`, 'the API hands out our start page, not the provider\'s URL');
    assert.ok(!u.searchParams.has('client_id') && !u.searchParams.has('code_challenge'));
    const res = await s.app.request(pathOf(authorizeUrl));
    const html = await res.text();
    assert.equal(res.status, 200, html);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const workspace = await s.db.selectFrom('workspaces as w').innerJoin('connectors as c', 'c.workspace_id', 'w.id').select('w.name').where('c.id', '=', id).executeTakeFirstOrThrow();
    for (const shown of [workspace.name, 'Acme prod GitHub', id, 'GitHub', 'repo', 'read:org', 'someone sent you this link']) assert.ok(html.includes(shown), `the page shows ${shown}`);
    const onward = new URL(continueLink(html)!);
    assert.equal(`${onward.origin}${onward.pathname}`, `${s.emulator.url}/github/oauth/login/oauth/authorize`);
    assert.equal(onward.searchParams.get('state'), u.searchParams.get('state'));
    assert.equal(onward.searchParams.get('code_challenge_method'), 'S256');

    // Used, superseded and unknown links stop at the start page, before any provider.
    assert.equal((await callback(await consent(authorizeUrl))).status, 200);
    for (const [link, status, text] of [[authorizeUrl, 400, /already been used/], [`${PUBLIC}/v1/connectors/oauth/start?state=forged`, 400, /not valid/], [`${PUBLIC}/v1/connectors/oauth/start`, 400, /no state/]] as const) {
      const r = await s.app.request(pathOf(link));
      const body = await r.text();
      assert.equal(r.status, status, body);
      assert.match(body, text);
      assert.equal(continueLink(body), undefined);
    }
    const second = await githubConnector('superseded');
    await s.api('POST', `/v1/connectors/${second.id}/oauth/authorize`);
    const stale = await s.app.request(pathOf(second.authorizeUrl));
    assert.equal(stale.status, 400);
    assert.match(await stale.text(), /newer authorization/);
  });
});

describe('the Integrations page', () => {
  test('waits only for reasons the service records: a denied and a failed authorization end its wait', async () => {
    const rules = await (await s.app.request('/integrations/assets/rules.js')).text();
    const served = JSON.parse(/export const RULES = (.*);/.exec(rules)![1]!) as typeof CONNECTOR_RULES;
    assert.deepEqual(served.authorizationEndedReasons, [...CONNECTOR_RULES.authorizationEndedReasons]);
    assert.ok(!served.authorizationEndedReasons.includes('oauth_exchange_failed' as never), 'no reason that is never set');

    const denied = await githubConnector('denied');
    assert.equal((await callback(await consent(denied.authorizeUrl, 'deny'))).status, 200);
    const failed = await githubConnector('failed');
    const location = new URL(await consent(failed.authorizeUrl));
    location.searchParams.set('code', 'not-the-code-github-issued'); // the provider refuses it at the exchange
    assert.equal((await callback(location.toString())).status, 200);
    for (const [id, reason] of [[denied.id, 'authorization_denied'], [failed.id, 'authorization_failed']] as const) {
      const c = (await s.api('GET', `/v1/connectors/${id}`)).body;
      assert.deepEqual([c.status, c.status_reason], ['pending', reason]);
      assert.ok(served.authorizationEndedReasons.includes(c.status_reason), `the page stops waiting on ${c.status_reason}`);
    }
  });
});
