// Idempotency-Key on POSTs: a repeated key returns the first response (header `Idempotency-Replayed: true`, and
// its older name `Idempotent-Replayed` as an alias); the
// same key with another request is a 422; keys live 24 h; a key whose request still runs is a 409 with
// Retry-After (its lease is renewed while it runs, and lapses if the process dies); a response that carries a
// secret is never stored (`carriesSecret`).
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../../db/db.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { DomainError, invalid } from '../../lib/errors.ts';
import { createIdempotencyKeys, DEFAULT_LEASE_MS, type IdempotencyRecord, type KeyRequest } from '../../services/idempotency-keys.ts';
import type { AppEnv } from '../env.ts';
import { errorBody } from './errors.ts';

/**
 * The one mark for a response that carries a secret (a signing secret, an API key, a session token): it is sent
 * with `Cache-Control: no-store`, and an Idempotency-Key keeps only its status and the resource it made.
 * Call it in the handler before returning the response.
 */
export function carriesSecret(c: Context<AppEnv>): void {
  c.set('carriesSecret', true);
  c.header('cache-control', 'no-store');
}

function replay(c: Context<AppEnv>, prior: IdempotencyRecord & { lease_left_ms: number }) {
  if (prior.status_code === null) {
    const seconds = Math.max(1, Math.ceil(prior.lease_left_ms / 1000));
    return c.json(errorBody('idempotency_in_progress', 'a request with this Idempotency-Key is still in progress; retry shortly'), 409, { 'retry-after': String(seconds) });
  }
  if (prior.secret_withheld) {
    const made = prior.resource_id ? `; it made ${prior.resource_id}` : '';
    throw new DomainError(
      'idempotency_secret_withheld',
      `the request with this Idempotency-Key already succeeded (${prior.status_code})${made}. Its response carried a secret, which is shown once and never stored: read the resource, and rotate its secret if it was lost`,
      [{ field: 'Idempotency-Key', message: 'already used; the first response carried a secret and is not replayed' }],
    );
  }
  return c.body(prior.response_body ?? '', prior.status_code as 200, { 'content-type': 'application/json', 'idempotency-replayed': 'true', 'idempotent-replayed': 'true' });
}

export function idempotency(db: Db, opts: { leaseMs?: number } = {}) {
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const keys = createIdempotencyKeys(db, leaseMs);
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw invalid('Idempotency-Key', 'must be 1–255 printable ASCII characters');
    const body = await c.req.text();
    const r: KeyRequest = { workspaceId: c.get('workspaceId'), key, method: c.req.method, path: c.req.path, requestHash: sha256Hex(`${c.req.method} ${c.req.path}\n${body}`) };
    if (!(await keys.claim(r))) {
      const prior = await keys.find(r);
      if (!prior) throw new DomainError('idempotency_in_progress', 'a request with this Idempotency-Key just changed hands; retry');
      if (prior.request_hash !== r.requestHash) {
        throw new DomainError('idempotency_key_mismatch', 'this Idempotency-Key was used with a different request; use a new key', [{ field: 'Idempotency-Key', message: 'reused with a different request' }]);
      }
      return replay(c, prior);
    }
    const renewal = setInterval(() => void keys.renew(r).catch(() => undefined), Math.max(50, leaseMs / 3));
    try {
      await next();
    } finally {
      clearInterval(renewal);
    }
    const status = c.res.status;
    // 5xx: the client may retry. `no-store` without a secret (an OAuth authorize URL, single-use): a repeat runs again.
    if (status >= 500 || (!c.get('carriesSecret') && /no-store/.test(c.res.headers.get('cache-control') ?? ''))) return keys.release(r);
    if (c.get('carriesSecret')) {
      const made = status < 300 ? ((await c.res.clone().json().catch(() => undefined)) as { id?: unknown } | undefined)?.id : undefined;
      return keys.complete(r, { status, secretOf: typeof made === 'string' ? made : undefined });
    }
    await keys.complete(r, { status, body: await c.res.clone().text() });
  });
}
