// Workspaces and their API keys (stored as SHA-256 hashes; the plaintext is shown once, at creation): create,
// list, revoke, and the authentication of every request — read from PostgreSQL each time, never cached, so a
// revoked or expired key is refused at once by every API process.
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../db/db.ts';
import type { ApiKeysTable } from '../db/schema.ts';
import { randomToken, sha256Hex } from '../lib/crypto.ts';
import { notFound } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { Selectable } from 'kysely';
import type { ApiRateLimiter, CountedRow, RateDecision } from './api-rate-limit.ts';
import { decodeCursor, encodeCursor } from './pagination.ts';

export const API_KEY_PREFIX = 'trb_';

/** `last_used_at` is written at most this often per key and process (it is shown to the minute). */
const LAST_USED_EVERY_MS = 60_000;

export interface ApiKeyView {
  id: string;
  name: string;
  /** The first characters of the key, to recognise it (`trb_abc123`). */
  prefix: string;
  created_at: string;
  created_by: string | null;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function keyView(row: Selectable<ApiKeysTable>): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: row.created_at.toISOString(),
    created_by: row.created_by,
    last_used_at: iso(row.last_used_at),
    expires_at: iso(row.expires_at),
    revoked_at: iso(row.revoked_at),
  };
}

async function insertKey(db: DbOrTx, workspaceId: string, opts: { name: string; expiresAt: Date | null; createdBy: string }) {
  const key = `${API_KEY_PREFIX}${randomToken(32)}`;
  const row = await db
    .insertInto('api_keys')
    .values({ id: newId('key'), workspace_id: workspaceId, key_hash: sha256Hex(key), prefix: key.slice(0, 10), name: opts.name, expires_at: opts.expiresAt, created_by: opts.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { key, row };
}

/** Bootstrapping (CLI, dev stack, tests): creates the workspace if needed and a new API key for it. */
export async function createApiKey(db: DbOrTx, workspaceName: string, name = 'bootstrap'): Promise<{ key: string; workspaceId: string; keyId: string }> {
  await db
    .insertInto('workspaces')
    .values({ id: newId('ws'), name: workspaceName })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const ws = await db.selectFrom('workspaces').select('id').where('name', '=', workspaceName).executeTakeFirstOrThrow();
  const { key, row } = await insertKey(db, ws.id, { name, expiresAt: null, createdBy: 'cli' });
  return { key, workspaceId: ws.id, keyId: row.id };
}

export type KeyAuthentication = { ok: true; workspaceId: string; keyId: string; rate?: RateDecision } | { ok: false; reason: string };

const lastUsedWritten = new Map<string, number>();

interface KeyRow {
  id: string;
  workspace_id: string;
  revoked_at: Date | null;
  expires_at: Date | null;
  expired: boolean;
  counted: CountedRow[] | null;
}

/**
 * Resolves a presented key (by its hash) to its workspace, for `n` requests that presented it: unknown, revoked and
 * expired keys are refused with the reason. With a rate limiter, the same statement counts the requests against the
 * key's and its workspace's limits (only for a usable key): authentication and counting are one round trip to
 * PostgreSQL, and each answer's `rate` carries its request's decision.
 */
async function authenticateKeyHash(db: Db, hash: string, n: number, limiter?: ApiRateLimiter): Promise<KeyAuthentication[]> {
  const win = limiter?.enabled ? limiter.windowNow() : undefined;
  const key = sql`select id, workspace_id, revoked_at, expires_at, expires_at is not null and expires_at <= now() as expired
    from api_keys where key_hash = ${hash}`;
  const { rows } = await (win
    ? sql<KeyRow>`
        with k as (${key}),
        counted as (${limiter!.counting(sql`select id as key_id, workspace_id from k where revoked_at is null and not expired`, win, n)})
        select k.*, (select json_agg(counted) from counted) as counted from k`
    : sql<KeyRow>`select k.*, null as counted from (${key}) k`
  ).execute(db);
  const row = rows[0];
  const refused = (reason: string) => new Array<KeyAuthentication>(n).fill({ ok: false, reason });
  if (!row) return refused('invalid API key');
  if (row.revoked_at) return refused(`API key ${row.id} was revoked at ${iso(row.revoked_at)}`);
  if (row.expired) return refused(`API key ${row.id} expired at ${iso(row.expires_at)}`);
  const now = Date.now();
  if (now - (lastUsedWritten.get(row.id) ?? 0) > LAST_USED_EVERY_MS) {
    lastUsedWritten.set(row.id, now);
    // Not awaited on the request's path; a lost write only makes `last_used_at` a minute older.
    void db.updateTable('api_keys').set({ last_used_at: new Date(now) }).where('id', '=', row.id).execute().catch(() => lastUsedWritten.delete(row.id));
  }
  const rates = win ? await limiter!.settleMany(row.counted ?? [], win, n) : new Array<undefined>(n).fill(undefined);
  return rates.map((rate) => ({ ok: true, workspaceId: row.workspace_id, keyId: row.id, ...(rate ? { rate } : {}) }));
}

const usableShape = (presented: string) => presented.startsWith(API_KEY_PREFIX) && presented.length <= 200;

/** One request's key, found (and counted, with `limiter`) by a statement of its own. */
export async function authenticateApiKey(db: Db, presented: string, limiter?: ApiRateLimiter): Promise<KeyAuthentication> {
  if (!usableShape(presented)) return { ok: false, reason: 'invalid API key' };
  return (await authenticateKeyHash(db, sha256Hex(presented), 1, limiter))[0]!;
}

/** At most this many requests of one key share a statement. */
const MAX_KEY_BATCH = 100;

/**
 * The API process's key authentication: requests presenting a key while a statement for that key is in flight wait
 * for it to finish and then share the next one, which finds the key once and counts them all (`n` hits at once,
 * each request decided in turn). A busy key then costs one round trip per batch instead of one per request, and
 * its two counter rows are updated once per batch instead of by every request in a queue of row locks. Nothing is
 * cached: every request is answered by a statement that started after it arrived, so a revoked key is refused at
 * once as before.
 */
export function createKeyAuthenticator(db: Db, limiter?: ApiRateLimiter): (presented: string) => Promise<KeyAuthentication> {
  type Waiter = { resolve: (a: KeyAuthentication) => void; reject: (err: unknown) => void };
  /** Key hash → the requests waiting for the next statement; present while one is in flight. */
  const waiting = new Map<string, Waiter[]>();

  const run = async (hash: string, batch: Waiter[]): Promise<void> => {
    try {
      const answers = await authenticateKeyHash(db, hash, batch.length, limiter);
      batch.forEach((w, i) => w.resolve(answers[i]!));
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  };
  const next = (hash: string): void => {
    const queue = waiting.get(hash)!;
    if (!queue.length) return void waiting.delete(hash);
    void run(hash, queue.splice(0, MAX_KEY_BATCH)).then(() => next(hash));
  };

  return (presented) => {
    if (!usableShape(presented)) return Promise.resolve({ ok: false, reason: 'invalid API key' });
    const hash = sha256Hex(presented);
    return new Promise<KeyAuthentication>((resolve, reject) => {
      const queue = waiting.get(hash);
      if (queue) return void queue.push({ resolve, reject });
      waiting.set(hash, []);
      void run(hash, [{ resolve, reject }]).then(() => next(hash));
    });
  };
}

export function createApiKeyService(db: Db) {
  return {
    /** A new key (the plaintext is in this answer only). */
    async create(workspaceId: string, createdBy: string, input: { name: string; expires_in_days?: number }): Promise<ApiKeyView & { key: string }> {
      const expiresAt = input.expires_in_days === undefined ? null : new Date(Date.now() + input.expires_in_days * 86_400_000);
      const { key, row } = await insertKey(db, workspaceId, { name: input.name, expiresAt, createdBy });
      return { ...keyView(row), key };
    },

    /** The workspace's keys, newest first; revoked ones only when asked. */
    async list(workspaceId: string, q: { limit: number; cursor?: string; include_revoked?: boolean }) {
      let query = db.selectFrom('api_keys').selectAll().where('workspace_id', '=', workspaceId).orderBy('id', 'desc').limit(q.limit + 1);
      if (!q.include_revoked) query = query.where('revoked_at', 'is', null);
      if (q.cursor) query = query.where('id', '<', decodeCursor(q.cursor, 'key'));
      const rows = await query.execute();
      const page = rows.slice(0, q.limit);
      return { data: page.map(keyView), next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!.id) : null };
    },

    async get(workspaceId: string, id: string): Promise<ApiKeyView> {
      const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
      if (!row) throw notFound('API key', id);
      return keyView(row);
    },

    /** Revokes a key: every later request with it is a 401, whichever API process serves it. Revoking twice is a no-op. */
    async revoke(workspaceId: string, id: string): Promise<void> {
      const row = await db
        .updateTable('api_keys')
        .set({ revoked_at: sql`coalesce(revoked_at, now())` })
        .where('id', '=', id)
        .where('workspace_id', '=', workspaceId)
        .returning('id')
        .executeTakeFirst();
      if (!row) throw notFound('API key', id);
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
