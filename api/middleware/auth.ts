// Bearer API-key authentication; the key's workspace scopes everything after it. The same round trip counts the
// request against the key's and the workspace's rate limits (services/api-rate-limit.ts); the decision is applied by
// the rate-limit middleware after it.
import { createMiddleware } from 'hono/factory';
import { DomainError } from '../../lib/errors.ts';
import type { ApiRateLimiter } from '../../services/api-rate-limit.ts';
import type { AppEnv } from '../env.ts';

export function apiKeyAuth(limiter: ApiRateLimiter) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw new DomainError('unauthorized', 'missing Authorization header; send "Authorization: Bearer <api key>"');
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new DomainError('unauthorized', 'Authorization header must be "Bearer <api key>"');
    const auth = await limiter.authenticate(m[1]!);
    if (!auth) throw new DomainError('unauthorized', 'invalid or revoked API key');
    c.set('workspaceId', auth.workspaceId);
    c.set('apiKeyId', auth.keyId);
    if (auth.decision) c.set('rateDecision', auth.decision);
    await next();
  });
}
