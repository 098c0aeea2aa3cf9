// Credential writes are conditional on what was read: a token refresh in flight cannot resurrect the tokens of
// a connector deleted meanwhile, nor overwrite the tokens a re-authorization just stored; an onboarding
// promotes only the candidate it tested, never one a second PUT …/credentials stored in between.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createConnectorActivities } from '../activities/connectors.ts';
import { findConnector, updateConnector } from '../db/connectors.repository.ts';
import { secretSlots } from '../db/secret-columns.ts';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { createProviderRegistry } from '../providers/registry.ts';
import type { Credentials } from '../providers/types.ts';
import { createCredentialStore } from '../services/credentials.ts';
import { idleLifecycle as lifecycle, oauthDriver, startOAuthStack } from './helpers/oauth.ts';
import { eventually, type ApiResponse, type TestStack } from './helpers/stack.ts';


let s: TestStack;
before(async () => {
  s = await startOAuthStack();
});
after(async () => {
  await s?.close();
});

const { emu, consent, callback } = oauthDriver(() => s);
const row = async (id: string) => (await findConnector(s.db, id))!;
const accessToken = async (id: string) => s.cipher.decryptJson<Credentials>((await row(id)).credentials_enc!, secretSlots.credentials(id)).access_token;

async function authorizeAndConsent(id: string): Promise<void> {
  const a = await s.api('POST', `/v1/connectors/${id}/oauth/authorize`);
  assert.equal(a.status, 200, a.text);
  const cb = await callback(await consent(a.body.authorize_url));
  assert.equal(cb.status, 200, cb.text);
  assert.match(cb.text, /Connected/);
}

async function connectedGithub(name: string): Promise<string> {
  const c = await s.api('POST', '/v1/connectors', { type: 'github', name });
  await authorizeAndConsent(c.body.id);
  return c.body.id;
}

/**
 * Makes the next refresh slow, expires the access token, and starts a connection test that will refresh.
 * Resolves once the refresh is in flight, with the test's answer still to come (wrapped: an async function
 * returning a bare promise would wait for it).
 */
async function refreshInFlight(id: string): Promise<{ testing: Promise<ApiResponse> }> {
  await emu('POST', '/_emulator/oauth/expire', { provider: 'github', token: await accessToken(id) });
  const slow = { provider: 'github', kind: 'slow' as const, path: '/access_token', delay_ms: 2500, remaining: 1 };
  s.emulator.state.faults.push(slow);
  const testing = s.api('POST', `/v1/connectors/${id}/test`);
  await eventually(async () => slow.remaining === 0, 10_000, 'the refresh request at the token endpoint');
  return { testing };
}

describe('a token refresh in flight', () => {
  test('does not write tokens back onto a connector deleted meanwhile', async () => {
    const id = await connectedGithub('deleted mid-refresh');
    const { testing } = await refreshInFlight(id);
    assert.equal((await s.api('DELETE', `/v1/connectors/${id}`)).status, 204);
    await testing;
    await new Promise((r) => setTimeout(r, 300)); // any late write would have landed by now
    const after = await row(id);
    assert.ok(after.deleted_at);
    assert.equal(after.credentials_enc, null, 'a deleted connector keeps no live tokens');
  });

  test('does not overwrite the tokens a re-authorization stored meanwhile', async () => {
    const id = await connectedGithub('reauthorized mid-refresh');
    const { testing } = await refreshInFlight(id);
    await authorizeAndConsent(id); // the user re-authorizes while the old grant's refresh is still in flight
    const fresh = await accessToken(id);
    const res = await testing;
    assert.equal(await accessToken(id), fresh, 'the re-authorization\'s tokens stand');
    assert.equal(res.body.success, true, res.text);
    assert.equal((await row(id)).status, 'connected');
  });
});

describe('onboarding', () => {
  test('promotes only the candidate it tested, not one a second PUT …/credentials stored in between', async () => {
    const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'two quick PUTs' });
    const id = c.body.id as string;
    const providers = createProviderRegistry(s.config);
    const credentials = createCredentialStore({ db: s.db, cipher: s.cipher, providers, config: s.config, lifecycle });
    const acts = createConnectorActivities({ db: s.db, providers, cipher: s.cipher, lifecycle, credentials });
    const store = (key: string, candidateId: string) =>
      updateConnector(s.db, id, { candidate_credentials_enc: s.cipher.encryptJson({ api_key: key }, secretSlots.candidateCredentials(id)), candidate_id: candidateId });

    await store(DEMO_KEYS.pagerduty!, 'cand_first'); // PUT 1: a working key…
    const test1 = await acts.testConnection({ connectorId: id, candidate: true, candidateId: 'cand_first' });
    assert.equal(test1.success, true);
    await store('u+wrongwrongwrongwrong', 'cand_second'); // …PUT 2 lands a wrong key before onboarding 1 completes
    await acts.completeOnboarding({ connectorId: id, test: test1, candidateId: 'cand_first' });

    const mid = await row(id);
    assert.equal(mid.credentials_enc, null, 'the untested second key was not promoted');
    assert.equal(mid.status, 'pending');
    assert.equal(mid.candidate_id, 'cand_second', 'the second candidate waits for its own test');
    const test2 = await acts.testConnection({ connectorId: id, candidate: true, candidateId: 'cand_second' });
    assert.equal(test2.success, false);
    await acts.completeOnboarding({ connectorId: id, test: test2, candidateId: 'cand_second' });
    const end = await row(id);
    assert.deepEqual([end.status, end.credentials_enc, end.candidate_credentials_enc], ['pending', null, null]);
    // And through the API, the last PUT decides.
    const put = await s.api('PUT', `/v1/connectors/${id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
    assert.equal(put.body.connector.status, 'connected', put.text);
  });
});
