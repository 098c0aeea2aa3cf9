// Typed Hono context: what middleware puts on every request.
import type { Logger } from '../lib/logger.ts';
import type { RateDecision } from '../services/api-rate-limit.ts';
import type { ConnectSessionContext } from '../services/connect-sessions.ts';

export type AppEnv = {
  Variables: {
    requestId: string;
    workspaceId: string;
    /** What rate limits count per: the API key, or the connect session, that authenticated the request. */
    apiKeyId: string;
    /** Set when authentication already counted the request against the rate limits (an API key): the decision. */
    rateCounted?: { decision: RateDecision | undefined };
    /** Set when a connect-session token authenticated the request: what it may touch. */
    connectSession?: ConnectSessionContext;
    /** A cross-origin caller a connect session allows: the answer carries CORS headers for it. */
    corsOrigin?: string;
    log: Logger;
    /** Set by `carriesSecret`: the response must not be stored for Idempotency-Key replay. */
    carriesSecret?: boolean;
  };
};
