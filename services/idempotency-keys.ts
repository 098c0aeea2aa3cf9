// Idempotency keys: who holds a key, what its first request answered. A key lives 24 h (then a repeat is a new
// request); a request in progress holds a lease that it renews while it runs, so a key whose process died is
// free again once the lease lapses; an answer that carried a secret keeps only its status and resource id.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/db.ts';
import type { IdempotencyKeysTable } from '../db/schema.ts';

export const IDEMPOTENCY_TTL_HOURS = 24;
export const DEFAULT_LEASE_MS = 30_000;

export type IdempotencyRecord = Selectable<IdempotencyKeysTable>;

export interface KeyRequest {
  workspaceId: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

const expired = sql<boolean>`idempotency_keys.created_at < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`;

export function createIdempotencyKeys(db: Db, leaseMs = DEFAULT_LEASE_MS) {
  const lease = sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})`;
  const row = (r: Pick<KeyRequest, 'workspaceId' | 'key'>) => db.updateTable('idempotency_keys').where('workspace_id', '=', r.workspaceId).where('key', '=', r.key);

  return {
    /**
     * Takes the key for this request: a new key, an expired one (it behaves as new), or the same request whose
     * holder's lease lapsed. Undefined when someone else holds it or it has an answer: read it with `find`.
     */
    async claim(r: KeyRequest): Promise<boolean> {
      const taken = await db
        .insertInto('idempotency_keys')
        .values({ workspace_id: r.workspaceId, key: r.key, method: r.method, path: r.path, request_hash: r.requestHash, locked_until: lease })
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'key'])
            .doUpdateSet({
              method: r.method,
              path: r.path,
              request_hash: r.requestHash,
              status_code: null,
              response_body: null,
              secret_withheld: false,
              resource_id: null,
              created_at: sql`now()`,
              locked_until: lease,
            })
            .where((eb) =>
              eb.or([
                expired,
                eb.and([eb('idempotency_keys.status_code', 'is', null), sql<boolean>`coalesce(idempotency_keys.locked_until, '-infinity') < now()`, eb('idempotency_keys.request_hash', '=', r.requestHash)]),
              ]),
            ),
        )
        .returning('key')
        .executeTakeFirst();
      if (taken) await this.prune();
      return taken !== undefined;
    },

    async find(r: Pick<KeyRequest, 'workspaceId' | 'key'>): Promise<(IdempotencyRecord & { lease_left_ms: number }) | undefined> {
      return db
        .selectFrom('idempotency_keys')
        .selectAll()
        .select(sql<number>`greatest(0, extract(epoch from (locked_until - now())) * 1000)::float8`.as('lease_left_ms'))
        .where('workspace_id', '=', r.workspaceId)
        .where('key', '=', r.key)
        .executeTakeFirst();
    },

    /** Extends the holder's lease while its request is still running. */
    async renew(r: KeyRequest): Promise<void> {
      await row(r).set({ locked_until: lease }).where('status_code', 'is', null).where('request_hash', '=', r.requestHash).execute();
    },

    async complete(r: KeyRequest, answer: { status: number; body: string } | { status: number; secretOf?: string }): Promise<void> {
      const set = 'body' in answer ? { status_code: answer.status, response_body: answer.body } : { status_code: answer.status, secret_withheld: true, resource_id: answer.secretOf ?? null };
      await row(r).set({ ...set, locked_until: null }).where('request_hash', '=', r.requestHash).execute();
    },

    /** The request failed (5xx) or its answer must never be replayed: a repeat runs again. */
    async release(r: KeyRequest): Promise<void> {
      await db.deleteFrom('idempotency_keys').where('workspace_id', '=', r.workspaceId).where('key', '=', r.key).where('request_hash', '=', r.requestHash).execute();
    },

    /** Deletes a batch of expired keys (called as keys are taken, so storage stays about one day's keys). */
    async prune(batch = 100): Promise<void> {
      await sql`delete from idempotency_keys where (workspace_id, key) in (
        select workspace_id, key from idempotency_keys where ${expired} limit ${batch})`.execute(db);
    },
  };
}

export type IdempotencyKeys = ReturnType<typeof createIdempotencyKeys>;
