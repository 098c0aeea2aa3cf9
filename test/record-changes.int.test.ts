// Records that stay current, for every provider in the catalog, through the public API: a record changed at the
// emulator after its first sync arrives as `updated` (a new version with the new fields) in the next incremental
// sync; a refresh re-reads records as `unchanged` (no new version); a deletion arrives as `deleted` where the
// provider exposes it — in the incremental sync (Linear archives, Slack's re-read listing) or in a backfill's
// complete listing (Jira, Opsgenie, Sentry). The changes feed shows exactly those changes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitForBackfill } from './helpers/backfill.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';
import { assertCountsAddUp, connectProvider, syncNow, waitForRun } from './helpers/sync.ts';

let s: TestStack;
before(async () => {
  s = await startTestStack();
});
after(async () => {
  await s?.close();
});

const TITLE = 'Changed at the provider by the test';

interface Case {
  kind: string;
  /** What the test changes at the emulator (null: the provider's records are immutable). */
  change: Record<string, unknown> | null;
  /** The new fields, as Tributary stores them. */
  arrived?: (r: { title: string; raw: any }) => boolean;
  /** Where a deletion at the provider shows: the next incremental sync, a backfill (complete listing), or nowhere. */
  deletion: 'sync' | 'backfill' | null;
}

const CASES: Record<string, Case> = {
  pagerduty: { kind: 'incident', change: { status: 'acknowledged', title: TITLE }, arrived: (r) => r.title === TITLE && r.raw.status === 'acknowledged', deletion: null },
  opsgenie: { kind: 'alert', change: { title: TITLE, status: 'closed' }, arrived: (r) => r.title === TITLE && r.raw.status === 'closed', deletion: 'backfill' },
  datadog: { kind: 'event', change: null, deletion: null },
  sentry: { kind: 'issue', change: { title: TITLE, assignee: 'grace' }, arrived: (r) => r.title.endsWith(TITLE) && r.raw.assignedTo?.name === 'grace', deletion: 'backfill' },
  github: { kind: 'pull_request', change: { title: TITLE }, arrived: (r) => r.title === TITLE, deletion: null },
  gitlab: { kind: 'deployment', change: { status: 'failed' }, arrived: (r) => r.title.endsWith(': failed') && r.raw.status === 'failed', deletion: null },
  slack: { kind: 'message', change: { title: TITLE }, arrived: (r) => r.title === TITLE && Boolean(r.raw.edited), deletion: 'sync' },
  jira: { kind: 'issue', change: { title: TITLE, status: 'Done' }, arrived: (r) => r.title.endsWith(TITLE) && r.raw.fields.status.name === 'Done', deletion: 'backfill' },
  linear: { kind: 'issue', change: { title: TITLE, status: 'In Progress' }, arrived: (r) => r.title.endsWith(TITLE) && r.raw.state.name === 'In Progress', deletion: 'sync' },
};

