// The OAuth authorization window, with a short injected window (OAUTH_AUTHORIZATION_WINDOW_SECONDS=3):
// a late callback gets the expired page and changes nothing; the connector reads pending / authorization_expired.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OAuthOnboardingResult } from '../contracts/workflows.ts';
import { oauthDriver } from './helpers/oauth.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';
import { workflowIds } from '../contracts/ids.ts';
import { findConnector } from '../db/connectors.repository.ts';

const WINDOW_S = 3;
let s: TestStack;
before(async () => {
  s = await startTestStack({ OAUTH_AUTHORIZATION_WINDOW_SECONDS: String(WINDOW_S) });
});
after(async () => {
  await s?.close();
});

const { emu, grants, consent, callback } = oauthDriver(() => s);

async function createGithub() {
  const res = await s.api('POST', '/v1/connectors', { type: 'github' });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: string };
}
async function authorize(id: string) {
  const res = await s.api('POST', `/v1/connectors/${id}/oauth/authorize`);
  assert.equal(res.status, 200, res.text);
  return res.body as { authorize_url: string; expires_at: string };
}
const outcome = (id: string) => s.temporal.workflow.getHandle(workflowIds.onboarding(id)).result() as Promise<OAuthOnboardingResult>;
const connector = async (id: string) => (await s.api('GET', `/v1/connectors/${id}`)).body;

describe('authorization window', () => {
  test('a callback after the window gets the "expired, start again" page; the connector stays pending / authorization_expired', async () => {
    const c = await createGithub();
    const started = Date.now();
    const a = await authorize(c.id);
    assert.ok(Math.abs(Date.parse(a.expires_at) - (started + WINDOW_S * 1000)) < 2000, 'expires_at follows the window');
    const location = await consent(a.authorize_url); // the user approves, but the browser comes back too late
    const codes = await grants('authorization_code');

    const result = await outcome(c.id);
    assert.equal(result.outcome, 'expired');
    const history = await s.temporal.workflow.getHandle(workflowIds.onboarding(c.id)).fetchHistory();
    const timers = (history.events ?? []).flatMap((e) => (e.timerStartedEventAttributes ? [Number(String(e.timerStartedEventAttributes.startToFireTimeout!.seconds))] : []));
    assert.deepEqual(timers, [WINDOW_S], 'the injected window is the workflow timer');

    const got = await connector(c.id);
    assert.equal(got.status, 'pending');
    assert.equal(got.status_reason, 'authorization_expired');
    assert.match(got.status_message, /start again/);

    for (let i = 0; i < 2; i++) {
      const late = await callback(location);
      assert.equal(late.status, 410);
      assert.match(late.text, /This authorization link expired/);
      assert.match(late.text, /Start again/);
    }
    assert.equal(await grants('authorization_code'), codes, 'the late code was never exchanged');
    const [attempt] = await s.db.selectFrom('oauth_states').selectAll().where('connector_id', '=', c.id).execute();
    assert.equal(attempt!.consumed_at, null);
    assert.equal(attempt!.invalidated_reason, 'expired');
    assert.equal(attempt!.code_verifier_enc, null);
    assert.equal((await connector(c.id)).status_reason, 'authorization_expired');

    // Starting again works, under the same id.
    const again = await authorize(c.id);
    const cb = await callback(await consent(again.authorize_url));
    assert.equal(cb.status, 200, cb.text);
    assert.equal((await connector(c.id)).status, 'connected');
  });

  test('a state past its expires_at is refused as expired even before the workflow\'s timer fires', async () => {
    const c = await createGithub();
    const a = await authorize(c.id);
    const location = await consent(a.authorize_url);
    await s.db.updateTable('oauth_states').set({ expires_at: new Date(Date.now() - 1000) }).where('connector_id', '=', c.id).execute();
    const late = await callback(location);
    assert.equal(late.status, 410);
    const [attempt] = await s.db.selectFrom('oauth_states').selectAll().where('connector_id', '=', c.id).execute();
    assert.equal(attempt!.consumed_at, null);
    assert.equal((await outcome(c.id)).outcome, 'expired');
  });

  test('an oauth_expired connector whose re-authorization runs out of time stays oauth_expired', async () => {
    const c = await createGithub();
    const a = await authorize(c.id);
    assert.equal((await callback(await consent(a.authorize_url))).status, 200);
    const row = (await findConnector(s.db, c.id))!;
    assert.ok(row.credentials_enc);
    await emu('POST', '/_emulator/oauth/revoke', { provider: 'github' });
    assert.equal((await s.api('POST', `/v1/connectors/${c.id}/test`)).body.success, false);
    assert.equal((await connector(c.id)).status, 'oauth_expired');

    await authorize(c.id);
    assert.equal((await outcome(c.id)).outcome, 'expired');
    const got = await connector(c.id);
    assert.equal(got.status, 'oauth_expired');
    assert.equal(got.status_reason, 'oauth_refresh_refused');
  });
});
