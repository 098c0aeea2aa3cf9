// Bearer authentication: a workspace API key (`trb_…`), or a connect-session token (`tcs_…`) that may only call
// the operations that list the `connectSession` scheme. Both are checked in PostgreSQL on every request (no
// cache), so a revoked or expired key, or a spent session, is refused at once by every API process.
import { createMiddleware } from 'hono/factory';
import type { Db } from '../../db/db.ts';
import { DomainError } from '../../lib/errors.ts';
import { authenticateConnectSession, CONNECT_SESSION_TOKEN_PREFIX } from '../../services/connect-sessions.ts';
import type { ApiRateLimiter } from '../../services/api-rate-limit.ts';
import { createKeyAuthenticator } from '../../services/workspaces.ts';
import type { AppEnv } from '../env.ts';

/** With `limiter`, an API key's request is counted by the statement that finds the key (the rate-limit middleware decides). */
export function authenticate(db: Db, limiter?: ApiRateLimiter) {
  // Concurrent requests of one key share a statement (services/workspaces.ts).
  const authenticateApiKey = createKeyAuthenticator(db, limiter);
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw new DomainError('unauthorized', 'missing Authorization header; send "Authorization: Bearer <api key>"');
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new DomainError('unauthorized', 'Authorization header must be "Bearer <api key>"');
    const token = m[1]!;
    if (token.startsWith(CONNECT_SESSION_TOKEN_PREFIX)) {
      const auth = await authenticateConnectSession(db, token);
      const origin = c.req.header('origin');
      const origins = auth.ok ? auth.session.allowedOrigins : (auth.allowedOrigins ?? []);
      if (origin && origins.includes(origin)) c.set('corsOrigin', origin); // so that the caller can read even a 401
      if (!auth.ok) throw new DomainError('unauthorized', auth.reason);
      c.set('workspaceId', auth.session.workspaceId);
      c.set('apiKeyId', auth.session.id);
      c.set('connectSession', auth.session);
    } else {
      const auth = await authenticateApiKey(token);
      if (!auth.ok) throw new DomainError('unauthorized', auth.reason);
      c.set('workspaceId', auth.workspaceId);
      c.set('apiKeyId', auth.keyId);
      if (limiter) c.set('rateCounted', { decision: auth.rate });
    }
    await next();
  });
}
