// Records laid out for growth: `records` becomes HASH-partitioned by connector_id (16 partitions, records_p00…p15).
// Every query is scoped to one connector (upsert by identity, a connector's list, tombstones, the purge of a deleted
// connector), so each touches one partition and its small indexes. Why 16 and why not record_changes: docs/SCALING.md.
//
// The rows are copied inside this migration's transaction (the old table is locked meanwhile): run it with the
// workers stopped on a large table. Ids keep their values and the sequence (records_id_seq) carries on.
import { sql, type Kysely } from 'kysely';

const PARTITIONS = 16;
const COLUMNS = sql.raw('id, connector_id, kind, external_id, occurred_at, title, url, raw, first_seen_at, last_changed_at, version, deleted_at');
const partitionName = (i: number) => `records_p${String(i).padStart(2, '0')}`;

/** The column list both layouts share; `id` keeps taking its values from the same sequence. */
const columnDefinitions = sql.raw(`
  id bigint not null default nextval('records_id_seq'),
  connector_id text not null,
  kind text not null,
  external_id text not null,
  occurred_at timestamptz not null,
  title text not null,
  url text,
  raw jsonb not null,
  first_seen_at timestamptz not null default now(),
  last_changed_at timestamptz not null default now(),
  version integer not null default 1,
  deleted_at timestamptz`);

/** Moves the current table (and its index names, which are schema-wide) aside as `records_old`. */
async function setAside(db: Kysely<any>, indexes: string[]): Promise<void> {
  await sql`alter table records rename to records_old`.execute(db);
  for (const name of indexes) await sql`alter index ${sql.id(name)} rename to ${sql.id(`${name}_old`)}`.execute(db);
}

/** Copies every row into the new `records`, hands it the sequence, and drops the old table. */
async function moveRowsAndSwap(db: Kysely<any>): Promise<void> {
  await sql`insert into records (${COLUMNS}) select ${COLUMNS} from records_old`.execute(db);
  // The sequence belongs to the old table's column: move it first, or dropping the old table drops it too.
  await sql`alter sequence records_id_seq owned by records.id`.execute(db);
  await sql`drop table records_old`.execute(db);
  await sql`analyze records`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await setAside(db, ['records_pkey', 'records_identity', 'records_connector_id_idx', 'records_connector_kind_occurred_idx']);
  // The key must contain the partition key: (connector_id, id) — it also serves the records list's (connector, id desc)
  // order, which the separate records_connector_id_idx used to.
  await sql`
    create table records (${columnDefinitions},
      constraint records_pkey primary key (connector_id, id),
      constraint records_identity unique (connector_id, kind, external_id),
      constraint records_connector_id_fkey foreign key (connector_id) references connectors (id) on delete cascade
    ) partition by hash (connector_id)`.execute(db);
  for (let i = 0; i < PARTITIONS; i++) {
    await sql`create table ${sql.table(partitionName(i))} partition of records for values with (modulus ${sql.lit(PARTITIONS)}, remainder ${sql.lit(i)})`.execute(db);
  }
  await sql`create index records_connector_kind_occurred_idx on records (connector_id, kind, occurred_at)`.execute(db);
  await moveRowsAndSwap(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await setAside(db, ['records_pkey', 'records_identity', 'records_connector_kind_occurred_idx']);
  await sql`
    create table records (${columnDefinitions},
      constraint records_pkey primary key (id),
      constraint records_identity unique (connector_id, kind, external_id),
      constraint records_connector_id_fkey foreign key (connector_id) references connectors (id) on delete cascade
    )`.execute(db);
  await sql`create index records_connector_id_idx on records (connector_id, id)`.execute(db);
  await sql`create index records_connector_kind_occurred_idx on records (connector_id, kind, occurred_at)`.execute(db);
  await moveRowsAndSwap(db);
}
