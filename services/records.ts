// Batched, idempotent upserts of normalized records (unique on connector, kind, external id).
import { sql } from 'kysely';
import type { DbOrTx } from '../db/db.ts';
import type { NormalizedRecord } from '../providers/types.ts';

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

/**
 * Upserts a batch in one statement. A record seen again with an identical payload is left alone
 * (neither inserted nor updated); a changed payload updates the row. Duplicates inside one batch
 * collapse to the last occurrence, so the statement never touches a row twice.
 */
export async function upsertRecords(db: DbOrTx, connectorId: string, batch: readonly NormalizedRecord[]): Promise<UpsertCounts> {
  if (batch.length === 0) return { inserted: 0, updated: 0 };
  const unique = new Map<string, NormalizedRecord>();
  for (const r of batch) unique.set(`${r.kind}\u0000${r.external_id}`, r);
  const rows = [...unique.values()];
  const result = await sql<{ inserted: boolean }>`
    insert into records (connector_id, kind, external_id, occurred_at, title, url, raw)
    select ${connectorId}, t.kind, t.external_id, t.occurred_at, t.title, t.url, t.raw
    from unnest(${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.external_id)}::text[],
                ${rows.map((r) => r.occurred_at)}::timestamptz[], ${rows.map((r) => r.title)}::text[],
                ${rows.map((r) => r.url)}::text[], ${rows.map((r) => JSON.stringify(r.raw ?? null))}::jsonb[])
      as t(kind, external_id, occurred_at, title, url, raw)
    on conflict (connector_id, kind, external_id) do update
      set occurred_at = excluded.occurred_at, title = excluded.title, url = excluded.url, raw = excluded.raw, updated_at = now()
      where records.raw is distinct from excluded.raw or records.title is distinct from excluded.title
    returning (xmax = 0) as inserted`.execute(db);
  let inserted = 0;
  for (const r of result.rows) if (r.inserted) inserted++;
  return { inserted, updated: result.rows.length - inserted };
}
