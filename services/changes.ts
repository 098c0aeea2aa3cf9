// The changes feed: every change to a workspace's records in commit order, read by position. Positions are
// (batch position, ordinal in the batch); services/records.ts explains why batch positions follow commit order.
// Cursors are opaque and checked, so a typo or a cursor from elsewhere is a 400 naming the parameter.
import { sql } from 'kysely';
import { findConnectorInWorkspace, findConnectorInWorkspaceWithDeleted } from '../db/connectors.repository.ts';
import type { DbOrTx } from '../db/db.ts';
import type { ChangeAction, ChangeSourceType } from '../db/schema.ts';
import { invalid } from '../lib/errors.ts';

export interface Position {
  seq: number;
  ordinal: number;
}

export const START: Position = { seq: 0, ordinal: 0 };

/**
 * A checksum so that a mistyped or made-up cursor is refused rather than read as a position (not a secret: a cursor
 * only ever reveals a position in the caller's own workspace). FNV-1a, cheap enough for one per change served.
 */
function check(p: Position): string {
  const s = `tributary-changes:${p.seq}:${p.ordinal}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function encodePosition(p: Position): string {
  return Buffer.from(`v1.${p.seq}.${p.ordinal}.${check(p)}`, 'utf8').toString('base64url');
}

/** Reads a cursor handed out by the feed; anything else is a 400 naming `field`. */
export function decodePosition(cursor: string, field: string): Position {
  const m = /^v1\.(\d{1,15})\.(\d{1,9})\.([0-9a-f]{8})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const p = m ? { seq: Number(m[1]), ordinal: Number(m[2]) } : undefined;
  if (!p || check(p) !== m![3]) throw invalid(field, 'is not a cursor returned by the changes feed');
  return p;
}

export interface ChangeView {
  /** This change's position: pass it as `after` to read what follows it. */
  cursor: string;
  action: ChangeAction;
  version: number;
  changed_at: string;
  connector_id: string;
  source: { type: ChangeSourceType; id: string };
  record: { kind: string; external_id: string; occurred_at: string; title: string; url: string | null; raw: unknown; deleted_at: string | null };
}

export interface ChangesPage {
  data: ChangeView[];
  /** Ascending: where to continue (`after`), also when nothing came — poll with it. Descending: `before` for older changes, or null. */
  next_cursor: string | null;
  has_more: boolean;
}

export interface ChangesQuery {
  after?: string;
  before?: string;
  until?: string;
  limit: number;
  kind?: string;
  order?: 'asc' | 'desc';
  connector_id?: string;
}

/** One page of the feed, restricted to a workspace (and optionally one connector and one kind). */
export async function readChanges(db: DbOrTx, workspaceId: string, q: ChangesQuery): Promise<ChangesPage> {
  const after = q.after ? decodePosition(q.after, 'after') : undefined;
  const before = q.before ? decodePosition(q.before, 'before') : undefined;
  const until = q.until ? decodePosition(q.until, 'until') : undefined;
  const desc = q.order === 'desc';
  // Timestamps leave PostgreSQL already as ISO-8601 text: parsing a million dates only to print them again is
  // most of what serving the feed would otherwise cost.
  const isoText = <T extends string | null = string>(col: string) => sql<T>`to_char(${sql.ref(col)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  let query = db
    .selectFrom('change_batches as b')
    .innerJoin('record_changes as c', 'c.batch_id', 'b.id')
    .select([
      'b.seq', 'c.ordinal', 'b.connector_id', 'b.source_type', 'b.source_id', 'c.action', 'c.version', 'c.kind', 'c.external_id', 'c.title', 'c.url', 'c.raw',
      isoText('c.changed_at').as('changed_at'), isoText('c.occurred_at').as('occurred_at'), isoText<string | null>('c.deleted_at').as('deleted_at'),
    ])
    .where('b.workspace_id', '=', workspaceId);
  if (q.connector_id) query = query.where('b.connector_id', '=', q.connector_id);
  if (q.kind) query = query.where('c.kind', '=', q.kind);
  if (after) query = query.where('b.seq', '>=', after.seq).where((eb) => eb.or([eb('b.seq', '>', after.seq), eb('c.ordinal', '>', after.ordinal)]));
  if (until) query = query.where('b.seq', '<=', until.seq).where((eb) => eb.or([eb('b.seq', '<', until.seq), eb('c.ordinal', '<=', until.ordinal)]));
  if (before) query = query.where('b.seq', '<=', before.seq).where((eb) => eb.or([eb('b.seq', '<', before.seq), eb('c.ordinal', '<', before.ordinal)]));
  const rows = await query
    .orderBy('b.seq', desc ? 'desc' : 'asc')
    .orderBy('c.ordinal', desc ? 'desc' : 'asc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const data: ChangeView[] = page.map((r) => ({
    cursor: encodePosition({ seq: r.seq, ordinal: r.ordinal }),
    action: r.action,
    version: r.version,
    changed_at: r.changed_at,
    connector_id: r.connector_id,
    source: { type: r.source_type, id: r.source_id },
    record: { kind: r.kind, external_id: r.external_id, occurred_at: r.occurred_at, title: r.title, url: r.url, raw: r.raw, deleted_at: r.deleted_at },
  }));
  const has_more = rows.length > q.limit;
  const last = data[data.length - 1]?.cursor;
  const next_cursor = desc ? (has_more ? last! : null) : (last ?? q.after ?? encodePosition(START));
  return { data, next_cursor, has_more };
}

export function createChangesService(deps: { db: DbOrTx }) {
  const { db } = deps;
  return {
    /** `GET /connectors/{id}/changes`: one live connector's changes. */
    async forConnector(workspaceId: string, connectorId: string, q: Omit<ChangesQuery, 'connector_id'>): Promise<ChangesPage> {
      await findConnectorInWorkspace(db, workspaceId, connectorId);
      return readChanges(db, workspaceId, { ...q, connector_id: connectorId });
    },
    /** `GET /changes`: the workspace's changes (a deleted connector's history included). */
    async forWorkspace(workspaceId: string, q: ChangesQuery): Promise<ChangesPage> {
      if (q.connector_id) await findConnectorInWorkspaceWithDeleted(db, workspaceId, q.connector_id);
      return readChanges(db, workspaceId, q);
    },
  };
}

export type ChangesService = ReturnType<typeof createChangesService>;

/** The feed range `(after, until]` that holds a run's changes (among others'), and how many are its. */
export interface ChangesRange {
  after: string;
  until: string;
  count: number;
}

/** What each sync run or backfill changed (absent: nothing), in one query. */
export async function changesRangesOf(db: DbOrTx, sourceIds: readonly string[]): Promise<Map<string, ChangesRange>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('change_batches')
    .select((eb) => [
      'source_id',
      eb.fn.min<number>('seq').as('first'),
      eb.fn.max<number>('seq').as('last'),
      eb.fn.sum<number>('changes').as('count'),
      // The last batch's size: its last ordinal.
      sql<number>`(array_agg(changes order by seq desc))[1]`.as('last_changes'),
    ])
    .where('source_id', 'in', sourceIds)
    .groupBy('source_id')
    .execute();
  return new Map(rows.map((r) => [r.source_id, {
    after: encodePosition({ seq: Number(r.first), ordinal: 0 }),
    until: encodePosition({ seq: Number(r.last), ordinal: Number(r.last_changes) }),
    count: Number(r.count),
  }]));
}

export async function changesRangeOf(db: DbOrTx, sourceId: string): Promise<ChangesRange | null> {
  return (await changesRangesOf(db, [sourceId])).get(sourceId) ?? null;
}
