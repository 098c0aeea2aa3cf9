// The changes feed through the public API and at the transaction level: positions follow commit order (a
// transaction that committed later is never skipped by a reader that already moved past an earlier-committed
// one); a consumer following `next_cursor` while three connectors sync, a backfill runs and the emulator keeps
// changing records ends with exactly the database's records, every change seen once; cursors are validated.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { openChangeBatch } from '../services/records.ts';
import { readChanges } from '../services/changes.ts';
import type { NormalizedRecord } from '../providers/types.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';
import { connectProvider, syncNow, waitForRun } from './helpers/sync.ts';
import { findConnector, listConnectors } from '../db/connectors.repository.ts';

let s: TestStack;
before(async () => {
  // Small pages: many small transactions committing concurrently.
  s = await startTestStack({ SYNC_PAGE_SIZE: '10', BACKFILL_PAGE_SIZE: '10' });
});
after(async () => {
  await s?.close();
});

const workspaceOf = async (connectorId: string) => (await findConnector(s.db, connectorId))!.workspace_id;
const rec = (id: string, title: string): NormalizedRecord => ({ kind: 'probe', external_id: id, occurred_at: new Date().toISOString(), title, url: null, raw: { id, title } });

function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

describe('commit order', () => {
  test('a transaction that started first but commits last is read after the ones that committed before it, never skipped', async () => {
    const c = (await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'order' })).body;
    const ws = await workspaceOf(c.id);
    const scope = (id: string) => ({ workspaceId: ws, connectorId: c.id, source: { type: 'sync_run' as const, id } });
    const feed = (after?: string) => readChanges(s.db, ws, { after, limit: 100, connector_id: c.id });

    // T1 writes first (its batch id is the smaller) but is held before it commits; T2 writes and commits.
    const hold = gate();
    const written = gate();
    const t1 = s.db.transaction().execute(async (tx) => {
      const b = openChangeBatch(scope('run_t1'));
      await b.upsert(tx, [rec('x', 'from T1')]);
      written.open();
      await hold.wait;
      await b.commit(tx);
    });
    await written.wait;
    await s.db.transaction().execute(async (tx) => {
      const b = openChangeBatch(scope('run_t2'));
      await b.upsert(tx, [rec('y', 'from T2')]);
      await b.commit(tx);
    });
    const first = await feed();
    assert.deepEqual(first.data.map((x) => x.record.external_id), ['y'], 'only what committed is visible');
    hold.open();
    await t1;
    const second = await feed(first.next_cursor!);
    assert.deepEqual(second.data.map((x) => x.record.external_id), ['x'], 'T1 follows T2 in the feed: nothing skipped');
    // Why positions are not ids: T1's batch id is the smaller one, so a reader ordering by id would already have
    // moved past it when it committed.
    const ids = await s.db.selectFrom('change_batches').select(['id', 'source_id', 'seq']).where('connector_id', '=', c.id).orderBy('seq').execute();
    assert.deepEqual(ids.map((r) => r.source_id), ['run_t2', 'run_t1']);
    assert.ok(ids[1]!.id < ids[0]!.id, 'T1 had the smaller batch id');

    // While T3 holds the position lock (its commit statement ran, the transaction has not ended), T4 waits for it,
    // and a reader sees neither: positions only ever become visible as a gap-free prefix.
    const hold3 = gate();
    const locked = gate();
    const t3 = s.db.transaction().execute(async (tx) => {
      const b = openChangeBatch(scope('run_t3'));
      await b.upsert(tx, [rec('z', 'from T3')]);
      await b.commit(tx);
      locked.open();
      await hold3.wait;
    });
    await locked.wait;
    const t4 = s.db.transaction().execute(async (tx) => {
      const b = openChangeBatch(scope('run_t4'));
      await b.upsert(tx, [rec('w', 'from T4')]);
      await b.commit(tx);
    });
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual((await feed(second.next_cursor!)).data, [], 'nothing visible while the earlier position is uncommitted');
    hold3.open();
    await Promise.all([t3, t4]);
    assert.deepEqual((await feed(second.next_cursor!)).data.map((x) => [x.record.external_id, x.action, x.version]), [['z', 'added', 1], ['w', 'added', 1]]);
  });
});

