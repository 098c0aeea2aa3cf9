// Typed Hono context: what middleware puts on every request.
import type { Logger } from '../lib/logger.ts';

export type AppEnv = {
  Variables: {
    requestId: string;
    workspaceId: string;
    /** The API key that authenticated the request (rate limits count per key). */
    apiKeyId: string;
    log: Logger;
    /** Set by `carriesSecret`: the response must not be stored for Idempotency-Key replay. */
    carriesSecret?: boolean;
  };
};
