// Every provider in the catalog through the public API: connect it (API key via PUT credentials with the
// emulator's demo credentials; OAuth via stored tokens the emulator accepts), sync, and compare what was
// ingested with what the emulator holds for the run's window. Also the catalog's grouping by category.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_CREDENTIALS } from '../dev/emulator/state.ts';
import { createCipher } from '../lib/crypto.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { emulatorCount, recordCount, waitForRun } from './helpers/sync.ts';
import { updateConnector } from '../db/connectors.repository.ts';
import { secretSlots } from '../db/secret-columns.ts';

let s: TestStack;
before(async () => {
  s = await startTestStack();
});
after(async () => {
  await s?.close();
});

describe('catalog', () => {
  test('GET /v1/connector-types groups at least eight types into at least four categories', async () => {
    const res = await s.api('GET', '/v1/connector-types');
    assert.equal(res.status, 200, res.text);
    assert.ok(res.body.data.length >= 8, `${res.body.data.length} types`);
    assert.ok(res.body.categories.length >= 4, JSON.stringify(res.body.categories));
    const grouped = res.body.categories.flatMap((g: { types: string[] }) => g.types).sort();
    assert.deepEqual(grouped, res.body.data.map((d: { type: string }) => d.type).sort(), 'every type in exactly one group');
    for (const g of res.body.categories) {
      for (const t of g.types) assert.equal(res.body.data.find((d: { type: string }) => d.type === t).category, g.category);
    }
    const pd = res.body.data.find((d: { type: string }) => d.type === 'pagerduty');
    assert.equal(pd.auth, 'api_key');
    assert.deepEqual(pd.auth_methods, ['api_key', 'oauth2']);
    assert.equal(pd.oauth, true);
    assert.ok(res.body.data.every((d: { emulated: boolean }) => d.emulated), 'the test stack emulates every provider');
    const chat = await s.api('GET', '/v1/connector-types?category=chat');
    assert.deepEqual(chat.body.data.map((d: { type: string }) => d.type), ['slack']);
    const datadog = await s.api('GET', '/v1/connector-types/datadog');
    assert.deepEqual(datadog.body.credential_fields.map((f: { name: string; secret: boolean }) => [f.name, f.secret]), [['api_key', true], ['application_key', true], ['site', false]]);
  });
});

/** Connects a connector of `type` the way its auth kind allows; returns its id. */
async function connect(type: string): Promise<{ id: string; firstRunId: string | null }> {
  const c = await s.api('POST', '/v1/connectors', { type, name: `${type} (demo)` });
  assert.equal(c.status, 201, c.text);
  const types = await s.api('GET', `/v1/connector-types/${type}`);
  if (types.body.auth === 'api_key') {
    const put = await s.api('PUT', `/v1/connectors/${c.body.id}/credentials`, DEMO_CREDENTIALS[type]);
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.connector.status, 'connected', put.text);
    const runs = await s.api('GET', `/v1/connectors/${c.body.id}/sync-runs`);
    return { id: c.body.id, firstRunId: runs.body.data[0]?.id ?? null };
  }
  // OAuth: the authorization flow is exercised elsewhere; here the emulator accepts a token we store directly.
  const token = `int-test-token-${type}-${c.body.id}`;
  s.emulator.state.accept(type, token);
  await updateConnector(s.db, c.body.id, { credentials_enc: createCipher(s.config.encryptionKeys).encryptJson({ access_token: token, token_type: 'bearer' }, secretSlots.credentials(c.body.id)), status: 'connected', status_reason: 'test_tokens' });
  const t = await s.api('POST', `/v1/connectors/${c.body.id}/test`);
  assert.equal(t.body.success, true, t.text);
  return { id: c.body.id, firstRunId: null };
}

const TYPES = ['pagerduty', 'opsgenie', 'datadog', 'sentry', 'github', 'gitlab', 'slack', 'jira', 'linear'];

describe('sync through the public API, per provider', () => {
  test('the catalog is what this file covers', async () => {
    const res = await s.api('GET', '/v1/connector-types');
    assert.deepEqual(res.body.data.map((d: { type: string }) => d.type).sort(), [...TYPES].sort());
  });

  for (const type of TYPES) {
    test(`${type}: connect, sync and a small backfill, each ingesting exactly the emulator's records for its window`, async () => {
      const { id, firstRunId } = await connect(type);
      const kinds: string[] = (await s.api('GET', `/v1/connector-types/${type}`)).body.ingests.map((i: { kind: string }) => i.kind);
      let total = 0;
      if (firstRunId) {
        const first = await waitForRun(s, id, firstRunId);
        assert.equal(first.status, 'succeeded', JSON.stringify(first));
        total += first.records_inserted;
      }
      for (const kind of kinds) s.emulator.state.data.add(type, kind, 3, Date.now() - 50);
      const res = await s.api('POST', `/v1/connectors/${id}/sync`);
      assert.equal(res.status, 202, res.text);
      const run = await waitForRun(s, id, res.body.sync_run_id);
      assert.equal(run.status, 'succeeded', JSON.stringify(run));
      const expected = emulatorCount(s, type, kinds, run.window);
      assert.ok(expected >= 3 * kinds.length, `${type}: the window holds data (${expected})`);
      assert.equal(run.records_fetched, expected, `${type}: fetched what the emulator holds`);
      assert.equal(run.records_inserted, expected);
      total += run.records_inserted;
      assert.equal(await recordCount(s, id), total, `${type}: stored once each`);

      // A small backfill: two one-day chunks well before the sync window.
      const end = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 8 * 86_400_000;
      const window = { start: new Date(end - 2 * 86_400_000).toISOString(), end: new Date(end).toISOString() };
      const bf = await s.api('POST', `/v1/connectors/${id}/backfills`, { ...window, chunk: 'P1D' });
      assert.equal(bf.status, 202, bf.text);
      const done = await eventually(async () => {
        const b = await s.api('GET', `/v1/connectors/${id}/backfills/${bf.body.backfill_id}`);
        return ['succeeded', 'failed', 'cancelled'].includes(b.body.status) ? b.body : undefined;
      }, 60_000, `${type} backfill`);
      assert.equal(done.status, 'succeeded', JSON.stringify(done));
      assert.equal(done.chunks_done, 2);
      const inWindow = emulatorCount(s, type, kinds, window);
      assert.ok(inWindow > 0, `${type}: the backfill window holds data`);
      assert.equal(done.records, inWindow, `${type}: the backfill fetched exactly the emulator's records for its window`);
      total += done.records_inserted;
      assert.equal(await recordCount(s, id), total, `${type}: backfilled records stored once each`);

      const recs = await s.api('GET', `/v1/connectors/${id}/records?limit=5`);
      assert.equal(recs.status, 200, recs.text);
      for (const r of recs.body.data) {
        assert.ok(kinds.includes(r.kind), r.kind);
        assert.ok(r.external_id && r.title && r.occurred_at, JSON.stringify(r));
      }
    });
  }
});
