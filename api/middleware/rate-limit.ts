// API rate limits at the HTTP edge (after authentication): every answer carries the IETF draft headers
// `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` and `RateLimit-Policy`; a request over a limit is a
// 429 with `Retry-After` that names the limit it hit. The counting lives in services/api-rate-limit.ts.
import { createMiddleware } from 'hono/factory';
import { policyHeader, type ApiRateLimiter, type RateDecision, type RateLimitPolicy } from '../../services/api-rate-limit.ts';
import type { AppEnv } from '../env.ts';
import { errorBody } from './errors.ts';

function headers(d: RateDecision, policy: string): Record<string, string> {
  return { 'ratelimit-limit': String(d.limit), 'ratelimit-remaining': String(d.remaining), 'ratelimit-reset': String(d.resetSeconds), 'ratelimit-policy': policy };
}

export function rateLimit(limiter: ApiRateLimiter, policy: RateLimitPolicy) {
  const policyText = policyHeader(policy);
  return createMiddleware<AppEnv>(async (c, next) => {
    // An API key's request was counted while authenticating it; a connect session's is counted here.
    const counted = c.get('rateCounted');
    const decision = counted ? counted.decision : await limiter.hit(c.get('apiKeyId'), c.get('workspaceId'));
    if (!decision) return next();
    if (!decision.allowed) {
      const message = `rate limit of ${decision.limit} requests per ${policy.windowSeconds} s per ${decision.scope} exceeded; retry in ${decision.retryAfterSeconds} s`;
      return c.json(errorBody('rate_limited', message), 429, { ...headers(decision, policyText), 'retry-after': String(decision.retryAfterSeconds) });
    }
    await next();
    for (const [k, v] of Object.entries(headers(decision, policyText))) c.res.headers.set(k, v);
  });
}