describe('what a batch writes', () => {
  test('records and their changes hold exactly what the provider gave: quotes, backslashes, unicode, no raw, tombstones, repeats', async () => {
    const c = (await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'exact' })).body;
    const ws = await workspaceOf(c.id);
    const write = (records: NormalizedRecord[]) =>
      s.db.transaction().execute(async (tx) => {
        const b = openChangeBatch({ workspaceId: ws, connectorId: c.id, source: { type: 'sync_run', id: 'run_exact' } });
        const counts = await b.upsert(tx, records);
        await b.commit(tx);
        return counts;
      });
    const at = '2026-11-30T10:00:00.000Z';
    const tricky = `"quoted", back\\slash \\" {braces} [x,y] 'single' \t tab — ünïcødé 🚨 ${'long '.repeat(200)}`;
    const records: NormalizedRecord[] = [
      { kind: 'probe', external_id: 'a "quoted" id', occurred_at: at, title: tricky, url: 'https://x.test/a?b="c"&d=\\', raw: { nested: [1, 'two', { three: null }], text: tricky, n: 1.5, t: true } },
      { kind: 'probe', external_id: 'no-raw', occurred_at: at, title: 'no raw', url: null, raw: undefined },
      { kind: 'probe', external_id: 'gone', occurred_at: at, title: 'gone at the provider', url: null, raw: { id: 'gone' }, deleted: true },
      { kind: 'probe', external_id: 'twice', occurred_at: at, title: 'first', url: null, raw: { v: 1 } },
      { kind: 'probe', external_id: 'twice', occurred_at: at, title: 'second', url: null, raw: { v: 2 } },
    ];
    assert.deepEqual(await write(records), { added: 3, updated: 0, unchanged: 1, deleted: 1 });
    const stored = await s.db.selectFrom('records').select(['external_id', 'title', 'url', 'raw', 'occurred_at', 'deleted_at', 'version']).where('connector_id', '=', c.id).orderBy('external_id').execute();
    const byId = new Map(stored.map((r) => [r.external_id, r]));
    assert.equal(byId.get('a "quoted" id')!.title, tricky);
    assert.equal(byId.get('a "quoted" id')!.url, 'https://x.test/a?b="c"&d=\\');
    assert.deepEqual(byId.get('a "quoted" id')!.raw, records[0]!.raw);
    assert.equal(new Date(byId.get('a "quoted" id')!.occurred_at).toISOString(), at);
    assert.equal(byId.get('no-raw')!.raw, null, 'a record without raw stores JSON null');
    assert.equal(byId.get('no-raw')!.url, null);
    assert.ok(byId.get('gone')!.deleted_at, 'a record the provider reports deleted is a tombstone');
    assert.equal(byId.get('a "quoted" id')!.deleted_at, null);
    assert.deepEqual([byId.get('twice')!.title, byId.get('twice')!.raw], ['second', { v: 2 }], 'a record seen twice in one batch keeps its last occurrence');
    const raws = await s.db.selectFrom('records').select(sql<string>`jsonb_typeof(raw)`.as('t')).where('connector_id', '=', c.id).where('external_id', '=', 'no-raw').executeTakeFirstOrThrow();
    assert.equal(raws.t, 'null', 'JSON null, not SQL NULL');
    const feed = await readChanges(s.db, ws, { limit: 100, connector_id: c.id });
    const change = feed.data.find((x) => x.record.external_id === 'a "quoted" id')!;
    assert.equal(change.action, 'added');
    assert.equal(change.record.title, tricky);
    assert.deepEqual(change.record.raw, records[0]!.raw);
    assert.equal(feed.data.find((x) => x.record.external_id === 'gone')!.action, 'deleted');

    // The same content again (keys of raw in another order are the same JSON): unchanged, no new version.
    const again = records.slice(0, 3).map((r) => (r.external_id === 'a "quoted" id' ? { ...r, raw: { t: true, n: 1.5, text: tricky, nested: [1, 'two', { three: null }] } } : r));
    assert.deepEqual(await write(again), { added: 0, updated: 0, unchanged: 3, deleted: 0 });
    // One character more in the title: updated, version 2.
    assert.deepEqual(await write([{ ...records[0]!, title: `${tricky}!` }]), { added: 0, updated: 1, unchanged: 0, deleted: 0 });
    const v = await s.db.selectFrom('records').select(['version', 'title']).where('connector_id', '=', c.id).where('external_id', '=', 'a "quoted" id').executeTakeFirstOrThrow();
    assert.deepEqual(v, { version: 2, title: `${tricky}!` });
  });
});

