// The records table laid out for growth (migrations/20261204T0900_records_partitioned.ts): hash-partitioned by
// connector, each connector's rows in one partition, existing rows and ids kept through up and down, the upsert's
// conflict rule and the id sequence still working, and a connector-scoped statement touching one partition only.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createDb, migratorOf, migrateToLatest, type Db } from '../db/db.ts';
import { insertConnector } from '../db/connectors.repository.ts';
import { ensureDatabase } from '../dev/postgres.ts';
import { newId } from '../lib/ids.ts';
import { openChangeBatch } from '../services/records.ts';
import { createApiKey } from '../services/workspaces.ts';

const BEFORE = '20261203T0900_api_keys_connect_sessions';
const PARTITIONED = '20261204T0900_records_partitioned';
let db: Db;
before(async () => {
  const admin = process.env.TEST_PG_ADMIN_URL;
  if (!admin) throw new Error('run tests with `npm test` (the harness starts PostgreSQL)');
  const name = `t_${randomBytes(5).toString('hex')}`;
  await ensureDatabase(admin, name);
  db = createDb(admin.replace(/\/postgres$/, `/${name}`), 4);
});
after(async () => {
  await db?.destroy();
});

const migrateTo = async (name: string) => {
  const { error } = await migratorOf(db).migrateTo(name);
  if (error) throw error;
};

/** Every row as text, in id order: what must survive the migration unchanged. */
const snapshot = async () => (await sql<{ r: string }>`select row_to_json(x)::text as r from (select * from records order by id) x`.execute(db)).rows.map((x) => x.r);
const partitions = async () =>
  (await sql<{ name: string }>`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'records'::regclass order by 1`.execute(db)).rows.map((r) => r.name);
const strategy = async () => (await sql<{ s: string | null }>`select (select partstrat::text from pg_partitioned_table where partrelid = 'records'::regclass) as s`.execute(db)).rows[0]!.s;

