// Idempotency-Key on POSTs: a repeated key returns the first response; the same key with another body is refused.
import { createMiddleware } from 'hono/factory';
import type { Db } from '../../db/db.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { DomainError, invalid } from '../../lib/errors.ts';
import type { AppEnv } from '../env.ts';

export function idempotency(db: Db) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw invalid('Idempotency-Key', 'must be 1–255 printable ASCII characters');
    const workspaceId = c.get('workspaceId');
    const body = await c.req.text();
    const requestHash = sha256Hex(`${c.req.method} ${c.req.path}\n${body}`);
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({ workspace_id: workspaceId, key, method: c.req.method, path: c.req.path, request_hash: requestHash })
      .onConflict((oc) => oc.columns(['workspace_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!inserted) {
      const prior = await db.selectFrom('idempotency_keys').selectAll().where('workspace_id', '=', workspaceId).where('key', '=', key).executeTakeFirstOrThrow();
      if (prior.request_hash !== requestHash) {
        throw new DomainError('idempotency_key_mismatch', 'this Idempotency-Key was used with a different request; use a new key', [{ field: 'Idempotency-Key', message: 'reused with a different request' }]);
      }
      if (prior.status_code === null) throw new DomainError('idempotency_in_progress', 'a request with this Idempotency-Key is still in progress; retry shortly');
      return c.body(prior.response_body ?? '', prior.status_code as 200, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
    }
    await next();
    // 5xx: let the client retry. `Cache-Control: no-store` (an OAuth authorize URL): never keep that body.
    if (c.res.status >= 500 || /no-store/.test(c.res.headers.get('cache-control') ?? '')) {
      await db.deleteFrom('idempotency_keys').where('workspace_id', '=', workspaceId).where('key', '=', key).execute();
      return;
    }
    const text = await c.res.clone().text();
    await db
      .updateTable('idempotency_keys')
      .set({ status_code: c.res.status, response_body: text })
      .where('workspace_id', '=', workspaceId)
      .where('key', '=', key)
      .execute();
  });
}
