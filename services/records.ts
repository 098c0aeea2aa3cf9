// Records and their history — the one place records are written. A change batch (one per writing transaction)
// upserts records, bumping a record's version only when its content really changed; writes every change (the
// record as it is at that version) to the change log; tombstones what a complete listing no longer has; and, as
// the transaction's last statement, takes the workspace's next feed position (see `commit`).
import { sql } from 'kysely';
import type { DbOrTx } from '../db/db.ts';
import type { ChangeAction, ChangeSourceType } from '../db/schema.ts';
import type { NormalizedRecord, TimeWindow } from '../providers/types.ts';

export interface ChangeCounts {
  added: number;
  updated: number;
  /** Fetched again with identical content (repeats inside one batch included): no new version, no change row. */
  unchanged: number;
  deleted: number;
}

export const noChanges = (): ChangeCounts => ({ added: 0, updated: 0, unchanged: 0, deleted: 0 });

export function addCounts(a: ChangeCounts, b: ChangeCounts): ChangeCounts {
  return { added: a.added + b.added, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged, deleted: a.deleted + b.deleted };
}

/** Who writes: the workspace (whose feed the changes join), the connector, and the run or backfill. */
export interface ChangeScope {
  workspaceId: string;
  connectorId: string;
  source: { type: ChangeSourceType; id: string };
}

/** The changes a writing transaction made; call `commit` as its last statement (nothing after it may wait on a lock). */
export interface ChangeBatch {
  /** Upserts a page of records. Records seen twice in `records` collapse to the last occurrence. */
  upsert(tx: DbOrTx, records: readonly NormalizedRecord[]): Promise<ChangeCounts>;
  /**
   * A complete listing of `kind` over `window` (by occurrence) found only `seen`: every other live record of that
   * kind there is gone at the provider and becomes a tombstone (version + 1, `deleted`). Returns how many.
   */
  tombstoneMissing(tx: DbOrTx, kind: string, window: TimeWindow, seen: ReadonlySet<string>): Promise<number>;
  /** Gives the batch its feed position (or does nothing when it changed nothing). Returns the position. */
  commit(tx: DbOrTx): Promise<number | null>;
  readonly counts: ChangeCounts;
}

/**
 * PostgreSQL's text and jsonb cannot hold the NUL character (U+0000), and a provider's data sometimes has one (a
 * pasted binary string in an issue body, say); as it was, such a record failed its whole batch on every retry. It is
 * stored as U+FFFD (the replacement character) instead, in text and in raw's strings and keys alike. In the JSON
 * document a NUL is the escape `\u0000`; the text is rewritten only where that escape is one (not an escaped
 * backslash followed by `u0000`, which is text), so a batch without NUL pays one `includes`.
 */
function withoutNul(json: string): string {
  if (!json.includes('\\u0000')) return json;
  // An escape starts after an even number of backslashes: `\u0000` is a NUL, `\\u0000` a backslash and "u0000".
  return json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd');
}

/**
 * The upsert's input: a page's records as one JSON document (`jsonb_to_recordset` reads it with `UPSERT_ROW`). One
 * native JSON.stringify instead of seven parameter arrays that pg escapes element by element in JavaScript (that took
 * 32–37 µs of the worker's CPU per record, now 6–11; README › Benchmarks › ingest). A record without `raw` stores JSON
 * null, as it always has.
 */
export function upsertDocument(rows: readonly NormalizedRecord[]): string {
  return withoutNul(JSON.stringify(rows.map((r) => ({ kind: r.kind, external_id: r.external_id, occurred_at: r.occurred_at, title: r.title, url: r.url, raw: r.raw ?? null, gone: r.deleted === true }))));
}

/** The row type `jsonb_to_recordset` reads an `upsertDocument` as. */
export const UPSERT_ROW = sql`kind text, external_id text, occurred_at timestamptz, title text, url text, raw jsonb, gone boolean`;

/** Columns of a change row after `batch_id, ordinal`: what a version of a record looked like, and why it exists. */
const CHANGE_COLUMNS = sql`record_id, kind, external_id, action, version, changed_at, occurred_at, title, url, raw, deleted_at`;

/**
 * Opens a batch for one transaction. Must not be reused after that transaction rolls back (open a new one).
 *
 * Why positions are taken at commit: transactions commit out of order, so an id assigned while writing would let a
 * reader pass over a row that commits later with a smaller id. Instead the change rows wait under a batch id, and the
 * batch's position comes from the workspace's counter row, locked by the transaction's last statement and held until
 * it commits. PostgreSQL makes a committed transaction visible before it releases its locks, so a batch at position
 * n+1 is only ever visible after n is — the feed is a gap-free prefix and `position > cursor` misses nothing.
 */