describe('a NUL character from a provider', () => {
  test('is stored as U+FFFD in text, raw strings and raw keys; the text "\\u0000" stays text; the batch and the tombstones work', async () => {
    const c = (await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'nul' })).body;
    const ws = await workspaceOf(c.id);
    const at = '2026-11-30T10:00:00.000Z';
    const literal = 'a backslash then u0000: \\u0000, and two: \\\\u0000';
    const records: NormalizedRecord[] = [
      { kind: 'probe', external_id: 'id\u0000nul', occurred_at: at, title: 'before\u0000after', url: 'https://x.test/\u0000', raw: { body: 'x\u0000y', 'key\u0000': [1, '\u0000'], literal } },
      { kind: 'probe', external_id: 'plain', occurred_at: at, title: literal, url: null, raw: { literal } },
    ];
    const counts = await s.db.transaction().execute(async (tx) => {
      const b = openChangeBatch({ workspaceId: ws, connectorId: c.id, source: { type: 'sync_run', id: 'run_nul' } });
      const n = await b.upsert(tx, records);
      await b.commit(tx);
      return n;
    });
    assert.deepEqual(counts, { added: 2, updated: 0, unchanged: 0, deleted: 0 });
    const stored = new Map((await s.db.selectFrom('records').select(['external_id', 'title', 'url', 'raw']).where('connector_id', '=', c.id).execute()).map((r) => [r.external_id, r]));
    const r = '\ufffd';
    assert.deepEqual(stored.get(`id${r}nul`), { external_id: `id${r}nul`, title: `before${r}after`, url: `https://x.test/${r}`, raw: { body: `x${r}y`, [`key${r}`]: [1, r], literal } });
    assert.deepEqual(stored.get('plain'), { external_id: 'plain', title: literal, url: null, raw: { literal } }, 'backslash-u0000 as text is kept exactly');
    // A complete listing that saw the NUL id (as the provider spells it) keeps that record.
    const gone = await s.db.transaction().execute(async (tx) => {
      const b = openChangeBatch({ workspaceId: ws, connectorId: c.id, source: { type: 'sync_run', id: 'run_nul2' } });
      const n = await b.tombstoneMissing(tx, 'probe', { start: '2026-11-30T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' }, new Set(['id\u0000nul']));
      await b.commit(tx);
      return n;
    });
    assert.equal(gone, 1, 'only "plain" is missing from the listing');
    const alive = await s.db.selectFrom('records').select('external_id').where('connector_id', '=', c.id).where('deleted_at', 'is', null).execute();
    assert.deepEqual(alive.map((x) => x.external_id), [`id${r}nul`]);
  });
});