async function emulator(path: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${s.emulator.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const record = async (id: string, kind: string, externalId: string) =>
  s.db.selectFrom('records').selectAll().where('connector_id', '=', id).where('kind', '=', kind).where('external_id', '=', externalId).executeTakeFirstOrThrow();

/** The connector's changes of `kind` after `cursor`, as `[external id, action, version]`. */
async function changesAfter(id: string, kind: string, cursor: string | null): Promise<{ list: Array<[string, string, number]>; last: string; raw: any[] }> {
  const res = await s.api('GET', `/v1/connectors/${id}/changes?kind=${kind}&limit=1000${cursor ? `&after=${cursor}` : ''}`);
  assert.equal(res.status, 200, res.text);
  return { list: res.body.data.map((c: any) => [c.record.external_id, c.action, c.version]), last: res.body.next_cursor, raw: res.body.data };
}

describe('every provider: changes, unchanged re-reads and deletions', () => {
  test('the cases cover the catalog', async () => {
    const types = (await s.api('GET', '/v1/connector-types')).body.data.map((d: { type: string }) => d.type).sort();
    assert.deepEqual(Object.keys(CASES).sort(), types);
  });

  for (const [type, c] of Object.entries(CASES)) {
    test(`${type}: ${c.change ? 'a change arrives as updated' : 'immutable records stay unchanged'}${c.deletion ? `, a deletion as deleted (${c.deletion})` : ''}`, async () => {
      const { id, firstRunId } = await connectProvider(s, type);
      if (firstRunId) await waitForRun(s, id, firstRunId);
      const idOf = s.emulator.state.externalIds.get(type)!;
      // Created after the first sync's window: the next incremental sync is the first to see them.
      const addedAt = Date.now() - 5;
      const [a, b, cc] = s.emulator.state.data.add(type, c.kind, 3, addedAt).map((r) => idOf(c.kind, r));
      const first = await syncNow(s, id);
      assert.equal(first.status, 'succeeded', JSON.stringify(first));
      for (const x of [a!, b!, cc!]) assert.equal((await record(id, c.kind, x)).version, 1, `${x} stored at version 1`);
      const before = (await changesAfter(id, c.kind, null)).last;

      // At the provider: A changes, B is deleted (where the provider lets it be), C stays as it was.
      const changed = await emulator('/_emulator/records/change', { provider: type, kind: c.kind, external_id: a, patch: c.change ?? {} });
      assert.equal(changed.status, c.change ? 200 : 409, JSON.stringify(changed.body));
      if (c.deletion) assert.equal((await emulator('/_emulator/records/delete', { provider: type, kind: c.kind, external_id: b })).status, 200);

      const next = await syncNow(s, id);
      assert.equal(next.status, 'succeeded', JSON.stringify(next));
      // Slack's deletion is a tombstone from its complete listing: counted as deleted, never fetched.
      assertCountsAddUp(next, type === 'slack' ? 1 : 0);
      const recA = await record(id, c.kind, a!);
      if (c.change) {
        assert.equal(next.records_updated >= 1, true, `${type}: the change is counted (${JSON.stringify(next)})`);
        assert.equal(recA.version, 2, `${type}: the changed record has a new version`);
        assert.ok(c.arrived!(recA as any), `${type}: the new fields arrived: ${recA.title} ${JSON.stringify(recA.raw).slice(0, 400)}`);
        assert.ok(recA.last_changed_at > recA.first_seen_at, 'last_changed_at moved');
      } else {
        assert.equal(recA.version, 1);
      }
      const recB = await record(id, c.kind, b!);
      const syncDeleted = c.deletion === 'sync';
      assert.equal(recB.deleted_at !== null, syncDeleted, `${type}: B ${syncDeleted ? 'is' : 'is not yet'} a tombstone after the sync`);
      assert.equal(recB.version, syncDeleted ? 2 : 1);
      if (syncDeleted) assert.ok(next.records_deleted >= 1, JSON.stringify(next));
      assert.equal((await record(id, c.kind, cc!)).version, 1, `${type}: the untouched record keeps its version`);

      const expected: Array<[string, string, number]> = [];
      if (c.change) expected.push([a!, 'updated', 2]);
      if (syncDeleted) expected.push([b!, 'deleted', 2]);
      const feed = await changesAfter(id, c.kind, before);
      assert.deepEqual(feed.list.sort(), expected.sort(), `${type}: the feed holds exactly the sync's changes of ${c.kind}`);
      if (c.change) assert.ok(c.arrived!(feed.raw.find((x) => x.record.external_id === a).record), `${type}: the change carries the new fields`);

      // A refresh (backfill) re-reads the window: nothing new, nothing changed, no new version; a complete listing
      // that no longer has B makes it a tombstone.
      // The window ends before now, and after the three records (two syncs can take less than half a second).
      const end = Math.max(Date.now() - 500, addedAt + 10);
      const bf = await s.api('POST', `/v1/connectors/${id}/backfills`, { start: new Date(end - 2 * 3_600_000).toISOString(), end: new Date(end).toISOString(), chunk: 'PT1H' });
      assert.equal(bf.status, 202, bf.text);
      const done = await waitForBackfill(s, id, bf.body.backfill_id, 60_000);
      assert.equal(done.status, 'succeeded', JSON.stringify(done));
      const listingDeleted = c.deletion === 'backfill';
      assert.deepEqual([done.records_added, done.records_updated, done.records_deleted], [0, 0, listingDeleted ? 1 : 0], `${type}: ${JSON.stringify(done)}`);
      assert.ok(done.records_unchanged >= (c.deletion ? 1 : 3) && done.records_unchanged === done.records, `${type}: every re-read record counted unchanged: ${JSON.stringify(done)}`);
      assert.equal((await record(id, c.kind, a!)).version, c.change ? 2 : 1, `${type}: no new version for identical content`);
      assert.equal((await record(id, c.kind, cc!)).version, 1);
      const afterRefresh = await changesAfter(id, c.kind, feed.last);
      assert.deepEqual(afterRefresh.list, listingDeleted ? [[b!, 'deleted', 2]] : [], `${type}: the refresh changed only what the provider deleted`);
      if (c.deletion) assert.ok((await record(id, c.kind, b!)).deleted_at, `${type}: B is a tombstone, kept`);
    });
  }
});