test('records become hash-partitioned by connector, keeping every row, id and the sequence, and back again', async () => {
  await migrateTo(BEFORE);
  const { workspaceId } = await createApiKey(db, 'partitioning');
  const connectors: string[] = [];
  for (let i = 0; i < 6; i++) {
    const id = newId('con');
    connectors.push(id);
    await insertConnector(db, { id, workspace_id: workspaceId, type: 'pagerduty', name: `c${i}`, status: 'connected' });
    await sql`insert into records (connector_id, kind, external_id, occurred_at, title, url, raw, version, deleted_at)
      select ${id}, 'incident', 'P' || g, now() - make_interval(mins => g), 'incident ' || g, null, jsonb_build_object('n', g), 1 + g % 3,
             case when g % 7 = 0 then now() end
      from generate_series(1, 40) g`.execute(db);
  }
  const rows = await snapshot();
  const maxId = Number((await sql<{ m: number }>`select max(id) as m from records`.execute(db)).rows[0]!.m);
  assert.equal(rows.length, 240);
  assert.equal(await strategy(), null, 'a plain table before');

  await migrateTo(PARTITIONED);
  assert.equal(await strategy(), 'h', 'hash-partitioned (pg_partitioned_table)');
  assert.deepEqual(await partitions(), Array.from({ length: 16 }, (_, i) => `records_p${String(i).padStart(2, '0')}`));
  assert.deepEqual(await snapshot(), rows, 'every row and id kept');
  const placement = await sql<{ connector_id: string; n: number }>`select connector_id, count(distinct tableoid)::int as n from records group by 1`.execute(db);
  assert.equal(placement.rows.length, 6);
  for (const p of placement.rows) assert.equal(p.n, 1, `${p.connector_id}: all its rows in one partition`);
  assert.equal((await sql<{ s: string }>`select pg_get_serial_sequence('records', 'id') as s`.execute(db)).rows[0]!.s, 'public.records_id_seq');

  // The writer's upsert still finds its conflicts: a changed record gets a new version, an identical one nothing.
  const scope = { workspaceId, connectorId: connectors[0]!, source: { type: 'sync_run' as const, id: 'run_x' } };
  const counts = await db.transaction().execute(async (tx) => {
    const batch = openChangeBatch(scope);
    const c = await batch.upsert(tx, [
      { kind: 'incident', external_id: 'P1', occurred_at: new Date(0).toISOString(), title: 'changed', url: null, raw: { n: 1 } },
      { kind: 'incident', external_id: 'P2', ...(await sql<any>`select occurred_at::text as occurred_at, title, url, raw from records where connector_id = ${connectors[0]} and external_id = 'P2'`.execute(tx)).rows[0] },
      { kind: 'incident', external_id: 'NEW', occurred_at: new Date().toISOString(), title: 'new', url: null, raw: {} },
    ]);
    await batch.commit(tx);
    return c;
  });
  assert.deepEqual(counts, { added: 1, updated: 1, unchanged: 1, deleted: 0 });
  const added = await db.selectFrom('records').select(['id', 'version']).where('connector_id', '=', connectors[0]!).where('external_id', '=', 'NEW').executeTakeFirstOrThrow();
  assert.ok(added.id > maxId, 'the sequence carries on after the copied ids');
  assert.equal((await db.selectFrom('records').select('version').where('connector_id', '=', connectors[0]!).where('external_id', '=', 'P1').executeTakeFirstOrThrow()).version, 3);

  // A connector-scoped statement (the purge of a deleted connector's records) reads one partition, not sixteen.
  const plan = (await sql<{ p: string }>`explain delete from records where connector_id = ${sql.lit(connectors[1]!)}
    and id in (select id from records where connector_id = ${sql.lit(connectors[1]!)} limit 100)`.execute(db)).rows.map((r) => Object.values(r)[0]).join('\n');
  assert.equal(new Set(plan.match(/records_p\d\d/g)).size, 1, plan);

  const after = await snapshot();
  await migrateTo(BEFORE); // this migration's down (and any later one's)
  assert.equal(await strategy(), null, 'a plain table after down');
  assert.deepEqual(await partitions(), []);
  assert.deepEqual(await snapshot(), after, 'down keeps every row');
  const next = await sql<{ id: number }>`insert into records (connector_id, kind, external_id, occurred_at, title, raw)
    values (${connectors[2]}, 'incident', 'AFTER-DOWN', now(), 't', '{}') returning id`.execute(db);
  assert.ok(next.rows[0]!.id > added.id, 'the sequence survived down');

  await migrateToLatest(db);
  assert.equal(await strategy(), 'h');
  assert.equal((await snapshot()).length, after.length + 1, 'up again keeps the rows');
});

// migrations/20261206T0900_records_write_path.ts: the two per-row foreign keys of the write path go; down brings them
// back, first removing any row they would refuse.
test('the records write path drops its per-row foreign keys, and down restores them', async () => {
  await migrateToLatest(db);
  const fks = async () =>
    (await sql<{ name: string }>`select conname as name from pg_constraint where contype = 'f' and conrelid in ('records'::regclass, 'record_changes'::regclass) order by 1`.execute(db)).rows.map((r) => r.name);
  assert.deepEqual(await fks(), []);
  // What only a writer going around services/records.ts could leave: a record of no connector, a change row of no batch.
  await sql`insert into records (connector_id, kind, external_id, occurred_at, title, raw) values ('con_nobody', 'incident', 'X', now(), 't', '{}')`.execute(db);
  await sql`insert into record_changes (batch_id, ordinal, record_id, kind, external_id, action, version, changed_at, occurred_at, title, raw)
    values (-1, 1, 1, 'incident', 'X', 'added', 1, now(), now(), 't', '{}')`.execute(db);
  const kept = (await snapshot()).filter((r) => !r.includes('con_nobody'));

  await migrateTo('20261205T0900_tick_revision');
  assert.deepEqual(await fks(), ['record_changes_batch_id_fkey', 'records_connector_id_fkey']);
  assert.deepEqual(await snapshot(), kept, 'only the orphan record went');
  assert.equal((await sql<{ n: number }>`select count(*)::int as n from record_changes where batch_id = -1`.execute(db)).rows[0]!.n, 0);

  await migrateToLatest(db);
  assert.deepEqual(await fks(), []);
});