describe('the API', () => {
  test('cursors are validated, pages follow each other, filters and order work, other workspaces see nothing', async () => {
    const { id, firstRunId } = await connectProvider(s, 'pagerduty', { name: 'api' });
    await waitForRun(s, id, firstRunId!);
    for (const bad of ['nope', 'dj0xLjIuMy5kZWFkYmVlZg', Buffer.from('v1.5.0.00000000').toString('base64url')]) {
      const r = await s.api('GET', `/v1/connectors/${id}/changes?after=${bad}`);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.error.details[0].field, 'after');
    }
    assert.equal((await s.api('GET', `/v1/changes?until=garbage`)).body.error.details[0].field, 'until');
    assert.equal((await s.api('GET', `/v1/changes?limit=0`)).status, 400);
    assert.equal((await s.api('GET', `/v1/changes?connector_id=nope`)).status, 400);
    assert.equal((await s.api('GET', `/v1/connectors/${id}/changes`, undefined, { key: s.keyB })).status, 404);
    assert.equal((await s.api('GET', `/v1/changes?connector_id=${id}`, undefined, { key: s.keyB })).status, 404);
    const foreign = await s.api('GET', '/v1/changes', undefined, { key: s.keyB });
    assert.equal(foreign.body.data.length, 0, 'another workspace\'s feed is empty');

    const all: any[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await s.api('GET', `/v1/connectors/${id}/changes?limit=97${cursor ? `&after=${cursor}` : ''}`);
      assert.equal(page.status, 200, page.text);
      all.push(...page.body.data);
      cursor = page.body.next_cursor;
      if (!page.body.has_more) break;
    }
    const total = await s.db.selectFrom('change_batches as b').innerJoin('record_changes as c', 'c.batch_id', 'b.id').select((eb) => eb.fn.countAll<number>().as('n')).where('b.connector_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(all.length, Number(total.n));
    assert.equal(all.length, await s.db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n')).where('connector_id', '=', id).executeTakeFirstOrThrow().then((r) => Number(r.n)), 'a first sync: one `added` per record');
    assert.ok(all.every((x) => x.action === 'added' && x.version === 1 && x.source.type === 'sync_run' && x.source.id === firstRunId), 'every change of a first sync: added at version 1 by that run');
    const stored = await s.db.selectFrom('records').select(['external_id', 'occurred_at', 'last_changed_at']).where('connector_id', '=', id).where('external_id', '=', all[0].record.external_id).executeTakeFirstOrThrow();
    assert.deepEqual([all[0].record.occurred_at, all[0].changed_at], [stored.occurred_at.toISOString(), stored.last_changed_at.toISOString()], 'ISO-8601 UTC timestamps, to the millisecond');
    const again = await s.api('GET', `/v1/connectors/${id}/changes?after=${cursor}`);
    assert.deepEqual([again.body.data.length, again.body.next_cursor, again.body.has_more], [0, cursor, false], 'caught up: poll with the same cursor');

    const incidents = await s.api('GET', `/v1/connectors/${id}/changes?kind=incident&limit=1000`);
    assert.ok(incidents.body.data.length > 0 && incidents.body.data.every((x: any) => x.record.kind === 'incident'), 'kind filter');
    const newest = await s.api('GET', `/v1/connectors/${id}/changes?order=desc&limit=5`);
    assert.deepEqual(newest.body.data.map((x: any) => x.cursor), all.slice(-5).reverse().map((x) => x.cursor), 'newest first');
    const older = await s.api('GET', `/v1/connectors/${id}/changes?order=desc&limit=5&before=${newest.body.next_cursor}`);
    assert.deepEqual(older.body.data.map((x: any) => x.cursor), all.slice(-10, -5).reverse().map((x) => x.cursor));
    const upTo = await s.api('GET', `/v1/changes?connector_id=${id}&after=${all[9].cursor}&until=${all[19].cursor}`);
    assert.deepEqual(upTo.body.data.map((x: any) => x.cursor), all.slice(10, 20).map((x) => x.cursor), '(after, until]');
    assert.ok(!JSON.stringify(all).includes(DEMO_KEYS.pagerduty!), 'no credentials in the feed');
  });
});

describe('a consumer following the feed while everything runs', () => {
  test('three connectors syncing, a backfill, records changing throughout: the consumer ends with exactly the database, each change once', { timeout: 240_000 }, async () => {
    const types = ['pagerduty', 'opsgenie', 'linear'] as const;
    const kindOf = { pagerduty: 'incident', opsgenie: 'alert', linear: 'issue' } as const;
    const connectors: Record<string, string> = {};
    for (const t of types) {
      const { id, firstRunId } = await connectProvider(s, t, { name: `consumer ${t}` });
      connectors[t] = id;
      await waitForRun(s, id, firstRunId!);
    }
    const ws = await workspaceOf(connectors.pagerduty!);

    const seen: any[] = [];
    let cursor: string | undefined;
    let stop = false;
    const consume = async () => {
      const page = await s.api('GET', `/v1/changes?limit=37${cursor ? `&after=${cursor}` : ''}`);
      assert.equal(page.status, 200, page.text);
      seen.push(...page.body.data);
      cursor = page.body.next_cursor;
      return page.body.has_more as boolean;
    };
    const consumer = (async () => {
      while (!stop) if (!(await consume())) await new Promise((r) => setTimeout(r, 30));
    })();

    // A backfill of older history (many small page transactions) alongside.
    const end = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 8 * 86_400_000;
    const bf = await s.api('POST', `/v1/connectors/${connectors.pagerduty}/backfills`, { start: new Date(end - 4 * 86_400_000).toISOString(), end: new Date(end).toISOString(), chunk: 'PT12H' });
    assert.equal(bf.status, 202, bf.text);

    // The provider side: 100 steps of records added and changed (and Linear issues archived), syncs triggered
    // throughout — a count of steps, not a duration, so a loaded machine makes it slower, not thinner.
    let rng = 7;
    const rand = (n: number) => (rng = (rng * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    const added: Record<string, string[]> = { pagerduty: [], opsgenie: [], linear: [] };
    let step = 0;
    while (step < 100) {
      const t = types[rand(3)]!;
      const kind = kindOf[t];
      const idOf = s.emulator.state.externalIds.get(t)!;
      const r = rand(10);
      if (r < 4 || added[t]!.length < 3) added[t]!.push(...s.emulator.state.data.add(t, kind, 1 + rand(3), Date.now() - 5).map((x) => idOf(kind, x)));
      else if (r < 7 || t !== 'linear') s.emulator.state.changeRecord(t, kind, added[t]![rand(added[t]!.length)]!, { title: `revision ${step}`, ...(t === 'pagerduty' ? { status: ['acknowledged', 'triggered', 'resolved'][rand(3)] } : {}) });
      else s.emulator.state.deleteRecord(t, kind, added[t]!.splice(rand(added[t]!.length), 1)[0]!);
      if (step % 4 === 0) for (const x of types) await s.api('POST', `/v1/connectors/${connectors[x]}/sync`);
      step++;
      await new Promise((r) => setTimeout(r, 40));
    }
    // Let the last runs and the backfill finish, then one more sync each picks up the last changes.
    for (const t of types) {
      const running = (await s.api('GET', `/v1/connectors/${connectors[t]}/sync-runs?limit=1`)).body.data[0];
      if (running) await waitForRun(s, connectors[t]!, running.id);
      await new Promise((r) => setTimeout(r, 5));
      assert.equal((await syncNow(s, connectors[t]!)).status, 'succeeded');
    }
    await eventually(async () => ['succeeded', 'failed'].includes((await s.api('GET', `/v1/connectors/${connectors.pagerduty}/backfills/${bf.body.backfill_id}`)).body.status), 120_000, 'the backfill');
    stop = true;
    await consumer;
    while (await consume());

    // Every change exactly once, in order per record (versions 1, 2, 3 …), and as many as the database holds.
    const key = (x: any) => `${x.connector_id}/${x.record.kind}/${x.record.external_id}`;
    const versions = new Map<string, number>();
    const last = new Map<string, any>();
    for (const x of seen) {
      assert.equal(x.version, (versions.get(key(x)) ?? 0) + 1, `${key(x)}: version ${x.version} follows ${versions.get(key(x)) ?? 'nothing'}`);
      versions.set(key(x), x.version);
      last.set(key(x), x);
    }
    const total = await s.db.selectFrom('change_batches as b').innerJoin('record_changes as c', 'c.batch_id', 'b.id').select((eb) => eb.fn.countAll<number>().as('n')).where('b.workspace_id', '=', ws).executeTakeFirstOrThrow();
    assert.equal(seen.length, Number(total.n), 'none missing, none repeated');
    assert.equal(new Set(seen.map((x) => x.cursor)).size, seen.length);

    // The consumer's copy (of the whole workspace, earlier tests' connectors included) is exactly the database.
    const rows = await s.db.selectFrom('records').selectAll().where('connector_id', 'in', (await listConnectors(s.db, ws, { limit: 10_000 })).map((c) => c.id)).execute();
    assert.equal(last.size, rows.length, 'the consumer knows exactly the records the database holds');
    for (const r of rows) {
      const mine = last.get(`${r.connector_id}/${r.kind}/${r.external_id}`);
      assert.ok(mine, `${r.kind} ${r.external_id} seen`);
      assert.deepEqual([mine.version, mine.record.title, mine.record.deleted_at !== null], [r.version, r.title, r.deleted_at !== null], `${r.kind} ${r.external_id}`);
      assert.deepEqual(mine.record.raw, r.raw);
    }
    const updated = seen.filter((x) => x.action === 'updated').length;
    const deleted = seen.filter((x) => x.action === 'deleted').length;
    assert.ok(updated > 5 && deleted >= 1, `the run saw updates (${updated}) and deletions (${deleted})`);
    assert.ok(seen.some((x) => x.source.type === 'backfill') && seen.some((x) => x.source.type === 'sync_run'), 'changes from syncs and the backfill');
  });
});