export function openChangeBatch(scope: ChangeScope): ChangeBatch {
  let batchId: number | null = null;
  let ordinals = 0;
  const counts = noChanges();

  const id = async (tx: DbOrTx): Promise<number> => {
    if (batchId === null) {
      const r = await sql<{ id: number }>`select nextval('change_batch_ids') as id`.execute(tx);
      batchId = Number(r.rows[0]!.id);
    }
    return batchId;
  };

  const tally = (actions: ReadonlyArray<{ action: ChangeAction }>): ChangeCounts => {
    const c = noChanges();
    for (const a of actions) c[a.action]++;
    ordinals += actions.length;
    return c;
  };

  return {
    counts,

    async upsert(tx, records) {
      if (records.length === 0) return noChanges();
      const unique = new Map<string, NormalizedRecord>();
      for (const r of records) unique.set(`${r.kind}\u0000${r.external_id}`, r);
      const rows = [...unique.values()];
      const batch = await id(tx);
      // One statement: the upsert bumps the version only where content (or the deletion state) differs, and every
      // row it returns — new, changed, deleted, restored — becomes a change row in the same statement. A row deleted
      // by this statement has `deleted_at = now()`; one edited while already deleted keeps its older `deleted_at`.
      // The rows travel as one JSON document (`upsertDocument`).
      const input = upsertDocument(rows);
      const result = await sql<{ action: ChangeAction }>`
        with input as (
          select kind, external_id, occurred_at, title, url, coalesce(raw, 'null'::jsonb) as raw, coalesce(gone, false) as gone
          from jsonb_to_recordset(${input}::jsonb) as t(${UPSERT_ROW})
        ), up as (
          insert into records (connector_id, kind, external_id, occurred_at, title, url, raw, deleted_at)
          select ${scope.connectorId}, kind, external_id, occurred_at, title, url, raw, case when gone then now() end from input
          on conflict (connector_id, kind, external_id) do update
            set occurred_at = excluded.occurred_at, title = excluded.title, url = excluded.url, raw = excluded.raw,
                deleted_at = case when excluded.deleted_at is null then null else coalesce(records.deleted_at, excluded.deleted_at) end,
                version = records.version + 1, last_changed_at = now()
            where records.raw is distinct from excluded.raw or records.title is distinct from excluded.title
               or records.url is distinct from excluded.url or records.occurred_at is distinct from excluded.occurred_at
               or (records.deleted_at is null) <> (excluded.deleted_at is null)
          -- An insert has version 1, an update at least 2. (Not \`xmax = 0\`: system columns cannot be read from a
          -- partitioned table's RETURNING — records are partitioned by connector.)
          returning id, kind, external_id, version, occurred_at, title, url, raw, deleted_at, (version = 1) as inserted
        )
        insert into record_changes (batch_id, ordinal, ${CHANGE_COLUMNS})
        select ${batch}, ${ordinals} + row_number() over (), id, kind, external_id,
               case when deleted_at = now() then 'deleted' when inserted then 'added' else 'updated' end,
               version, now(), occurred_at, title, url, raw, deleted_at
        from up
        returning action`.execute(tx);
      const c = tally(result.rows);
      c.unchanged = records.length - result.rows.length;
      Object.assign(counts, addCounts(counts, c));
      return c;
    },

    async tombstoneMissing(tx, kind, window, seen) {
      const batch = await id(tx);
      const result = await sql<{ action: ChangeAction }>`
        with gone as (
          update records set deleted_at = now(), version = version + 1, last_changed_at = now()
          where connector_id = ${scope.connectorId} and kind = ${kind} and deleted_at is null
            and occurred_at >= ${window.start}::timestamptz and occurred_at < ${window.end}::timestamptz
            and external_id not in (select unnest(${[...seen].map((id) => id.replaceAll('\u0000', '\ufffd'))}::text[]))
          returning id, kind, external_id, version, occurred_at, title, url, raw, deleted_at
        )
        insert into record_changes (batch_id, ordinal, ${CHANGE_COLUMNS})
        select ${batch}, ${ordinals} + row_number() over (), id, kind, external_id, 'deleted', version, now(), occurred_at, title, url, raw, deleted_at
        from gone
        returning action`.execute(tx);
      const c = tally(result.rows);
      counts.deleted += c.deleted;
      return c.deleted;
    },

    async commit(tx) {
      if (batchId === null || ordinals === 0) return null;
      const r = await sql<{ seq: number }>`
        with pos as (
          insert into change_counters (workspace_id, last_seq) values (${scope.workspaceId}, 1)
          on conflict (workspace_id) do update set last_seq = change_counters.last_seq + 1
          returning last_seq
        )
        insert into change_batches (id, workspace_id, seq, connector_id, source_type, source_id, changes)
        select ${batchId}, ${scope.workspaceId}, last_seq, ${scope.connectorId}, ${scope.source.type}, ${scope.source.id}, ${ordinals} from pos
        returning seq`.execute(tx);
      return Number(r.rows[0]!.seq);
    },
  };
}
