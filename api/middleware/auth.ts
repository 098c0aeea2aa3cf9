// Bearer API-key authentication; the key's workspace scopes everything after it.
import { createMiddleware } from 'hono/factory';
import type { Db } from '../../db/db.ts';
import { DomainError } from '../../lib/errors.ts';
import { authenticateApiKey } from '../../services/workspaces.ts';
import type { AppEnv } from '../env.ts';

export function apiKeyAuth(db: Db) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw new DomainError('unauthorized', 'missing Authorization header; send "Authorization: Bearer <api key>"');
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new DomainError('unauthorized', 'Authorization header must be "Bearer <api key>"');
    const auth = await authenticateApiKey(db, m[1]!);
    if (!auth) throw new DomainError('unauthorized', 'invalid or revoked API key');
    c.set('workspaceId', auth.workspaceId);
    c.set('apiKeyId', auth.keyId);
    await next();
  });
}
