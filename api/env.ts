// Typed Hono context: what middleware puts on every request.
import type { Logger } from '../lib/logger.ts';
import type { RateDecision } from '../services/api-rate-limit.ts';

export type AppEnv = {
  Variables: {
    requestId: string;
    workspaceId: string;
    /** The API key that authenticated the request (rate limits count per key). */
    apiKeyId: string;
    /** The request's rate-limit decision, counted while authenticating (absent when no limit is configured). */
    rateDecision?: RateDecision;
    log: Logger;
    /** Set by `carriesSecret`: the response must not be stored for Idempotency-Key replay. */
    carriesSecret?: boolean;
  };
};
