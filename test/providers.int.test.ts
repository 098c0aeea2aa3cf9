// Every provider in the catalog through the public API: connect it (API key via PUT credentials with the
// emulator's demo credentials; OAuth via stored tokens the emulator accepts), sync, and compare what was
// ingested with what the emulator holds for the run's window. Also the catalog's grouping by category.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitForBackfill } from './helpers/backfill.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';
import { assertCountsAddUp, connectProvider, emulatorCount, emulatorSync, recordCount, waitForRun } from './helpers/sync.ts';

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

const connect = (type: string) => connectProvider(s, type);

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
        total += first.records_added;
      }
      // PagerDuty log entries are not records of their own at the emulator: each new incident brings its trigger entry.
      for (const kind of kinds) if (!(type === 'pagerduty' && kind === 'log_entry')) s.emulator.state.data.add(type, kind, 3, Date.now() - 50);
      const res = await s.api('POST', `/v1/connectors/${id}/sync`);
      assert.equal(res.status, 202, res.text);
      const run = await waitForRun(s, id, res.body.sync_run_id);
      assert.equal(run.status, 'succeeded', JSON.stringify(run));
      const expected = emulatorSync(s, type, kinds, run.window);
      assert.ok(expected.distinct >= 3 * kinds.length, `${type}: the window holds data (${expected.distinct})`);
      assert.equal(run.records_fetched, expected.fetched, `${type}: fetched what the emulator holds`);
      assert.equal(run.records_added, expected.distinct);
      assertCountsAddUp(run);
      total += run.records_added;
      assert.equal(await recordCount(s, id), total, `${type}: stored once each`);

      // A small backfill: two one-day chunks well before the sync window.
      const end = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 8 * 86_400_000;
      const window = { start: new Date(end - 2 * 86_400_000).toISOString(), end: new Date(end).toISOString() };
      const bf = await s.api('POST', `/v1/connectors/${id}/backfills`, { ...window, chunk: 'P1D' });
      assert.equal(bf.status, 202, bf.text);
      const done = await waitForBackfill(s, id, bf.body.backfill_id, 60_000);
      assert.equal(done.status, 'succeeded', JSON.stringify(done));
      assert.equal(done.chunks_done, 2);
      const inWindow = emulatorCount(s, type, kinds, window);
      assert.ok(inWindow > 0, `${type}: the backfill window holds data`);
      assert.equal(done.records, inWindow, `${type}: the backfill fetched exactly the emulator's records for its window`);
      total += done.records_added;
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
